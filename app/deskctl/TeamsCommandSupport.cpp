#include "TeamsCommandSupport.h"

#include "core/api/Json.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/format/CommaList.h"
#include "core/format/Money.h"
#include "core/roles/Duration.h"
#include "core/teams/TeamModels.h"
#include "core/teams/TeamRisk.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace teamscli {

namespace {

std::optional<QString> readCount(const QCommandLineParser &parser, const QString &name,
                                 std::optional<qint64> *out) {
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const qint64 n = parser.value(name).toLongLong(&ok);
    if (!ok || n < 0)
        return QStringLiteral("--%1 must be a whole number, 0 or more, or none, not \"%2\"")
            .arg(name, parser.value(name));
    *out = n;
    return std::nullopt;
}

QString dateText(const QDateTime &t) {
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd")) : QStringLiteral("-");
}

QString optText(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QStringLiteral("-");
}

} // namespace

QList<QCommandLineOption> fieldOptions() {
    const auto opt = [](const char *name, const char *help, const char *value) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help),
                                  QString::fromLatin1(value));
    };
    return {opt("alias", "The team's alias (team_alias).", "A"),
            opt("models", "Models the team may call, comma-separated (default: all proxy models).", "M,.."),
            opt("max-budget", "Budget in USD for each budget period; none removes it.", "USD"),
            opt("budget-duration", "Budget period: 1h, 24h, 7d, 30d, 1mo ...", "D"),
            opt("tpm", "Tokens per minute for the whole team; none removes the limit.", "N"),
            opt("rpm", "Requests per minute for the whole team; none removes the limit.", "N")};
}

std::optional<QString> readFields(const QCommandLineParser &parser, api::TeamFields *f) {
    if (parser.isSet(QStringLiteral("alias"))) {
        f->teamAlias = parser.value(QStringLiteral("alias")).trimmed();
        if (f->teamAlias.isEmpty())
            return QStringLiteral("--alias cannot be empty");
    }
    if (parser.isSet(QStringLiteral("models")))
        f->models = splitList(parser.value(QStringLiteral("models")));
    const auto none = [&parser](const char *name) {
        return parser.isSet(QLatin1StringView(name)) &&
               parser.value(QLatin1StringView(name)).trimmed() == u"none";
    };
    f->clearMaxBudget = none("max-budget");
    f->clearTpmLimit = none("tpm");
    f->clearRpmLimit = none("rpm");
    if (parser.isSet(QStringLiteral("max-budget")) && !f->clearMaxBudget) {
        bool ok = false;
        const double usd = parser.value(QStringLiteral("max-budget")).toDouble(&ok);
        if (!ok || usd < 0 || !std::isfinite(usd))
            return QStringLiteral("--max-budget must be an amount in USD, 0 or more, or none, not \"%1\"")
                .arg(parser.value(QStringLiteral("max-budget")));
        f->maxBudget = usd;
    }
    if (parser.isSet(QStringLiteral("budget-duration"))) {
        QString why;
        const auto d = Duration::parse(parser.value(QStringLiteral("budget-duration")), &why);
        if (!d || d->isZero())
            return QStringLiteral("--budget-duration must be a LiteLLM duration such as 24h, 7d, 30d or 1mo, "
                                  "not \"%1\"")
                .arg(parser.value(QStringLiteral("budget-duration")));
        f->budgetDuration = d->toString();
    }
    if (auto bad = f->clearTpmLimit ? std::nullopt : readCount(parser, QStringLiteral("tpm"), &f->tpmLimit))
        return bad;
    return f->clearRpmLimit ? std::nullopt : readCount(parser, QStringLiteral("rpm"), &f->rpmLimit);
}

QStringList notKept(const api::TeamFields &asked, const TeamRecord &stored) {
    QStringList out;
    if (!asked.teamAlias.isEmpty() && stored.teamAlias != asked.teamAlias)
        out << QStringLiteral("team_alias");
    if (asked.models && stored.models != *asked.models)
        out << QStringLiteral("models");
    if (asked.maxBudget && stored.maxBudget != asked.maxBudget)
        out << QStringLiteral("max_budget");
    if (!asked.budgetDuration.isEmpty() && stored.budgetDuration != asked.budgetDuration)
        out << QStringLiteral("budget_duration");
    if (asked.tpmLimit && stored.tpmLimit != asked.tpmLimit)
        out << QStringLiteral("tpm_limit");
    if (asked.rpmLimit && stored.rpmLimit != asked.rpmLimit)
        out << QStringLiteral("rpm_limit");
    if (asked.clearMaxBudget && stored.maxBudget)
        out << QStringLiteral("max_budget");
    if (asked.clearTpmLimit && stored.tpmLimit)
        out << QStringLiteral("tpm_limit");
    if (asked.clearRpmLimit && stored.rpmLimit)
        out << QStringLiteral("rpm_limit");
    for (const auto &m : asked.members)
        if (!stored.member(m.userId))
            out << QStringLiteral("member %1").arg(m.userId);
    return out;
}

