#include "TeamApi.h"

#include "core/api/ClientFeatures.h"
#include "core/api/ErrorReason.h"
#include "core/api/Json.h"
#include "core/api/ListDecode.h"

namespace api {

using namespace decoding;

namespace {

QJsonObject memberJson(const TeamMember &m) {
    QJsonObject o{{QStringLiteral("user_id"), m.userId},
                  {QStringLiteral("role"), m.role.isEmpty() ? QStringLiteral("user") : m.role}};
    if (!m.userEmail.isEmpty())
        o.insert(QStringLiteral("user_email"), m.userEmail);
    return o;
}

Request teamPost(const QString &path, const QString &teamId, QJsonObject body = {}) {
    body.insert(QStringLiteral("team_id"), teamId);
    return Request::post(path, body);
}

} // namespace

QStringList TeamListQuery::sortFields() {
    return {QStringLiteral("team_id"), QStringLiteral("team_alias"), QStringLiteral("created_at")};
}

QUrlQuery TeamListQuery::toQuery(bool legacy) const {
    QUrlQuery q;
    if (!legacy) {
        q.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, page)));
        q.addQueryItem(QStringLiteral("page_size"), QString::number(std::clamp(pageSize, 1, kMaxPageSize)));
    }
    addIfSet(q, QStringLiteral("user_id"), userId);
    addIfSet(q, QStringLiteral("organization_id"), organizationId);
    if (!legacy) {
        addIfSet(q, QStringLiteral("team_id"), teamId);
        addIfSet(q, QStringLiteral("team_alias"), teamAlias);
        if (!sortBy.isEmpty()) {
            q.addQueryItem(QStringLiteral("sort_by"), sortBy);
            q.addQueryItem(QStringLiteral("sort_order"), orderName(sortOrder));
        }
    }
    return q;
}

QJsonObject TeamFields::toJson() const {
    QJsonObject o;
    if (!teamAlias.trimmed().isEmpty())
        o.insert(QStringLiteral("team_alias"), teamAlias.trimmed());
    if (models)
        o.insert(QStringLiteral("models"), QJsonArray::fromStringList(*models));
    if (maxBudget)
        o.insert(QStringLiteral("max_budget"), *maxBudget);
    if (!budgetDuration.isEmpty())
        o.insert(QStringLiteral("budget_duration"), budgetDuration);
    if (tpmLimit)
        o.insert(QStringLiteral("tpm_limit"), *tpmLimit);
    if (rpmLimit)
        o.insert(QStringLiteral("rpm_limit"), *rpmLimit);
    if (clearMaxBudget)
        o.insert(QStringLiteral("max_budget"), QJsonValue());
    if (clearTpmLimit)
        o.insert(QStringLiteral("tpm_limit"), QJsonValue());
    if (clearRpmLimit)
        o.insert(QStringLiteral("rpm_limit"), QJsonValue());
    if (metadata)
        o.insert(QStringLiteral("metadata"), *metadata);
    if (!members.isEmpty()) {
        QJsonArray list;
        for (const auto &m : members)
            list << memberJson(m);
        o.insert(QStringLiteral("members_with_roles"), list);
    }
    return o;
}

Expected<TeamPage> decodeTeamPage(const QByteArray &body) {
    auto v = json::parse(body);
    if (!v)
        return Unexpected(v.error());
    TeamPage page;
    if (v->isArray()) { // /team/list: every team, unpaged
        auto teams = objects<TeamRecord>(*v, &teamRecordFromJson);
        if (!teams)
            return Unexpected(shapeError(QStringLiteral("a team list entry is not an object"), body));
        page.teams = std::move(*teams);
        page.total = page.teams.size();
        page.paged = false;
        return page;
    }
    const auto o = v->toObject();
    auto teams = objects<TeamRecord>(o.value(u"teams"), &teamRecordFromJson);
    if (!v->isObject() || !teams)
        return Unexpected(shapeError(QStringLiteral("the team list has no \"teams\" list of objects"), body));
    page.teams = std::move(*teams);
    page.total = json::optInt(o.value(u"total"));
    page.page = static_cast<int>(std::max<qint64>(1, json::integer(o.value(u"page"), 1)));
    page.totalPages = static_cast<int>(std::max<qint64>(1, json::integer(o.value(u"total_pages"), 1)));
    return page;
}

Expected<TeamInfo> decodeTeamInfo(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto row = o->value(u"team_info");
    if (!row.isObject())
        return Unexpected(shapeError(QStringLiteral("the team info has no \"team_info\" object"), body));
    TeamInfo info;
    info.team = teamRecordFromJson(row.toObject());
    if (info.team.teamId.isEmpty())
        info.team.teamId = json::str(o->value(u"team_id"));
    applyMemberships(info.team, o->value(u"team_memberships").toArray());
    // The team's default member budget (team_member_budget on /team/new): LiteLLM's
    // _check_team_member_budget falls back to it for a member without a budget of their own.
    const auto defaults = json::obj(row.toObject().value(u"team_member_budget_table"));
    if (const auto max = json::optNum(defaults.value(u"max_budget")))
        for (TeamMember &m : info.team.members)
            if (!m.maxBudgetInTeam) {
                m.maxBudgetInTeam = max;
                m.budgetDuration = json::str(defaults.value(u"budget_duration"));
            }
    info.keys = keyRows(o->value(u"keys"));
    return info;
}

