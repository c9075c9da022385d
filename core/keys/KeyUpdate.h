#pragma once

#include "core/api/KeyRecord.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// The changes asked for one key (/key/update): only what is set is sent. An alias is either a new text
// or cleared (null), never "". After the write, droppedFields() names what the proxy did not apply.
struct KeyUpdate {
    std::optional<QString> alias; // set: new alias; an empty string clears it (sent as null)
    std::optional<QStringList> models;
    std::optional<double> maxBudget;
    std::optional<QString> budgetDuration;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    QJsonObject metadata;             // keys merged into the key's metadata
    std::optional<QString> expiresIn; // a duration from now; empty = never expires
    // Remove the budget or a limit (sent as null). LiteLLM clears them from about v1.52; older proxies
    // ignore a null, which droppedFields() then reports.
    bool clearMaxBudget = false;
    bool clearTpmLimit = false;
    bool clearRpmLimit = false;

    bool isEmpty() const;
    // What is wrong with it, in words a user can act on, or nothing.
    std::optional<QString> validate() const;
    // The fields to send (without "key"). `current` metadata is merged so other entries are kept.
    QJsonObject toJson(const QJsonObject &currentMetadata = {}) const;
    // Fields sent that the reply does not show as asked: "key_alias", "models", ...
    QStringList droppedFields(const KeyRecord &reply, const QDateTime &sentAt) const;
};
