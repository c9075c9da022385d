#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// How a simulated timestamp is written; LiteLLM versions and drivers mix these.
enum class SimTimeStyle : quint8 {
    Zulu,         // 2025-01-31T10:00:00Z
    Offset,       // 2025-01-31T10:00:00+00:00
    Microseconds, // 2025-01-31T10:00:00.123000+00:00
};

QString simTimestamp(qint64 msecsUtc, SimTimeStyle style = SimTimeStyle::Microseconds);
QJsonValue simTimestamp(std::optional<qint64> msecsUtc, SimTimeStyle style = SimTimeStyle::Microseconds);
QString simTokenOf(const QString &rawKey); // sha256 hex, as LiteLLM stores a key
QString simKeyName(const QString &rawKey); // "sk-...abcd"

// One row of the simulated keys table (LiteLLM_VerificationToken). Nullable strings are null QStrings.
struct SimKey {
    qint64 index = -1; // position in the key store
    QString token;
    QString keyName;
    QString alias;
    double spend = 0;
    std::optional<double> maxBudget;
    QString budgetDuration;
    std::optional<qint64> budgetResetAt;
    std::optional<qint64> expires;
    SimTimeStyle timeStyle = SimTimeStyle::Microseconds;
    QStringList models;
    QString userId;
    QString teamId;
    QString orgId;
    std::optional<bool> blocked;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<qint64> maxParallelRequests;
    QJsonObject metadata;
    QJsonObject extra; // other request fields kept as sent (aliases, config, permissions, ...)
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> lastActive;
    QString createdBy;
    QString updatedBy;
    bool deleted = false;
    qint64 deletedAt = 0;
    QString deletedBy;

    bool isExpired(qint64 nowMs) const { return expires && *expires < nowMs; }
    QStringList tags() const;
    // The table row as LiteLLM sends it; `listObject` adds UserAPIKeyAuth's flattened (mostly null) joins.
    QJsonObject toJson(bool listObject = false) const;
    // The same row as compact JSON text, written directly for rows without `extra` fields (a page of
    // /key/list is mostly such rows); equal to QJsonDocument(toJson(listObject)).toJson(Compact).
    QByteArray toJsonBytes(bool listObject = false) const;
};