Expected<TeamRecord> decodeTeamRow(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const QJsonObject row = o->value(u"data").isObject() ? o->value(u"data").toObject() : *o;
    TeamRecord t = teamRecordFromJson(row);
    if (t.teamId.isEmpty())
        t.teamId = json::str(o->value(u"team_id"));
    if (t.teamId.isEmpty())
        return Unexpected(shapeError(QStringLiteral("the reply names no team"), body));
    return t;
}

Expected<TeamMember> decodeTeamMemberUpdate(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    TeamMember m;
    m.userId = json::str(o->value(u"user_id"));
    m.userEmail = json::str(o->value(u"user_email"));
    m.maxBudgetInTeam = json::optNum(o->value(u"max_budget_in_team"));
    if (m.userId.isEmpty())
        return Unexpected(shapeError(QStringLiteral("the reply names no team member"), body));
    return m;
}

Expected<QStringList> decodeDeletedTeams(const QByteArray &body) {
    auto v = json::parse(body);
    if (!v)
        return Unexpected(v.error());
    return json::strList(v->toObject().value(u"deleted_teams"));
}

void listTeams(ProxyClient &client, const TeamListQuery &query, QObject *context, Handler<TeamPage> done) {
    QPointer<ProxyClient> guard(&client);
    const auto legacy = [guard, query, context, done] {
        if (guard)
            call<TeamPage>(*guard, Request::get(QStringLiteral("/team/list"), query.toQuery(true)),
                           &decodeTeamPage, context, done);
    };
    if (!clientFeature(client, kTeamListV2Feature).value_or(true)) {
        legacy();
        return;
    }
    call<TeamPage>(client, Request::get(QStringLiteral("/v2/team/list"), query.toQuery()), &decodeTeamPage,
                   context, [guard, legacy, done](Expected<TeamPage> r) {
                       // FastAPI's own 404 for a route it does not have; a 404 about a user is an answer.
                       if (!r && isNoRoute(r.error()) && guard) {
                           setClientFeature(*guard, kTeamListV2Feature, false);
                           legacy();
                           return;
                       }
                       if (r && guard)
                           setClientFeature(*guard, kTeamListV2Feature, true);
                       done(std::move(r));
                   });
}

ApiReply *teamInfo(ProxyClient &client, const QString &teamId, QObject *context, Handler<TeamInfo> done,
                   int keyLimit) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("team_id"), teamId);
    if (keyLimit > 0)
        q.addQueryItem(QStringLiteral("key_limit"), QString::number(keyLimit));
    return call<TeamInfo>(client, Request::get(QStringLiteral("/team/info"), q), &decodeTeamInfo, context,
                          std::move(done));
}

ApiReply *newTeam(ProxyClient &client, const TeamFields &fields, QObject *context, Handler<TeamRecord> done) {
    return call<TeamRecord>(client, Request::post(QStringLiteral("/team/new"), fields.toJson()),
                            &decodeTeamRow, context, std::move(done));
}

ApiReply *updateTeam(ProxyClient &client, const QString &teamId, const TeamFields &fields, QObject *context,
                     Handler<TeamRecord> done) {
    QJsonObject body = fields.toJson();
    body.remove(QStringLiteral("members_with_roles"));
    return call<TeamRecord>(client, teamPost(QStringLiteral("/team/update"), teamId, body), &decodeTeamRow,
                            context, std::move(done));
}

ApiReply *addTeamMember(ProxyClient &client, const QString &teamId, const TeamMember &member,
                        QObject *context, Handler<TeamRecord> done) {
    QJsonObject body{{QStringLiteral("member"), memberJson(member)}};
    if (member.maxBudgetInTeam)
        body.insert(QStringLiteral("max_budget_in_team"), *member.maxBudgetInTeam);
    return call<TeamRecord>(client, teamPost(QStringLiteral("/team/member_add"), teamId, body),
                            &decodeTeamRow, context, std::move(done));
}

ApiReply *removeTeamMember(ProxyClient &client, const QString &teamId, const QString &userId,
                           QObject *context, Handler<TeamRecord> done) {
    return call<TeamRecord>(client,
                            teamPost(QStringLiteral("/team/member_delete"), teamId,
                                     QJsonObject{{QStringLiteral("user_id"), userId}}),
                            &decodeTeamRow, context, std::move(done));
}

ApiReply *updateTeamMember(ProxyClient &client, const QString &teamId, const TeamMember &member,
                           QObject *context, Handler<TeamMember> done) {
    QJsonObject body{{QStringLiteral("user_id"), member.userId}};
    if (!member.role.isEmpty())
        body.insert(QStringLiteral("role"), member.role);
    if (member.maxBudgetInTeam)
        body.insert(QStringLiteral("max_budget_in_team"), *member.maxBudgetInTeam);
    return call<TeamMember>(client, teamPost(QStringLiteral("/team/member_update"), teamId, body),
                            &decodeTeamMemberUpdate, context, std::move(done));
}

ApiReply *setTeamBlocked(ProxyClient &client, const QString &teamId, bool blocked, QObject *context,
                         Handler<TeamRecord> done) {
    const QString path = blocked ? QStringLiteral("/team/block") : QStringLiteral("/team/unblock");
    return call<TeamRecord>(client, teamPost(path, teamId), &decodeTeamRow, context, std::move(done));
}

ApiReply *deleteTeam(ProxyClient &client, const QString &teamId, QObject *context,
                     Handler<QStringList> done) {
    return call<QStringList>(client,
                             Request::post(QStringLiteral("/team/delete"),
                                           QJsonObject{{QStringLiteral("team_ids"), QJsonArray{teamId}}}),
                             &decodeDeletedTeams, context, std::move(done));
}

} // namespace api
