#include "SimPeople.h"

#include "sim/SimOptions.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

const char *const kFirst[] = {"alice", "bob",   "carla",   "deepak", "erin", "farid", "grace",
                              "hiro",  "ines",  "jonas",   "keiko",  "liam", "maya",  "nadia",
                              "omar",  "priya", "quentin", "rosa",   "sven", "tara",  "umar",
                              "vera",  "wei",   "ximena",  "yusuf",  "zoe"};
const char *const kLast[] = {"nguyen", "smith",  "garcia", "mueller",  "rossi",  "kim",
                             "patel",  "silva",  "dubois", "kowalski", "tanaka", "okafor",
                             "jensen", "haddad", "novak",  "olsen",    "reyes"};
const char *const kTeams[] = {"platform", "search",   "growth",      "data-science", "support",
                              "mobile",   "research", "finance-ops", "security",     "marketing",
                              "infra",    "payments", "legal",       "sales-eng"};

template <typename T, size_t N> QString pick(const T (&list)[N], quint64 h) {
    return QString::fromLatin1(list[h % N]);
}

QJsonValue nullable(const QString &s) {
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

template <typename T> QJsonValue nullable(const std::optional<T> &v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QString uuidFrom(quint64 a, quint64 b) {
    const QString hex =
        QStringLiteral("%1%2").arg(a, 16, 16, QLatin1Char('0')).arg(b, 16, 16, QLatin1Char('0'));
    return hex.left(8) + u'-' + hex.mid(8, 4) + u"-4" + hex.mid(13, 3) + u'-' + hex.mid(16, 4) + u'-' +
           hex.mid(20, 12);
}

} // namespace

quint64 simMix(quint64 x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

double simUnit(quint64 x) {
    return double(simMix(x) >> 11) * 0x1.0p-53;
}

QJsonObject SimUser::toJson(double spend) const {
    return QJsonObject{{QStringLiteral("user_id"), userId},
                       {QStringLiteral("user_email"), nullable(email)},
                       {QStringLiteral("user_alias"), nullable(alias)},
                       {QStringLiteral("user_role"), nullable(role)},
                       {QStringLiteral("teams"), QJsonArray::fromStringList(teams)},
                       {QStringLiteral("organization_memberships"), QJsonArray()},
                       {QStringLiteral("max_budget"), nullable(maxBudget)},
                       {QStringLiteral("spend"), spend},
                       {QStringLiteral("model_spend"), QJsonObject()},
                       {QStringLiteral("model_max_budget"), QJsonObject()},
                       {QStringLiteral("budget_duration"), nullable(budgetDuration)},
                       {QStringLiteral("budget_reset_at"), QJsonValue::Null},
                       {QStringLiteral("models"), QJsonArray::fromStringList(models)},
                       {QStringLiteral("tpm_limit"), nullable(tpmLimit)},
                       {QStringLiteral("rpm_limit"), nullable(rpmLimit)},
                       {QStringLiteral("metadata"), metadata},
                       {QStringLiteral("sso_user_id"), QJsonValue::Null},
                       {QStringLiteral("created_at"), simTimestamp(createdAt)},
                       {QStringLiteral("updated_at"), simTimestamp(updatedAt)},
                       {QStringLiteral("object_permission"), QJsonValue::Null}};
}

QJsonObject SimTeam::toJson(const QJsonArray &memberRows, double spend) const {
    return QJsonObject{{QStringLiteral("team_id"), teamId},
                       {QStringLiteral("team_alias"), nullable(alias)},
                       {QStringLiteral("organization_id"), nullable(orgId)},
                       {QStringLiteral("admins"), QJsonArray()},
                       {QStringLiteral("members"), QJsonArray()},
                       {QStringLiteral("members_with_roles"), memberRows},
                       {QStringLiteral("metadata"), metadata},
                       {QStringLiteral("models"), QJsonArray::fromStringList(models)},
                       {QStringLiteral("max_budget"), nullable(maxBudget)},
                       {QStringLiteral("soft_budget"), QJsonValue::Null},
                       {QStringLiteral("spend"), spend},
                       {QStringLiteral("model_spend"), QJsonObject()},
                       {QStringLiteral("model_max_budget"), QJsonObject()},
                       {QStringLiteral("budget_duration"), nullable(budgetDuration)},
                       {QStringLiteral("budget_reset_at"), simTimestamp(budgetResetAt)},
                       {QStringLiteral("tpm_limit"), nullable(tpmLimit)},
                       {QStringLiteral("rpm_limit"), nullable(rpmLimit)},
                       {QStringLiteral("max_parallel_requests"), QJsonValue::Null},
                       {QStringLiteral("blocked"), blocked},
                       {QStringLiteral("created_at"), simTimestamp(createdAt)},
                       {QStringLiteral("updated_at"), simTimestamp(updatedAt)},
                       {QStringLiteral("object_permission"), QJsonValue::Null}};
}

int SimTeam::memberIndex(const QString &userId) const {
    for (int i = 0; i < members.size(); ++i)
        if (members.at(i).userId == userId)
            return i;
    return -1;
}

QList<SimTeam> simTeams(const SimOptions &options, const QStringList &modelNames, qint64 nowMs) {
    QList<SimTeam> out;
    constexpr int kNames = int(sizeof(kTeams) / sizeof(kTeams[0]));
    for (int t = 0; t < options.teams; ++t) {
        const quint64 h = simMix(options.seed * 1000003ULL + quint64(t) * 7919ULL + 17);
        SimTeam team;
        team.teamId = uuidFrom(simMix(h), simMix(h + 1));
        team.alias = QString::fromLatin1(kTeams[t % kNames]);
        if (t >= kNames)
            team.alias += u'-' + QString::number(t / kNames + 1);
        if (h % 5 >= 2)
            team.orgId =
                QStringLiteral("org-%1").arg(h % 2 == 0 ? QStringLiteral("emea") : QStringLiteral("amer"));
        if (h % 3 == 0 && !modelNames.isEmpty())
            team.models = modelNames.mid(0, qMin<qsizetype>(modelNames.size(), 3 + qsizetype(h % 4)));
        if (h % 4 != 0)
            team.maxBudget = double(500 * (1 + int((h >> 8) % 8)));
        team.budgetDuration = (h >> 12) % 2 == 0 ? QStringLiteral("30d") : QString();
        if (!team.budgetDuration.isEmpty()) { // LiteLLM resets 30d budgets on the 1st of the month
            const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).date();
            const QDate first(today.year(), today.month(), 1);
            team.budgetResetAt =
                QDateTime(first.addMonths(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        }
        if ((h >> 16) % 3 == 0) {
            team.tpmLimit = 100000 * (1 + qint64((h >> 20) % 10));
            team.rpmLimit = 100 * (1 + qint64((h >> 24) % 10));
        }
        team.metadata = QJsonObject{{QStringLiteral("cost_center"), QStringLiteral("cc-%1").arg(100 + t)}};
        team.createdAt = nowMs - (500 - t % 100) * kDayMs - qint64(h % 86400000);
        team.updatedAt = team.createdAt + qint64((h >> 28) % 90) * kDayMs;
        out << team;
    }
    return out;
}

QList<SimUser> simUsers(const SimOptions &options, const QList<SimTeam> &teams, qint64 nowMs) {
    QList<SimUser> out;
    for (int u = 0; u < options.users; ++u) {
        const quint64 h = simMix(options.seed * 7777777ULL + quint64(u) * 104729ULL + 3);
        SimUser user;
        const QString first = pick(kFirst, h);
        const QString last = pick(kLast, h >> 16);
        user.userId = uuidFrom(simMix(h + 5), simMix(h + 6));
        const QString suffix = u < 400 ? QString() : QString::number(u);
        user.email = first + u'.' + last + suffix + u"@example.com";
        if (h % 4 != 0)
            user.alias = first.left(1).toUpper() + first.mid(1) + u' ' + last.left(1).toUpper() + last.mid(1);
        const quint64 r = (h >> 32) % 100;
        user.role = u == 0 || r < 4 ? QStringLiteral("proxy_admin")
                    : r < 6         ? QStringLiteral("proxy_admin_viewer")
                    : r < 16        ? QStringLiteral("internal_user_viewer")
                                    : QStringLiteral("internal_user");
        if (!teams.isEmpty()) {
            user.teams << teams.at(u % teams.size()).teamId;
            if (r % 3 == 0 && teams.size() > 1)
                user.teams << teams.at((u * 7 + 3) % teams.size()).teamId;
            user.teams.removeDuplicates();
        }
        if (r % 2 == 0)
            user.maxBudget = double(100 * (1 + int((h >> 40) % 10)));
        user.budgetDuration = r % 4 == 0 ? QStringLiteral("30d") : QString();
        if (r % 5 == 0) {
            user.tpmLimit = 50000;
            user.rpmLimit = 60;
        }
        user.createdAt = nowMs - qint64(300 + (h >> 8) % 200) * kDayMs - qint64(h % 86400000);
        user.updatedAt = user.createdAt + qint64((h >> 20) % 60) * kDayMs;
        out << user;
    }
    return out;
}

void simAddMembers(QList<SimTeam> &teams, const QList<SimUser> &users) {
    for (SimTeam &team : teams) {
        for (const SimUser &u : users) {
            if (!u.teams.contains(team.teamId))
                continue;
            SimMember m{
                u.userId, team.members.isEmpty() ? QStringLiteral("admin") : QStringLiteral("user"), {}};
            // Every third member of a team with a budget has a budget of their own in it.
            if (team.maxBudget && team.members.size() % 3 == 2)
                m.maxBudgetInTeam = *team.maxBudget / 10;
            team.members << m;
        }
    }
}
