#include "sim/SimParams.h"
#include "sim/Simulator.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>
#include <limits>

using namespace simparams;

// The /team routes as litellm/proxy/management_endpoints/team_endpoints.py answers them, errors included:
// routes that raise a FastAPI HTTPException answer {"detail": {"error": ...}}, /team/new and /team/info
// wrap theirs in ProxyException's envelope.
namespace {

qint64 now() {
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonArray members(const SimDataset &data, const SimTeam &t) {
    QJsonArray out;
    for (const auto &m : t.members) {
        const int u = data.userIndex(m.userId);
        const QString email = u >= 0 ? data.users().at(u).email : QString();
        out << QJsonObject{{QStringLiteral("user_id"), m.userId},
                           {QStringLiteral("user_email"), email.isNull() ? QJsonValue() : QJsonValue(email)},
                           {QStringLiteral("role"), m.role}};
    }
    return out;
}

// LiteLLM_TeamMembership rows: the member's spend in the team and their budget table, if any.
QJsonArray memberships(const SimDataset &data, const SimTeam &t, const QString &onlyUser = {}) {
    QJsonArray out;
    for (const auto &m : t.members) {
        if (!onlyUser.isEmpty() && m.userId != onlyUser)
            continue;
        const QString budgetId = m.maxBudgetInTeam ? t.teamId.left(8) + u'-' + m.userId.left(8) : QString();
        QJsonValue budget;
        if (m.maxBudgetInTeam)
            budget = QJsonObject{{QStringLiteral("budget_id"), budgetId},
                                 {QStringLiteral("max_budget"), *m.maxBudgetInTeam},
                                 {QStringLiteral("soft_budget"), QJsonValue()},
                                 {QStringLiteral("budget_duration"), QJsonValue()},
                                 {QStringLiteral("budget_reset_at"), QJsonValue()},
                                 {QStringLiteral("tpm_limit"), QJsonValue()},
                                 {QStringLiteral("rpm_limit"), QJsonValue()}};
        out << QJsonObject{
            {QStringLiteral("user_id"), m.userId},
            {QStringLiteral("team_id"), t.teamId},
            {QStringLiteral("budget_id"), budgetId.isEmpty() ? QJsonValue() : QJsonValue(budgetId)},
            {QStringLiteral("spend"), data.memberTotals(t.teamId, m.userId).spend},
            {QStringLiteral("litellm_budget_table"), budget}};
    }
    return out;
}

QJsonArray teamKeys(const SimDataset &data, const QString &teamId,
                    qint64 limit = std::numeric_limits<qint64>::max()) {
    SimKeyQuery q;
    q.teamId = teamId;
    QJsonArray out;
    for (const auto &row : data.keys().list(q, 0, limit).rows)
        out << row.toJson();
    return out;
}

QJsonObject teamRow(const SimDataset &data, const SimTeam &t) {
    return t.toJson(members(data, t), data.teamTotals(t.teamId).spend);
}

bool isTeamAdmin(const SimRequest &r, const SimTeam &t) {
    const int m = t.memberIndex(r.caller.userId);
    return m >= 0 && t.members.at(m).role == u"admin";
}

bool visible(const SimRequest &r, const SimDataset &data, const SimTeam &t) {
    if (r.caller.isAdminViewer() || r.caller.teamId == t.teamId)
        return true;
    const int u = data.userIndex(r.caller.userId);
    return u >= 0 && data.users().at(u).teams.contains(t.teamId);
}

// {"detail": {"error": text}}, as an HTTPException raised inside a team route reaches the client.
SimReply detailError(int status, const QString &text) {
    return SimReply::detail(status, text, true);
}

SimReply notAdminOrTeamAdmin(const SimRequest &r, const SimTeam &t) {
    return detailError(403, QStringLiteral("Call not allowed. User not proxy admin OR team admin. route=%1, "
                                           "team_id=%2")
                                .arg(r.http.path, t.teamId));
}

// The team a write route names in its body, or nullptr with LiteLLM's answer for a missing or unknown
// id in *error (and, with `adminsOnly`, for a caller who is neither proxy admin nor team admin).
SimTeam *bodyTeam(SimDataset &data, const SimRequest &r, SimReply *error, int unknownStatus,
                  const QString &unknownText, bool adminsOnly) {
    const QString id = optString(r.body.value(QStringLiteral("team_id")));
    if (id.isEmpty()) {
        *error = detailError(400, QStringLiteral("No team id passed in"));
        return nullptr;
    }
    const int t = data.teamIndex(id);
    if (t < 0) {
        *error = detailError(unknownStatus, unknownText.arg(id));
        return nullptr;
    }
    SimTeam &team = data.teams()[t];
    if (adminsOnly && !r.caller.isAdmin() && !isTeamAdmin(r, team)) {
        *error = notAdminOrTeamAdmin(r, team);
        return nullptr;
    }
    return &team;
}

void setUserTeam(SimDataset &data, const QString &userId, const QString &teamId, bool member) {
    const int u = data.userIndex(userId);
    if (u < 0)
        return;
    QStringList &teams = data.users()[u].teams;
    teams.removeAll(teamId);
    if (member)
        teams << teamId;
}

SimReply listTeams(Simulator &sim, SimRequest &r) {
    const SimDataset &data = sim.data();
    const QString userId = r.query(QStringLiteral("user_id"));
    if (!r.caller.isAdminViewer() && userId != r.caller.userId)
        return detailError(401, QStringLiteral("Only admin users can query all teams/other teams. Your user "
                                               "role=%1")
                                    .arg(r.caller.role));
    const QString org = r.query(QStringLiteral("organization_id"));
    QList<const SimTeam *> teams;
    for (const auto &t : data.teams()) {
        if (t.deleted || (!org.isEmpty() && t.orgId != org))
            continue;
        if (!userId.isEmpty() && t.memberIndex(userId) < 0)
            continue;
        teams << &t;
    }
    std::stable_sort(teams.begin(), teams.end(),
                     [](const SimTeam *a, const SimTeam *b) { return a->alias < b->alias; });
    QJsonArray out;
    for (const SimTeam *t : teams) {
        QJsonObject o = teamRow(data, *t);
        o.insert(QStringLiteral("team_memberships"), memberships(data, *t, userId));
        o.insert(QStringLiteral("keys"), teamKeys(data, t->teamId));
        out << o;
    }
    return SimReply::json(out);
}

SimReply listTeamsV2(Simulator &sim, SimRequest &r) {
    if (!sim.options().v2TeamList)
        return SimReply::detail(404, QStringLiteral("Not Found"));
    SimReply error;
    const auto page = intQuery(r, QStringLiteral("page"), 1, 1, INT_MAX, &error);
    if (!page)
        return error;
    const auto pageSize = intQuery(r, QStringLiteral("page_size"), 10, 1, 100, &error);
    if (!pageSize)
        return error;
    const SimDataset &data = sim.data();
    QString userId = r.query(QStringLiteral("user_id"));
    if (userId.isEmpty() && !r.caller.isAdmin())
        userId = r.caller.userId; // non-admins see their own teams
    if (!userId.isEmpty() && data.userIndex(userId) < 0)
        return detailError(404, QStringLiteral("User not found, passed user_id=%1").arg(userId));
    const QString alias = r.query(QStringLiteral("team_alias"));
    const QString teamId = r.query(QStringLiteral("team_id"));
    const QString org = r.query(QStringLiteral("organization_id"));
    QList<const SimTeam *> teams;
    for (const auto &t : data.teams()) {
        if (t.deleted || (!org.isEmpty() && t.orgId != org) || (!teamId.isEmpty() && t.teamId != teamId))
            continue;
        if (!userId.isEmpty() && !data.users().at(data.userIndex(userId)).teams.contains(t.teamId))
            continue;
        if (!alias.isEmpty() && !t.alias.contains(alias, Qt::CaseInsensitive))
            continue;
        teams << &t;
    }
    // LiteLLM ignores a sort_by it does not know and sorts by created_at, newest first.
    QString sortBy = r.query(QStringLiteral("sort_by"));
    const bool known = sortBy == u"team_id" || sortBy == u"team_alias" || sortBy == u"created_at";
    bool desc = r.query(QStringLiteral("sort_order")).toLower() == u"desc";
    if (!known) {
        sortBy = QStringLiteral("created_at");
        desc = true;
    }
    const auto key = [&sortBy](const SimTeam *t) -> QVariant {
        if (sortBy == u"team_id")
            return t->teamId;
        if (sortBy == u"team_alias")
            return t->alias;
        return t->createdAt;
    };
    std::stable_sort(teams.begin(), teams.end(), [&](const SimTeam *a, const SimTeam *b) {
        const auto c = QVariant::compare(key(a), key(b));
        return desc ? c == QPartialOrdering::Greater : c == QPartialOrdering::Less;
    });
    QJsonArray out;
    const qsizetype from = qsizetype(*page - 1) * *pageSize;
    for (qsizetype i = from; i < std::min(teams.size(), from + *pageSize); ++i) {
        const SimTeam &t = *teams.at(i);
        QJsonObject o = teamRow(data, t);
        o.insert(QStringLiteral("members_count"), t.members.size());
        o.insert(QStringLiteral("keys_count"), data.teamTotals(t.teamId).keyCount);
        out << o;
    }
    qint64 totalPages = (teams.size() + *pageSize - 1) / *pageSize;
    if (r.endlessPaging)
        totalPages = std::max<qint64>(totalPages, *page + 1);
    return SimReply::json(QJsonObject{{QStringLiteral("teams"), out},
                                      {QStringLiteral("total"), teams.size()},
                                      {QStringLiteral("page"), *page},
                                      {QStringLiteral("page_size"), *pageSize},
                                      {QStringLiteral("total_pages"), totalPages}});
}

SimReply teamInfo(Simulator &sim, SimRequest &r) {
    const SimDataset &data = sim.data();
    const QString id = r.query(QStringLiteral("team_id"));
    // team_info turns its HTTPExceptions into ProxyException(type=auth_error) with their status.
    if (id.isEmpty())
        return SimReply::error(422, QStringLiteral("{'message': 'Malformed request. No team id passed in.'}"),
                               QStringLiteral("auth_error"));
    const int t = data.teamIndex(id);
    if (t < 0)
        return SimReply::error(404,
                               QStringLiteral("{'message': 'Team not found, passed team id: %1.'}").arg(id),
                               QStringLiteral("auth_error"));
    if (!visible(r, data, data.teams().at(t)))
        return SimReply::error(403,
                               QStringLiteral("{'error': 'User=%1 not authorized to access this team=%2'}")
                                   .arg(r.caller.userId, id),
                               QStringLiteral("auth_error"));
    QJsonObject info = teamRow(data, data.teams().at(t));
    info.insert(QStringLiteral("team_member_budget_table"), QJsonValue());
    qint64 keyLimit = std::numeric_limits<qint64>::max();
    if (sim.options().teamInfoKeyLimit && !r.query(QStringLiteral("key_limit")).isEmpty()) {
        SimReply error;
        const auto limit = intQuery(r, QStringLiteral("key_limit"), 1, 1, INT_MAX, &error);
        if (!limit)
            return error;
        keyLimit = *limit;
    }
    const QJsonArray keys = teamKeys(data, id, keyLimit);
    return SimReply::json(
        QJsonObject{{QStringLiteral("team_id"), id},
                    {QStringLiteral("team_info"), info},
                    {QStringLiteral("keys"), keys},
                    {QStringLiteral("team_memberships"), memberships(data, data.teams().at(t))}});
}

// Applies the NewTeamRequest/UpdateTeamRequest fields the body has; nullopt or LiteLLM's 400.
std::optional<SimReply> applyTeamFields(SimTeam &t, const QJsonObject &body) {
    if (body.contains(QStringLiteral("team_alias")))
        t.alias = optString(body.value(QStringLiteral("team_alias")));
    if (body.contains(QStringLiteral("models")))
        t.models = stringList(body.value(QStringLiteral("models")));
    if (body.contains(QStringLiteral("max_budget")))
        t.maxBudget = optDouble(body.value(QStringLiteral("max_budget")));
    if (body.contains(QStringLiteral("budget_duration"))) {
        t.budgetDuration = optString(body.value(QStringLiteral("budget_duration")));
        t.budgetResetAt = t.budgetDuration.isNull() ? std::nullopt : expiryFrom(t.budgetDuration, now());
        if (!t.budgetDuration.isNull() && !t.budgetResetAt)
            return SimReply::error(400, QStringLiteral("Invalid duration format: %1").arg(t.budgetDuration),
                                   QStringLiteral("bad_request_error"), QStringLiteral("budget_duration"));
    }
    if (body.contains(QStringLiteral("tpm_limit")))
        t.tpmLimit = optInt(body.value(QStringLiteral("tpm_limit")));
    if (body.contains(QStringLiteral("rpm_limit")))
        t.rpmLimit = optInt(body.value(QStringLiteral("rpm_limit")));
    if (body.contains(QStringLiteral("metadata")))
        t.metadata = body.value(QStringLiteral("metadata")).toObject();
    if (body.value(QStringLiteral("blocked")).isBool())
        t.blocked = body.value(QStringLiteral("blocked")).toBool();
    for (const char *limit : {"max_budget", "tpm_limit", "rpm_limit"}) {
        const QJsonValue v = body.value(QLatin1String(limit));
        if (!v.isNull() && !v.isUndefined() && (!v.isDouble() || v.toDouble() < 0))
            return SimReply::validation(QStringLiteral("body"), QLatin1String(limit),
                                        QStringLiteral("Input should be a valid number"),
                                        QStringLiteral("float_parsing"));
    }
    t.updatedAt = now();
    return std::nullopt;
}

SimReply newTeam(Simulator &sim, SimRequest &r) {
    if (r.caller.role == u"proxy_admin_viewer" || r.caller.role == u"internal_user_viewer")
        return forbidden(r, QStringLiteral("generate, delete, update info for new keys/users/teams"));
    SimDataset &data = sim.data();
    SimTeam t;
    t.teamId = optString(r.body.value(QStringLiteral("team_id")));
    if (t.teamId.isEmpty())
        t.teamId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    else if (data.teamIndex(t.teamId) >= 0)
        return SimReply::error(
            400,
            QStringLiteral("{'error': 'Team id = %1 already exists. Please use a different team id.'}")
                .arg(t.teamId),
            QStringLiteral("auth_error"));
    t.createdAt = now();
    if (const auto bad = applyTeamFields(t, r.body))
        return *bad;
    for (const auto &m : r.body.value(QStringLiteral("members_with_roles")).toArray()) {
        const QJsonObject o = m.toObject();
        const QString role = o.value(QStringLiteral("role")).toString();
        if (role != u"admin" && role != u"user")
            return SimReply::validation(QStringLiteral("body"), QStringLiteral("members_with_roles"),
                                        QStringLiteral("Input should be 'admin' or 'user'"),
                                        QStringLiteral("literal_error"));
        t.members << SimMember{optString(o.value(QStringLiteral("user_id"))), role, {}};
    }
    // The creator (a user, not the master key's default_user_id) becomes an admin of the team.
    if (!r.caller.isMaster && t.memberIndex(r.caller.userId) < 0)
        t.members << SimMember{r.caller.userId, QStringLiteral("admin"), {}};
    for (const auto &m : t.members)
        setUserTeam(data, m.userId, t.teamId, true);
    data.teams() << t;
    QJsonObject row = teamRow(data, t);
    row.insert(QStringLiteral("litellm_model_table"), QJsonValue());
    return SimReply::json(row);
}

SimReply updateTeam(Simulator &sim, SimRequest &r) {
    SimDataset &data = sim.data();
    SimReply error;
    SimTeam *team = bodyTeam(data, r, &error, 404, QStringLiteral("Team not found, passed team_id=%1"), true);
    if (!team)
        return error;
    SimTeam changed = *team;
    if (const auto bad = applyTeamFields(changed, r.body))
        return *bad;
    *team = changed;
    return SimReply::json(QJsonObject{{QStringLiteral("team_id"), team->teamId},
                                      {QStringLiteral("data"), teamRow(data, *team)}});
}

SimReply addMember(Simulator &sim, SimRequest &r) {
    SimDataset &data = sim.data();
    if (!r.body.value(QStringLiteral("member")).isObject() &&
        !r.body.value(QStringLiteral("member")).isArray())
        return detailError(400, QStringLiteral("No member/members passed in"));
    SimReply error;
    SimTeam *found = bodyTeam(data, r, &error, 404, QStringLiteral("Team not found for team_id=%1"), false);
    if (!found)
        return error;
    SimTeam &team = *found;
    const QJsonArray asked = r.body.value(QStringLiteral("member")).isArray()
                                 ? r.body.value(QStringLiteral("member")).toArray()
                                 : QJsonArray{r.body.value(QStringLiteral("member"))};
    QList<SimMember> added;
    for (const auto &m : asked) {
        const QJsonObject o = m.toObject();
        SimMember member{optString(o.value(QStringLiteral("user_id"))),
                         o.value(QStringLiteral("role")).toString(),
                         optDouble(r.body.value(QStringLiteral("max_budget_in_team")))};
        const QString email = optString(o.value(QStringLiteral("user_email")));
        if (member.userId.isEmpty() && !email.isEmpty() && data.userIndexByEmail(email) >= 0)
            member.userId = data.users().at(data.userIndexByEmail(email)).userId;
        if (member.role != u"admin" && member.role != u"user")
            return SimReply::validation(QStringLiteral("body"), QStringLiteral("member"),
                                        QStringLiteral("Input should be 'admin' or 'user'"),
                                        QStringLiteral("literal_error"));
        if (team.memberIndex(member.userId) >= 0)
            return detailError(400, QStringLiteral("User=%1 already in team. Existing members=%2")
                                        .arg(member.userId, QString::number(team.members.size())));
        added << member;
    }
    if (!r.caller.isAdmin() && !isTeamAdmin(r, team))
        return notAdminOrTeamAdmin(r, team);
    QJsonArray updatedUsers;
    for (const auto &m : added) {
        if (data.userIndex(m.userId) < 0) { // LiteLLM creates a user row for a new member
            SimUser u;
            u.userId = m.userId;
            u.role = QStringLiteral("internal_user");
            u.createdAt = u.updatedAt = now();
            data.users() << u;
        }
        setUserTeam(data, m.userId, team.teamId, true);
        team.members << m;
        updatedUsers << data.users().at(data.userIndex(m.userId)).toJson(data.userTotals(m.userId).spend);
    }
    team.updatedAt = now();
    QJsonObject row = teamRow(data, team);
    row.insert(QStringLiteral("updated_users"), updatedUsers);
    row.insert(QStringLiteral("updated_team_memberships"), memberships(data, team));
    return SimReply::json(row);
}

SimReply deleteMember(Simulator &sim, SimRequest &r) {
    SimDataset &data = sim.data();
    SimReply error;
    QString userId = optString(r.body.value(QStringLiteral("user_id")));
    const QString email = optString(r.body.value(QStringLiteral("user_email")));
    if (userId.isEmpty() && email.isEmpty())
        return detailError(400, QStringLiteral("Either user_id or user_email needs to be passed in"));
    SimTeam *found = bodyTeam(data, r, &error, 400, QStringLiteral("Team id=%1 does not exist in db"), true);
    if (!found)
        return error;
    SimTeam &team = *found;
    if (userId.isEmpty() && data.userIndexByEmail(email) >= 0)
        userId = data.users().at(data.userIndexByEmail(email)).userId;
    const int m = team.memberIndex(userId);
    if (m < 0)
        return detailError(400, QStringLiteral("User not found in team"));
    team.members.removeAt(m);
    team.updatedAt = now();
    setUserTeam(data, userId, team.teamId, false);
    return SimReply::json(teamRow(data, team));
}

SimReply updateMember(Simulator &sim, SimRequest &r) {
    SimDataset &data = sim.data();
    SimReply error;
    const QString userId = optString(r.body.value(QStringLiteral("user_id")));
    if (userId.isEmpty() && optString(r.body.value(QStringLiteral("user_email"))).isEmpty())
        return detailError(400, QStringLiteral("Either user_id or user_email needs to be passed in"));
    SimTeam *found = bodyTeam(data, r, &error, 400, QStringLiteral("Team id=%1 does not exist in db"), true);
    if (!found)
        return error;
    SimTeam &team = *found;
    const int m = team.memberIndex(userId);
    if (m < 0)
        return detailError(
            400, QStringLiteral("User id doesn't exist in team table. Data=team_id='%1' user_id='%2'")
                     .arg(team.teamId, userId));
    const QJsonValue role = r.body.value(QStringLiteral("role"));
    if (!role.isNull() && !role.isUndefined() && role.toString() != u"admin" && role.toString() != u"user")
        return SimReply::validation(QStringLiteral("body"), QStringLiteral("role"),
                                    QStringLiteral("Input should be 'admin' or 'user'"),
                                    QStringLiteral("literal_error"));
    if (role.isString())
        team.members[m].role = role.toString();
    const auto budget = optDouble(r.body.value(QStringLiteral("max_budget_in_team")));
    if (budget)
        team.members[m].maxBudgetInTeam = budget;
    return SimReply::json(
        QJsonObject{{QStringLiteral("team_id"), team.teamId},
                    {QStringLiteral("user_id"), userId},
                    {QStringLiteral("user_email"), r.body.value(QStringLiteral("user_email"))},
                    {QStringLiteral("max_budget_in_team"), budget ? QJsonValue(*budget) : QJsonValue()}});
}

SimReply setBlocked(Simulator &sim, SimRequest &r, bool blocked) {
    if (!r.caller.isAdmin())
        return forbidden(r, QStringLiteral("generate, delete, update info for new keys/users/teams"));
    SimDataset &data = sim.data();
    SimReply error;
    SimTeam *team =
        bodyTeam(data, r, &error, 404, QStringLiteral("Team not found, passed team_id=%1"), false);
    if (!team)
        return error;
    team->blocked = blocked;
    team->updatedAt = now();
    return SimReply::json(teamRow(data, *team));
}

SimReply deleteTeams(Simulator &sim, SimRequest &r) {
    if (!r.body.value(QStringLiteral("team_ids")).isArray())
        return SimReply::validation(QStringLiteral("body"), QStringLiteral("team_ids"),
                                    QStringLiteral("Field required"));
    SimDataset &data = sim.data();
    const QStringList ids = stringList(r.body.value(QStringLiteral("team_ids")));
    for (const auto &id : ids) {
        const int t = data.teamIndex(id);
        if (t < 0)
            return detailError(404, QStringLiteral("Team not found, passed team_id=%1").arg(id));
        if (!r.caller.isAdmin() && !isTeamAdmin(r, data.teams().at(t)))
            return detailError(
                403, QStringLiteral("Only proxy admin or team admin can delete teams. team_id=%1").arg(id));
    }
    for (const auto &id : ids) { // LiteLLM deletes the team's keys, then its memberships, then the team
        SimKeyQuery q;
        q.teamId = id;
        for (SimKey row : data.keys().list(q, 0, std::numeric_limits<qint64>::max()).rows) {
            row.deleted = true;
            row.deletedAt = now();
            row.deletedBy = r.caller.userId;
            data.keys().put(row);
        }
        SimTeam &team = data.teams()[data.teamIndex(id)];
        for (const auto &m : team.members)
            setUserTeam(data, m.userId, id, false);
        team.deleted = true;
    }
    data.keysChanged();
    return SimReply::json(QJsonObject{{QStringLiteral("deleted_teams"), QJsonArray::fromStringList(ids)}});
}

// GET /global/spend: the proxy-wide spend and litellm.max_budget (0 when the proxy has none).
SimReply globalSpend(Simulator &sim) {
    double spend = 0;
    for (const auto &t : sim.data().teams())
        if (!t.deleted)
            spend += sim.data().teamTotals(t.teamId).spend;
    double personal = 0;
    sim.data().keys().forEachLive([&personal](qint64, const QString &, const QString &teamId, double s) {
        if (teamId.isEmpty())
            personal += s;
    });
    return SimReply::json(QJsonObject{{QStringLiteral("spend"), spend + personal},
                                      {QStringLiteral("max_budget"), sim.options().proxyMaxBudget}});
}

} // namespace

void registerTeamRoutes(Simulator &sim) {
    sim.addRoute("GET", QStringLiteral("/team/list"), [&sim](SimRequest &r) { return listTeams(sim, r); });
    sim.addRoute("GET", QStringLiteral("/v2/team/list"),
                 [&sim](SimRequest &r) { return listTeamsV2(sim, r); });
    sim.addRoute("GET", QStringLiteral("/team/info"), [&sim](SimRequest &r) { return teamInfo(sim, r); });
    sim.addRoute("POST", QStringLiteral("/team/new"), [&sim](SimRequest &r) { return newTeam(sim, r); });
    sim.addRoute("POST", QStringLiteral("/team/update"),
                 [&sim](SimRequest &r) { return updateTeam(sim, r); });
    sim.addRoute("POST", QStringLiteral("/team/member_add"),
                 [&sim](SimRequest &r) { return addMember(sim, r); });
    sim.addRoute("POST", QStringLiteral("/team/member_delete"),
                 [&sim](SimRequest &r) { return deleteMember(sim, r); });
    sim.addRoute("POST", QStringLiteral("/team/member_update"),
                 [&sim](SimRequest &r) { return updateMember(sim, r); });
    sim.addRoute("POST", QStringLiteral("/team/block"),
                 [&sim](SimRequest &r) { return setBlocked(sim, r, true); });
    sim.addRoute("POST", QStringLiteral("/team/unblock"),
                 [&sim](SimRequest &r) { return setBlocked(sim, r, false); });
    sim.addRoute("POST", QStringLiteral("/team/delete"),
                 [&sim](SimRequest &r) { return deleteTeams(sim, r); });
    sim.addRoute("GET", QStringLiteral("/global/spend"), [&sim](SimRequest &) { return globalSpend(sim); });
}
