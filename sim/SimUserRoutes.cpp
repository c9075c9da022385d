#include "sim/SimParams.h"
#include "sim/Simulator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

#include <algorithm>

using namespace simparams;

namespace {

const QStringList kRoles{QStringLiteral("proxy_admin"), QStringLiteral("proxy_admin_viewer"),
                         QStringLiteral("internal_user"), QStringLiteral("internal_user_viewer")};

SimReply userNotFound(const QString &id) {
    return SimReply::error(404, QStringLiteral("User not found, passed user_id=%1").arg(id),
                           QStringLiteral("not_found_error"));
}

QJsonObject userJson(const SimDataset &data, const SimUser &u) {
    return u.toJson(data.userTotals(u.userId).spend);
}

QJsonArray teamsOf(const SimDataset &data, const QStringList &ids) {
    QJsonArray out;
    for (const auto &id : ids) {
        const int t = data.teamIndex(id);
        if (t >= 0)
            out << data.teams().at(t).toJson(QJsonArray(), data.teamTotals(id).spend);
    }
    return out;
}

QJsonArray keysOf(const SimDataset &data, const QString &userId) {
    SimKeyQuery q;
    q.userId = userId;
    QJsonArray out;
    for (const auto &row : data.keys().list(q, 0, std::numeric_limits<qint64>::max()).rows) {
        QJsonObject o = row.toJson();
        const int t = row.teamId.isNull() ? -1 : data.teamIndex(row.teamId);
        o.insert(QStringLiteral("team_alias"), t >= 0 ? QJsonValue(data.teams().at(t).alias) : QJsonValue());
        out << o;
    }
    return out;
}

SimReply userInfo(Simulator &sim, SimRequest &r) {
    const SimDataset &data = sim.data();
    QString id = r.query(QStringLiteral("user_id"));
    if (id.isEmpty() && !r.caller.isAdminViewer())
        id = r.caller.userId;
    if (!id.isEmpty() && id != r.caller.userId && !r.caller.isAdminViewer())
        return SimReply::error(
            403,
            QStringLiteral("User is not allowed to view other users' info. Your role=%1").arg(r.caller.role),
            QStringLiteral("auth_error"));
    if (id.isEmpty()) { // an admin without user_id: every team and key (heavy on big proxies)
        QJsonArray keys, teams;
        for (const auto &row : data.keys().list(SimKeyQuery(), 0, std::numeric_limits<qint64>::max()).rows)
            keys << row.toJson();
        for (const auto &t : data.teams())
            if (!t.deleted)
                teams << t.toJson(QJsonArray(), data.teamTotals(t.teamId).spend);
        return SimReply::json(QJsonObject{{QStringLiteral("user_id"), QJsonValue()},
                                          {QStringLiteral("user_info"), QJsonValue()},
                                          {QStringLiteral("keys"), keys},
                                          {QStringLiteral("teams"), teams}});
    }
    const int u = data.userIndex(id);
    if (u < 0 && id != u"default_user_id") {
        if (sim.options().userInfoMissingAsEmpty)
            return SimReply::json(
                QJsonObject{{QStringLiteral("user_id"), id},
                            {QStringLiteral("user_info"), QJsonObject{{QStringLiteral("spend"), 0}}},
                            {QStringLiteral("keys"), QJsonArray()},
                            {QStringLiteral("teams"), QJsonArray()}});
        // user_info raises HTTPException(404, "User <id> not found"), which handle_exception_on_proxy turns
        // into an internal_server_error envelope that keeps the 404.
        return SimReply::error(404, QStringLiteral("User %1 not found").arg(id),
                               QStringLiteral("internal_server_error"));
    }
    return SimReply::json(QJsonObject{
        {QStringLiteral("user_id"), id},
        {QStringLiteral("user_info"), u >= 0 ? QJsonValue(userJson(data, data.users().at(u))) : QJsonValue()},
        {QStringLiteral("keys"), keysOf(data, id)},
        {QStringLiteral("teams"), u >= 0 ? teamsOf(data, data.users().at(u).teams) : QJsonArray()}});
}

SimReply userInfoV2(Simulator &sim, SimRequest &r) {
    const SimDataset &data = sim.data();
    const QString id = r.http.query.hasQueryItem(QStringLiteral("user_id"))
                           ? r.query(QStringLiteral("user_id"))
                           : r.caller.userId;
    if (id != r.caller.userId && !r.caller.isAdminViewer())
        return SimReply::error(
            403,
            QStringLiteral("User is not allowed to view other users' info. Your role=%1").arg(r.caller.role),
            QStringLiteral("auth_error"));
    const int u = data.userIndex(id);
    if (u < 0)
        return userNotFound(id);
    QJsonObject o = userJson(data, data.users().at(u));
    for (const char *drop :
         {"organization_memberships", "model_spend", "model_max_budget", "tpm_limit", "rpm_limit"})
        o.remove(QLatin1String(drop));
    return SimReply::json(o);
}

SimReply listUsers(Simulator &sim, SimRequest &r) {
    if (!r.caller.isAdminViewer() && r.caller.role != u"org_admin")
        return forbidden(r, QStringLiteral("list users"));
    SimReply error;
    const auto page = intQuery(r, QStringLiteral("page"), 1, 1, INT_MAX, &error);
    if (!page)
        return error;
    const auto pageSize = intQuery(r, QStringLiteral("page_size"), 25, 1, 100, &error);
    if (!pageSize)
        return error;
    const SimDataset &data = sim.data();
    const QString role = r.query(QStringLiteral("role"));
    const QStringList ids = csvQuery(r, QStringLiteral("user_ids"));
    const QString email = r.query(QStringLiteral("user_email"));
    const QString team = r.query(QStringLiteral("team"));
    QList<const SimUser *> users;
    for (const auto &u : data.users()) {
        if (u.deleted || (!role.isEmpty() && u.role != role) || (!team.isEmpty() && !u.teams.contains(team)))
            continue;
        if (!email.isEmpty() && !u.email.contains(email, Qt::CaseInsensitive))
            continue;
        if (ids.size() == 1 && !u.userId.contains(ids.first()))
            continue;
        if (ids.size() > 1 && !ids.contains(u.userId))
            continue;
        users << &u;
    }
    const QString sortBy = r.query(QStringLiteral("sort_by"));
    const bool desc = sortBy.isEmpty() || r.query(QStringLiteral("sort_order")).toLower() == u"desc";
    const auto value = [&](const SimUser *u) -> QVariant {
        if (sortBy == u"user_id")
            return u->userId;
        if (sortBy == u"user_email")
            return u->email;
        if (sortBy == u"user_alias")
            return u->alias;
        if (sortBy == u"user_role")
            return u->role;
        if (sortBy == u"spend")
            return data.userTotals(u->userId).spend;
        return u->createdAt;
    };
    std::stable_sort(users.begin(), users.end(), [&](const SimUser *a, const SimUser *b) {
        const auto c = QVariant::compare(value(a), value(b));
        return desc ? c == QPartialOrdering::Greater : c == QPartialOrdering::Less;
    });
    QJsonArray out;
    const qsizetype from = qsizetype(*page - 1) * *pageSize;
    for (qsizetype i = from; i < std::min(users.size(), from + *pageSize); ++i) {
        QJsonObject o = userJson(data, *users.at(i));
        o.insert(QStringLiteral("key_count"), data.userTotals(users.at(i)->userId).keyCount);
        out << o;
    }
    qint64 totalPages = (users.size() + *pageSize - 1) / *pageSize;
    if (r.endlessPaging)
        totalPages = std::max<qint64>(totalPages, *page + 1);
    return SimReply::json(QJsonObject{{QStringLiteral("users"), out},
                                      {QStringLiteral("total"), users.size()},
                                      {QStringLiteral("page"), *page},
                                      {QStringLiteral("page_size"), *pageSize},
                                      {QStringLiteral("total_pages"), totalPages}});
}

void applyUserFields(SimUser &u, const QJsonObject &body, bool mayChangeRole) {
    if (body.contains(QStringLiteral("user_email")))
        u.email = optString(body.value(QStringLiteral("user_email")));
    if (body.contains(QStringLiteral("user_alias")))
        u.alias = optString(body.value(QStringLiteral("user_alias")));
    if (mayChangeRole && body.value(QStringLiteral("user_role")).isString())
        u.role = body.value(QStringLiteral("user_role")).toString();
    if (body.contains(QStringLiteral("max_budget")))
        u.maxBudget = optDouble(body.value(QStringLiteral("max_budget")));
    if (body.contains(QStringLiteral("budget_duration")))
        u.budgetDuration = optString(body.value(QStringLiteral("budget_duration")));
    if (body.contains(QStringLiteral("models")))
        u.models = stringList(body.value(QStringLiteral("models")));
    if (body.contains(QStringLiteral("tpm_limit")))
        u.tpmLimit = optInt(body.value(QStringLiteral("tpm_limit")));
    if (body.contains(QStringLiteral("rpm_limit")))
        u.rpmLimit = optInt(body.value(QStringLiteral("rpm_limit")));
    if (body.contains(QStringLiteral("metadata")))
        u.metadata = body.value(QStringLiteral("metadata")).toObject();
    u.updatedAt = QDateTime::currentMSecsSinceEpoch();
}

// /user/new adds the user to each team it names, as a member with the user role (LiteLLM's
// _add_user_to_team); /user/update has no teams field and drops it unread.
void joinTeams(SimDataset &data, SimUser &u, const QJsonObject &body) {
    for (const auto &t : body.value(QStringLiteral("teams")).toArray()) {
        const QString teamId =
            t.isObject() ? t.toObject().value(QStringLiteral("team_id")).toString() : t.toString();
        if (teamId.isEmpty() || u.teams.contains(teamId))
            continue;
        u.teams << teamId;
        if (const int i = data.teamIndex(teamId); i >= 0 && data.teams().at(i).memberIndex(u.userId) < 0)
            data.teams()[i].members << SimMember{u.userId, QStringLiteral("user"), std::nullopt};
    }
}

SimReply newUser(Simulator &sim, SimRequest &r) {
    if (!r.caller.isAdmin())
        return forbidden(r, QStringLiteral("create users"));
    SimDataset &data = sim.data();
    const QString role = optString(r.body.value(QStringLiteral("user_role")));
    if (!role.isNull() && !kRoles.contains(role))
        return SimReply::error(
            400, QStringLiteral("Invalid user_role: %1. Must be one of %2").arg(role, kRoles.join(u", ")),
            QStringLiteral("bad_request_error"), QStringLiteral("user_role"));
    SimUser u;
    u.userId = optString(r.body.value(QStringLiteral("user_id")));
    if (u.userId.isEmpty())
        u.userId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString email = optString(r.body.value(QStringLiteral("user_email")));
    if (data.userIndex(u.userId) >= 0 || (!email.isEmpty() && data.userIndexByEmail(email) >= 0))
        return SimReply::error(
            409, QStringLiteral("User with id=%1 or email=%2 already exists").arg(u.userId, email),
            QStringLiteral("bad_request_error"));
    u.createdAt = QDateTime::currentMSecsSinceEpoch();
    u.role = QStringLiteral("internal_user");
    applyUserFields(u, r.body, !data.options().dropUserRoleOnNew);
    joinTeams(data, u, r.body);
    data.users() << u;

    QJsonObject out = r.body;
    out.insert(QStringLiteral("key"), QStringLiteral(""));
    out.insert(QStringLiteral("token"), QJsonValue());
    out.insert(QStringLiteral("expires"), QJsonValue());
    if (r.body.value(QStringLiteral("auto_create_key")).toBool(true)) {
        QJsonObject keyBody;
        for (const char *name : {"key_alias", "duration", "models", "max_budget", "budget_duration",
                                 "tpm_limit", "rpm_limit", "metadata"})
            if (r.body.contains(QLatin1String(name)))
                keyBody.insert(QLatin1String(name), r.body.value(QLatin1String(name)));
        keyBody.insert(QStringLiteral("user_id"), u.userId);
        SimRequest keyRequest{r.http, r.caller, keyBody, {}, false};
        const SimReply minted = sim.routeReply("POST", QStringLiteral("/key/generate"), keyRequest);
        if (minted.status != 200) {
            data.users().removeLast();
            return minted;
        }
        const QJsonObject key = QJsonDocument::fromJson(minted.body).object();
        for (auto it = key.begin(); it != key.end(); ++it)
            out.insert(it.key(), it.value());
    }
    const QJsonObject row = data.users().last().toJson(0);
    for (const char *name : {"user_id", "user_email", "user_alias", "teams", "created_at", "updated_at",
                             "max_budget", "models", "budget_duration"})
        out.insert(QLatin1String(name), row.value(QLatin1String(name)));
    out.insert(QStringLiteral("user_role"),
               role.isNull() ? row.value(QStringLiteral("user_role")) : QJsonValue(role));
    return SimReply::json(out);
}

SimReply updateUser(Simulator &sim, SimRequest &r) {
    if (!r.caller.isAdmin())
        return forbidden(r, QStringLiteral("update users"));
    SimDataset &data = sim.data();
    const QString id = optString(r.body.value(QStringLiteral("user_id")));
    const QString email = optString(r.body.value(QStringLiteral("user_email")));
    if (id.isEmpty() && email.isEmpty())
        return SimReply::error(400, QStringLiteral("user_id or user_email is required"),
                               QStringLiteral("bad_request_error"));
    const int u = !id.isEmpty() ? data.userIndex(id) : data.userIndexByEmail(email);
    if (u < 0)
        return userNotFound(id.isEmpty() ? email : id);
    applyUserFields(data.users()[u], r.body, r.caller.isAdmin());
    return SimReply::json(QJsonObject{{QStringLiteral("user_id"), data.users().at(u).userId},
                                      {QStringLiteral("data"), userJson(data, data.users().at(u))}});
}

SimReply deleteUsers(Simulator &sim, SimRequest &r) {
    if (!r.body.value(QStringLiteral("user_ids")).isArray())
        return SimReply::validation(QStringLiteral("body"), QStringLiteral("user_ids"),
                                    QStringLiteral("Field required"));
    if (!r.caller.isAdmin())
        return forbidden(r, QStringLiteral("delete users"));
    SimDataset &data = sim.data();
    const QStringList ids = stringList(r.body.value(QStringLiteral("user_ids")));
    for (const auto &id : ids)
        if (data.userIndex(id) < 0)
            return userNotFound(id);
    for (const auto &id : ids) {
        SimUser &user = data.users()[data.userIndex(id)];
        user.deleted = true;
        // From LiteLLM v1.75 the user also leaves the teams its own row lists (members_with_roles and
        // the team membership row); before, it stayed a member of them.
        if (!data.options().userDeleteLeavesTeams)
            for (const QString &teamId : std::as_const(user.teams))
                if (const int t = data.teamIndex(teamId); t >= 0)
                    if (const int m = data.teams().at(t).memberIndex(id); m >= 0)
                        data.teams()[t].members.removeAt(m);
        SimKeyQuery q;
        q.userId = id;
        for (SimKey row : data.keys().list(q, 0, std::numeric_limits<qint64>::max()).rows) {
            row.deleted = true;
            row.deletedAt = QDateTime::currentMSecsSinceEpoch();
            row.deletedBy = r.caller.userId;
            data.keys().put(row);
        }
    }
    data.keysChanged();
    return SimReply::json(QJsonObject{{QStringLiteral("deleted_users"), QJsonArray::fromStringList(ids)}});
}

} // namespace

void registerUserRoutes(Simulator &sim) {
    sim.addRoute("GET", QStringLiteral("/user/info"), [&sim](SimRequest &r) { return userInfo(sim, r); });
    sim.addRoute("GET", QStringLiteral("/v2/user/info"),
                 [&sim](SimRequest &r) { return userInfoV2(sim, r); });
    sim.addRoute("GET", QStringLiteral("/user/list"), [&sim](SimRequest &r) { return listUsers(sim, r); });
    sim.addRoute("POST", QStringLiteral("/user/new"), [&sim](SimRequest &r) { return newUser(sim, r); });
    sim.addRoute("POST", QStringLiteral("/user/update"),
                 [&sim](SimRequest &r) { return updateUser(sim, r); });
    sim.addRoute("POST", QStringLiteral("/user/delete"),
                 [&sim](SimRequest &r) { return deleteUsers(sim, r); });
}
