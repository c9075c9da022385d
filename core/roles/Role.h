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
    static Role fromJson(const QJsonObject &o);
    // The `data` object of `vault read -format=json <mount>/roles/<name>` for a LiteLLM secrets engine
    // role (ttl and max_ttl in seconds); the name comes from the caller.
    static Role fromVault(const QString &name, const QJsonObject &data);
};

// One problem with one field, worded for the user.
struct FieldError {
    QString field; // the JSON field name: name, models, max_budget, ttl, ...
    QString message;
};

// Every problem with the role; empty when it can be saved. `knownModels`, when not empty, is the
// proxy's model list: a model outside it is an error.
QList<FieldError> validateRole(const Role &role, const QStringList &knownModels = {});
QString normalizeRoleName(const QString &name);
// A comma-separated list as typed in a form or on the command line (models, teams): each value trimmed,
// empty ones and repeats dropped, in the order given.
QStringList splitList(const QString &text);
// "k=v" pairs (one per entry) into a map; a pair without '=' or with an empty key is an error.
std::optional<QMap<QString, QString>> parseMetadataPairs(const QStringList &pairs, QString *why = nullptr);
