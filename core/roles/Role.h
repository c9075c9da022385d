#pragma once

#include "core/roles/Duration.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <optional>

// What a key issued from this role may be, Vault style: issuing can narrow it, never widen it.
struct Role {
    QString name;           // lowercase letters, digits, '-', '_', '.'; starts and ends alphanumeric
    QStringList models;     // empty = not restricted
    double maxBudget = 0;   // USD; 0 = unlimited
    QString budgetDuration; // LiteLLM duration, optional ("30d")
    QString keyAliasPrefix = QStringLiteral("desk");
    QMap<QString, QString> metadata;
    Duration ttl;    // 0 = no default expiry
    Duration maxTtl; // 0 = no cap
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<qint64> maxParallelRequests;
    QString teamId;    // keys from this role belong to this team
    QStringList teams; // LiteLLM teams whose members this role suits, in priority order

    QJsonObject toJson() const;
};

// One problem with one field, worded for the user.
struct FieldError {
    QString field; // the JSON field name: name, models, max_budget, ttl, ...
    QString message;
};

// A role read from JSON. A field of the wrong type or out of range is an error naming the field, never a
// default: a role never comes out wider than written (no "all models" from a null list, no lost TTL).
struct RoleRead {
    Role role;
    QList<FieldError> errors;
};
// Our own role object (RoleStore's file and exports).
RoleRead readRole(const QJsonObject &o);
// The `data` object of `vault read -format=json <mount>/roles/<name>` for a LiteLLM secrets engine role:
// TTLs in seconds or as Go durations, Vault's default alias prefix "vault". The name comes from the caller.
RoleRead readVaultRole(const QString &name, const QJsonObject &data);
// "role \"ci\": ttl: A TTL cannot be negative.; max_budget: ..." for messages.
QString describeRoleErrors(const RoleRead &read);
inline constexpr auto kVaultAliasPrefix = "vault";
// TPM, RPM and parallel limits: far beyond any real limit, well inside qint64.
inline constexpr qint64 kMaxRoleLimit = 1'000'000'000'000'000;

// Every problem with the role; empty when it can be saved. `knownModels`, when not empty, is the
// proxy's model list: a model outside it is an error.
QList<FieldError> validateRole(const Role &role, const QStringList &knownModels = {});
QString normalizeRoleName(const QString &name);
// "k=v" pairs (one per entry) into a map; a pair without '=' or with an empty key is an error.
std::optional<QMap<QString, QString>> parseMetadataPairs(const QStringList &pairs, QString *why = nullptr);
