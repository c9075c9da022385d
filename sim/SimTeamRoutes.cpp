#include "sim/SimParams.h"
#include "sim/Simulator.h"

#include <algorithm>
#include <limits>

using namespace simparams;

namespace {

QJsonArray members(const SimDataset &data, const QString &teamId, bool asMemberships) {
    QJsonArray out;
    bool first = true;
    for (const auto &u : data.users()) {
        if (u.deleted || !u.teams.contains(teamId))
            continue;
        if (asMemberships)
            out << QJsonObject{{QStringLiteral("user_id"), u.userId},
                               {QStringLiteral("team_id"), teamId},
                               {QStringLiteral("budget_id"), QJsonValue()},
                               {QStringLiteral("spend"), 0.0},
                               {QStringLiteral("litellm_budget_table"), QJsonValue()}};
        else
            out << QJsonObject{
                {QStringLiteral("user_id"), u.userId},
                {QStringLiteral("user_email"), u.email.isNull() ? QJsonValue() : QJsonValue(u.email)},
                {QStringLiteral("role"), first ? QStringLiteral("admin") : QStringLiteral("user")}};
        first = false;
    }
    return out;
}

QJsonArray teamKeys(const SimDataset &data, const QString &teamId) {
    SimKeyQuery q;
    q.teamId = teamId;
    QJsonArray out;
    for (const auto &row : data.keys().list(q, 0, std::numeric_limits<qint64>::max()).rows)
        out << row.toJson();
    return out;
}

QJsonObject teamRow(const SimDataset &data, const SimTeam &t) {
    return t.toJson(members(data, t.teamId, false), data.teamTotals(t.teamId).spend);
}

bool visible(const SimRequest &r, const SimDataset &data, const SimTeam &t) {
    if (r.caller.isAdminViewer())
        return true;
    const int u = data.userIndex(r.caller.userId);
    return u >= 0 && data.users().at(u).teams.contains(t.teamId);
}

SimReply listTeams(Simulator &sim, SimRequest &r) {
    const SimDataset &data = sim.data();
    const QString userId = r.query(QStringLiteral("user_id"));
    const QString org = r.query(QStringLiteral("organization_id"));
    const int u = userId.isEmpty() ? -1 : data.userIndex(userId);
    QJsonArray out;
    for (const auto &t : data.teams()) {
        if (!visible(r, data, t) || (!org.isEmpty() && t.orgId != org))
            continue;
        if (!userId.isEmpty() && (u < 0 || !data.users().at(u).teams.contains(t.teamId)))
            continue;
        QJsonObject o = teamRow(data, t);
        o.insert(QStringLiteral("team_memberships"), members(data, t.teamId, true));
        o.insert(QStringLiteral("keys"), teamKeys(data, t.teamId));
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
    const QString alias = r.query(QStringLiteral("team_alias"));
    const QString teamId = r.query(QStringLiteral("team_id"));
    const QString org = r.query(QStringLiteral("organization_id"));
    const QString search = r.query(QStringLiteral("search"));
    QList<const SimTeam *> teams;
    for (const auto &t : data.teams()) {
        if (!visible(r, data, t) || (!org.isEmpty() && t.orgId != org) ||
            (!teamId.isEmpty() && t.teamId != teamId))
            continue;
        if (!alias.isEmpty() && !t.alias.contains(alias, Qt::CaseInsensitive))
            continue;
        if (!search.isEmpty() && !t.alias.contains(search, Qt::CaseInsensitive) && !t.teamId.contains(search))
            continue;
        teams << &t;
    }
    const QString sortBy = r.query(QStringLiteral("sort_by"));
    if (!sortBy.isEmpty() && sortBy != u"team_id" && sortBy != u"team_alias" && sortBy != u"created_at")
        return SimReply::error(400, QStringLiteral("Invalid sort_by: %1").arg(sortBy),
                               QStringLiteral("bad_request_error"));
    const bool desc = r.query(QStringLiteral("sort_order")).toLower() == u"desc";
    std::stable_sort(teams.begin(), teams.end(), [&](const SimTeam *a, const SimTeam *b) {
        const bool less = sortBy == u"team_id"      ? a->teamId < b->teamId
                          : sortBy == u"team_alias" ? a->alias < b->alias
                                                    : a->createdAt < b->createdAt;
        const bool greater = sortBy == u"team_id"      ? b->teamId < a->teamId
                             : sortBy == u"team_alias" ? b->alias < a->alias
                                                       : b->createdAt < a->createdAt;
        return desc ? greater : less;
    });
    QJsonArray out;
    const qsizetype from = qsizetype(*page - 1) * *pageSize;
    for (qsizetype i = from; i < std::min(teams.size(), from + *pageSize); ++i) {
        const SimTeam &t = *teams.at(i);
        QJsonObject o = teamRow(data, t);
        o.insert(QStringLiteral("members_count"),
                 o.value(QStringLiteral("members_with_roles")).toArray().size());
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
    if (id.isEmpty())
        return SimReply::error(400, QStringLiteral("Malformed request. No team id passed in."),
                               QStringLiteral("bad_request_error"), QStringLiteral("team_id"));
    const int t = data.teamIndex(id);
    if (t < 0)
        return SimReply::error(404, QStringLiteral("Team not found, passed team_id=%1").arg(id),
                               QStringLiteral("not_found_error"));
    if (!visible(r, data, data.teams().at(t)))
        return SimReply::error(
            403, QStringLiteral("User is not a member of team_id=%1. Your role=%2").arg(id, r.caller.role),
            QStringLiteral("auth_error"));
    QJsonObject info = teamRow(data, data.teams().at(t));
    info.insert(QStringLiteral("team_member_budget_table"), QJsonValue());
    return SimReply::json(QJsonObject{{QStringLiteral("team_id"), id},
                                      {QStringLiteral("team_info"), info},
                                      {QStringLiteral("keys"), teamKeys(data, id)},
                                      {QStringLiteral("team_memberships"), members(data, id, true)}});
}

} // namespace

void registerTeamRoutes(Simulator &sim) {
    sim.addRoute("GET", QStringLiteral("/team/list"), [&sim](SimRequest &r) { return listTeams(sim, r); });
    sim.addRoute("GET", QStringLiteral("/v2/team/list"),
                 [&sim](SimRequest &r) { return listTeamsV2(sim, r); });
    sim.addRoute("GET", QStringLiteral("/team/info"), [&sim](SimRequest &r) { return teamInfo(sim, r); });
}
