#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One member of a team: members_with_roles gives the role, team_memberships (/team/info, /team/list) the
// member's spend within the team and their own budget there (litellm_budget_table).
struct TeamMember {
    QString userId;
    QString userEmail;
    QString role; // admin, user
    double spend = 0;
    std::optional<double> maxBudgetInTeam;
    QString budgetDuration;
    QDateTime budgetResetAt;

    bool isAdmin() const { return role == u"admin"; }
    static TeamMember withRole(QString userId, QString role) {
        TeamMember m;
        m.userId = std::move(userId);
        m.role = std::move(role);
        return m;
    }
};

// One team row (/v2/team/list, /team/list, /team/info team_info, /team/new, /team/update data).
struct TeamRecord {
    QString teamId;
    QString teamAlias;
    QString organizationId;
    QList<TeamMember> members;
    QStringList models;      // empty or "all-proxy-models": every model of the proxy
    bool modelsKnown = true; // false: models null, missing or not a list of names (never "every model")
    double spend = 0;
    std::optional<double> maxBudget;
    std::optional<double> softBudget;
    QString budgetDuration;
    QDateTime budgetResetAt;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<bool> blocked;
    std::optional<qint64> membersCount; // v2 list
    std::optional<qint64> keysCount;    // v2 list
    QJsonObject metadata;
    QDateTime createdAt;
    QJsonObject raw;

    QString displayName() const { return teamAlias.isEmpty() ? teamId : teamAlias; }
    bool isBlocked() const { return blocked.value_or(false); }
    const TeamMember *member(const QString &userId) const;
};

TeamRecord teamRecordFromJson(const QJsonObject &row);
// Adds each membership's spend and budget ({user_id, spend, litellm_budget_table}) to its member.
void applyMemberships(TeamRecord &team, const QJsonArray &memberships);
