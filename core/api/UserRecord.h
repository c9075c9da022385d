#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One user row (/user/info user_info, /user/list users, /user/update data).
struct UserRecord {
    QString userId;
    QString userEmail;
    QString userAlias;
    QString userRole;  // proxy_admin, internal_user, ...
    QStringList teams; // team ids
    double spend = 0;
    std::optional<double> maxBudget;
    QString budgetDuration;
    QDateTime budgetResetAt;
    QStringList models;
    std::optional<qint64> keyCount; // /user/list only
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    QJsonObject metadata;
    QDateTime createdAt;
    QJsonObject raw;
};

UserRecord userRecordFromJson(const QJsonObject &row);
