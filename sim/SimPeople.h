#pragma once

#include "sim/SimKey.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

struct SimOptions;

// A row of the simulated users table (LiteLLM_UserTable).
struct SimUser {
    QString userId;
    QString email;
    QString alias;
    QString role;
    QStringList teams;
    std::optional<double> maxBudget;
    QString budgetDuration;
    QStringList models;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    QJsonObject metadata;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    bool deleted = false;

    // `spend` comes from the user's keys.
    QJsonObject toJson(double spend) const;
};

// One entry of a team's members_with_roles, with the member's own budget in the team (the budget table
// of their LiteLLM_TeamMembership row) when one was set.
struct SimMember {
    QString userId;
    QString role; // admin, user
    std::optional<double> maxBudgetInTeam;
};

// A row of the simulated teams table (LiteLLM_TeamTable).
struct SimTeam {
    QString teamId;
    QString alias;
    QString orgId;
    QStringList models;
    std::optional<double> maxBudget;
    QString budgetDuration;
    std::optional<qint64> budgetResetAt;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    QJsonObject metadata;
    QList<SimMember> members;
    bool blocked = false;
    bool deleted = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    int memberIndex(const QString &userId) const; // -1 if not a member
    // `members` are {user_id, user_email, role}; `spend` comes from the team's keys.
    QJsonObject toJson(const QJsonArray &memberRows, double spend) const;
};

// Deterministic people of a data set; `nowMs` anchors every timestamp.
QList<SimUser> simUsers(const SimOptions &options, const QList<SimTeam> &teams, qint64 nowMs);
QList<SimTeam> simTeams(const SimOptions &options, const QStringList &modelNames, qint64 nowMs);
// Fills each team's members_with_roles from the users' teams: the first member is the team's admin.
void simAddMembers(QList<SimTeam> &teams, const QList<SimUser> &users);
quint64 simMix(quint64 x); // splitmix64 finaliser: the data set's only source of randomness
double simUnit(quint64 x); // a uniform double in [0, 1) from a hash
