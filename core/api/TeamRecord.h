#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct TeamMember {
    QString userId;
    QString userEmail;
    QString role; // admin, user
};

// One team row (/v2/team/list, /team/list, /team/info team_info).
struct TeamRecord {
    QString teamId;
    QString teamAlias;
    QString organizationId;
    QList<TeamMember> members;
    QStringList models;
    double spend = 0;
    std::optional<double> maxBudget;
    QString budgetDuration;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<bool> blocked;
    std::optional<qint64> membersCount; // v2 list
    std::optional<qint64> keysCount;    // v2 list
    QJsonObject metadata;
    QDateTime createdAt;
    QJsonObject raw;

    QString displayName() const { return teamAlias.isEmpty() ? teamId : teamAlias; }
};

TeamRecord teamRecordFromJson(const QJsonObject &row);