QString membersCount(const TeamRecord &team) {
    return QString::number(team.membersCount.value_or(team.members.size()));
}

QString keysCount(const TeamRecord &team) {
    if (team.keysCount)
        return QString::number(*team.keysCount);
    const QJsonValue keys = team.raw.value(u"keys"); // /team/list sends the team's keys
    return keys.isArray() ? QString::number(keys.toArray().size()) : QStringLiteral("-");
}

QJsonObject toJson(const TeamRecord &team) {
    QJsonObject o = team.raw;
    o.remove(QStringLiteral("keys")); // /team/list's full key rows; keys_count says how many
    o.insert(QStringLiteral("members_count"), team.membersCount.value_or(team.members.size()));
    const QString keys = keysCount(team);
    o.insert(QStringLiteral("keys_count"), keys == u"-" ? QJsonValue() : QJsonValue(keys.toLongLong()));
    o.insert(QStringLiteral("risks"), QJsonArray::fromStringList(teamrisk::names(teamrisk::risks(team))));
    return o;
}

QString spendText(const TeamRecord &team) {
    return team.maxBudget ? QStringLiteral("%1 / %2").arg(formatUsd(team.spend), formatUsd(*team.maxBudget))
                          : QStringLiteral("%1 / no budget").arg(formatUsd(team.spend));
}

QString details(const TeamRecord &team, const QList<KeyRecord> &keys) {
    TextTable t;
    t.addColumn({});
    t.addColumn({});
    QStringList risks;
    for (const TeamRisk r : teamrisk::risks(team))
        risks << teamrisk::label(r);
    t.addRow({QStringLiteral("Team"), team.displayName()});
    t.addRow({QStringLiteral("Id"), team.teamId});
    t.addRow({QStringLiteral("Organization"),
              team.organizationId.isEmpty() ? QStringLiteral("-") : team.organizationId});
    t.addRow({QStringLiteral("Models"), teammodels::describe(team)});
    t.addRow({QStringLiteral("Spend / budget"), spendText(team)});
    t.addRow({QStringLiteral("Budget period"),
              team.budgetDuration.isEmpty() ? QStringLiteral("-") : team.budgetDuration});
    t.addRow({QStringLiteral("Budget resets"), dateText(team.budgetResetAt)});
    t.addRow({QStringLiteral("TPM / RPM"),
              optText(team.tpmLimit) + QStringLiteral(" / ") + optText(team.rpmLimit)});
    t.addRow({QStringLiteral("Blocked"), team.isBlocked() ? QStringLiteral("yes") : QStringLiteral("no")});
    t.addRow({QStringLiteral("Created"), dateText(team.createdAt)});
    t.addRow({QStringLiteral("Risks"),
              risks.isEmpty() ? QStringLiteral("none") : risks.join(QStringLiteral(", "))});
    if (!team.metadata.isEmpty())
        t.addRow({QStringLiteral("Metadata"),
                  QString::fromUtf8(QJsonDocument(team.metadata).toJson(QJsonDocument::Compact))});
    QString out = t.toString();

    TextTable members;
    members.addColumn(QStringLiteral("MEMBER"));
    members.addColumn(QStringLiteral("EMAIL"));
    members.addColumn(QStringLiteral("ROLE"));
    members.addColumn(QStringLiteral("SPEND IN TEAM"), TextTable::Align::Right);
    members.addColumn(QStringLiteral("BUDGET IN TEAM"), TextTable::Align::Right);
    for (const auto &m : team.members)
        members.addRow({m.userId, m.userEmail, m.role, formatUsd(m.spend),
                        m.maxBudgetInTeam ? formatUsd(*m.maxBudgetInTeam) : QStringLiteral("-")});
    out += QStringLiteral("\n%1 member(s)\n").arg(team.members.size()) + members.toString();

    TextTable k;
    k.addColumn(QStringLiteral("KEY"));
    k.addColumn(QStringLiteral("TOKEN"));
    k.addColumn(QStringLiteral("USER"));
    k.addColumn(QStringLiteral("SPEND"), TextTable::Align::Right);
    k.addColumn(QStringLiteral("BUDGET"), TextTable::Align::Right);
    for (const auto &key : keys)
        k.addRow({key.displayName(), key.token.left(12), key.userId, formatUsd(key.spend),
                  key.maxBudget ? formatUsd(*key.maxBudget) : QStringLiteral("-")});
    out += QStringLiteral("\n%1 key(s)\n").arg(keys.size()) + k.toString();
    return out;
}

} // namespace teamscli
