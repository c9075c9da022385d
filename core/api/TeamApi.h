#pragma once

#include "core/api/Call.h"
#include "core/api/KeyRecord.h"
#include "core/api/TeamRecord.h"

#include <optional>

// The /team routes of LiteLLM's admin API (litellm/proxy/management_endpoints/team_endpoints.py).
namespace api {

// GET /v2/team/list (and /team/list on older proxies).
struct TeamListQuery {
    int page = 1;
    int pageSize = 50;
    QString userId;
    QString organizationId;
    QString teamId;
    QString teamAlias; // contains, case-insensitive
    QString sortBy;    // team_id, team_alias, created_at
    Qt::SortOrder sortOrder = Qt::AscendingOrder;

    static constexpr int kMaxPageSize = 100;
    static QStringList sortFields();
    QUrlQuery toQuery(bool legacy = false) const;
};

struct TeamPage {
    QList<TeamRecord> teams;
    std::optional<qint64> total;
    int page = 1;
    int totalPages = 1;
    bool paged = true; // false: the old /team/list, which sends every team (and all its keys) at once
};

// /team/info: the team, its keys, and its members with their spend and budget within the team.
struct TeamInfo {
    TeamRecord team;
    QList<KeyRecord> keys;
};

// The fields /team/new and /team/update take. Unset fields are not sent, so an update changes only them.
struct TeamFields {
    QString teamAlias;
    std::optional<QStringList> models;
    std::optional<double> maxBudget;
    QString budgetDuration;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<QJsonObject> metadata;
    QList<TeamMember> members; // /team/new only: members_with_roles
    // /team/update: remove the budget or a limit (sent as null; LiteLLM clears them from about v1.59,
    // older proxies keep them).
    bool clearMaxBudget = false;
    bool clearTpmLimit = false;
    bool clearRpmLimit = false;

    QJsonObject toJson() const;
};

Expected<TeamPage> decodeTeamPage(const QByteArray &body); // /v2/team/list object, or /team/list array
Expected<TeamInfo> decodeTeamInfo(const QByteArray &body);
// A team row: /team/new, /team/block, /team/member_add, or {"team_id", "data": row} from /team/update.
Expected<TeamRecord> decodeTeamRow(const QByteArray &body);
// /team/member_update: {team_id, user_id, user_email, max_budget_in_team}.
Expected<TeamMember> decodeTeamMemberUpdate(const QByteArray &body);
// /team/delete: {"deleted_teams": [ids]}.
Expected<QStringList> decodeDeletedTeams(const QByteArray &body);

// /v2/team/list; when the proxy answers 404 there, /team/list, and that is remembered for the client.
void listTeams(ProxyClient &client, const TeamListQuery &query, QObject *context, Handler<TeamPage> done);
// keyLimit > 0 asks for at most that many of the team's keys (key_limit, newer proxies; older ones send
// every key).
ApiReply *teamInfo(ProxyClient &client, const QString &teamId, QObject *context, Handler<TeamInfo> done,
                   int keyLimit = 0);
ApiReply *newTeam(ProxyClient &client, const TeamFields &fields, QObject *context, Handler<TeamRecord> done);
ApiReply *updateTeam(ProxyClient &client, const QString &teamId, const TeamFields &fields, QObject *context,
                     Handler<TeamRecord> done);
// member.role and, when set, member.maxBudgetInTeam (max_budget_in_team) are sent with the user id.
ApiReply *addTeamMember(ProxyClient &client, const QString &teamId, const TeamMember &member,
                        QObject *context, Handler<TeamRecord> done);
ApiReply *removeTeamMember(ProxyClient &client, const QString &teamId, const QString &userId,
                           QObject *context, Handler<TeamRecord> done);
ApiReply *updateTeamMember(ProxyClient &client, const QString &teamId, const TeamMember &member,
                           QObject *context, Handler<TeamMember> done);
// /team/block or /team/unblock: every key of a blocked team is refused.
ApiReply *setTeamBlocked(ProxyClient &client, const QString &teamId, bool blocked, QObject *context,
                         Handler<TeamRecord> done);
// /team/delete: LiteLLM deletes the team's keys with it. Hands back the ids the proxy says it deleted.
ApiReply *deleteTeam(ProxyClient &client, const QString &teamId, QObject *context, Handler<QStringList> done);

inline const QString kTeamListV2Feature = QStringLiteral("teamListV2");

} // namespace api
