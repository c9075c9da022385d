#include "SimDataset.h"

#include "sim/SimActivity.h"

#include <QDateTime>
#include <QTimeZone>

SimDataset::SimDataset(const SimOptions &options)
    : m_options(options)
    , m_now(QDateTime::currentMSecsSinceEpoch())
    , m_today(options.today.isValid() ? options.today : QDateTime::currentDateTimeUtc().date())
    , m_models(simCatalog(options.models)) {
    QStringList modelNames;
    for (const auto &m : m_models)
        modelNames << m.name;
    // Generated timestamps hang off the end of "today" so a fixed `today` gives identical data.
    const qint64 anchor = QDateTime(m_today, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    m_teams = simTeams(m_options, modelNames, anchor);
    m_users = simUsers(m_options, m_teams, anchor);
    simAddMembers(m_teams, m_users);
    m_keys = std::make_unique<SimKeyStore>(m_options, m_users, m_teams, modelNames, anchor);
}

SimDataset::~SimDataset() = default;

SimActivity &SimDataset::activity() {
    if (!m_activity)
        m_activity = std::make_unique<SimActivity>(*this);
    return *m_activity;
}

const SimModel *SimDataset::model(const QString &name) const {
    for (const auto &m : m_models)
        if (m.name == name)
            return &m;
    return nullptr;
}

int SimDataset::userIndex(const QString &userId) const {
    for (int u = 0; u < m_users.size(); ++u)
        if (!m_users.at(u).deleted && m_users.at(u).userId == userId)
            return u;
    return -1;
}

int SimDataset::userIndexByEmail(const QString &email) const {
    for (int u = 0; u < m_users.size(); ++u)
        if (!m_users.at(u).deleted && m_users.at(u).email.compare(email, Qt::CaseInsensitive) == 0)
            return u;
    return -1;
}

int SimDataset::teamIndex(const QString &teamId) const {
    for (int t = 0; t < m_teams.size(); ++t)
        if (!m_teams.at(t).deleted && m_teams.at(t).teamId == teamId)
            return t;
    return -1;
}

void SimDataset::computeTotals() const {
    if (m_totalsValid)
        return;
    m_userTotals.clear();
    m_teamTotals.clear();
    m_memberTotals.clear();
    m_keys->forEachLive([this](qint64, const QString &userId, const QString &teamId, double spend) {
        if (!userId.isEmpty()) {
            Totals &t = m_userTotals[userId];
            ++t.keyCount;
            t.spend += spend;
        }
        if (!teamId.isEmpty()) {
            Totals &t = m_teamTotals[teamId];
            ++t.keyCount;
            t.spend += spend;
        }
        if (!teamId.isEmpty() && !userId.isEmpty()) {
            Totals &t = m_memberTotals[teamId + u'\n' + userId];
            ++t.keyCount;
            t.spend += spend;
        }
    });
    m_totalsValid = true;
}

SimDataset::Totals SimDataset::userTotals(const QString &userId) const {
    computeTotals();
    return m_userTotals.value(userId);
}

SimDataset::Totals SimDataset::teamTotals(const QString &teamId) const {
    computeTotals();
    return m_teamTotals.value(teamId);
}

SimDataset::Totals SimDataset::memberTotals(const QString &teamId, const QString &userId) const {
    computeTotals();
    return m_memberTotals.value(teamId + u'\n' + userId);
}

std::expected<SimCaller, SimReply> SimDataset::authenticate(const QString &rawKey) const {
    const auto index = m_keys->find(rawKey);
    if (!index || !m_keys->isLive(*index))
        return std::unexpected(SimReply::error(
            401, QStringLiteral("Authentication Error, Invalid proxy server token passed. valid_token=None."),
            QStringLiteral("auth_error")));
    const SimKey row = m_keys->key(*index);
    if (row.blocked.value_or(false))
        return std::unexpected(SimReply::error(
            401,
            QStringLiteral(
                "Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin."),
            QStringLiteral("auth_error")));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (row.expires && *row.expires < now)
        return std::unexpected(SimReply::error(
            401,
            QStringLiteral("Authentication Error - Expired Key. Key Expiry time %1 and current time %2")
                .arg(simTimestamp(*row.expires, row.timeStyle), simTimestamp(now)),
            QStringLiteral("expired_key")));
    const int team = row.teamId.isEmpty() ? -1 : teamIndex(row.teamId);
    if (team >= 0 && m_teams.at(team).blocked) // common_checks in litellm/proxy/auth/auth_checks.py
        return std::unexpected(SimReply::error(
            401,
            QStringLiteral(
                "Authentication Error, Team=%1 is blocked. Update via `/team/unblock` if you're an "
                "admin.")
                .arg(row.teamId),
            QStringLiteral("auth_error")));
    SimCaller caller;
    caller.keyHash = row.token;
    caller.userId = row.userId;
    caller.teamId = row.teamId;
    const int u = row.userId.isEmpty() ? -1 : userIndex(row.userId);
    caller.role = u >= 0 ? m_users.at(u).role : QStringLiteral("internal_user");
    return caller;
}
