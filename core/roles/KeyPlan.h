#pragma once

#include "core/roles/Role.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

// What the person issuing a key chose, within the role.
struct IssueChoices {
    QString label; // empty: 8 random characters
    QString userId;
    QString teamId;                  // must match the role's team when the role fixes one
    QStringList models;              // empty: the role's models
    std::optional<double> maxBudget; // empty: the role's budget
    std::optional<Duration> ttl;     // empty: the role's TTL
};

// The exact /key/generate request a role and choices make, with what the reply should echo.
struct KeyPlan {
    QJsonObject body;
    QString alias;
    QDateTime issuedAt;
    QDateTime expectedExpiry; // invalid: never expires
};

struct PlanResult {
    std::optional<KeyPlan> plan;
    QList<FieldError> errors; // one per field the choices break; empty when plan is set
};

// Metadata keys stamped on every key issued from a role, so its lease can be rebuilt from the proxy.
namespace leasekeys {
inline const QString role = QStringLiteral("desk_role");
inline const QString issuedAt = QStringLiteral("desk_issued_at");
inline const QString ttl = QStringLiteral("desk_ttl");
inline const QString maxTtl = QStringLiteral("desk_max_ttl");
} // namespace leasekeys

// `randomSuffix` is used when no label is given (pass 8 random [a-z0-9] characters; see randomSuffix()).
PlanResult planKey(const Role &role, const IssueChoices &choices, const QDateTime &now,
                   const QString &randomSuffix);
QString randomSuffix();

// Compares a /key/generate (or /key/update) reply with the request: each field the proxy dropped or
// changed, worded for the user. Empty when the reply matches.
QStringList compareKeyReply(const QJsonObject &request, const QJsonObject &reply);
