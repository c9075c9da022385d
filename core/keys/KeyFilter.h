#pragma once

#include "core/keys/KeyRisk.h"

#include "core/api/KeyApi.h"

#include <optional>

// What the key list shows: the server-side filters and sort of /key/list, plus the status "blocked",
// which the proxy cannot filter and is applied to each row here.
struct KeyFilter {
    QString teamId;
    QString userId;
    QString alias; // substring of the alias
    QString keyHash;
    std::optional<KeyStatus> status;
    QString sortBy; // spend, max_budget, created_at, updated_at, token, key_alias; empty = the proxy's order
    Qt::SortOrder sortOrder = Qt::DescendingOrder;

    static QStringList sortFields();

    api::KeyListQuery toQuery(int page, int size) const;
    // True when `key` matches what was asked of the proxy (a row that does not came from a proxy that
    // ignored a filter). Hash-only rows carry no fields and always match.
    bool serverMatches(const KeyRecord &key, const QDateTime &now) const;
    // True when `key` also matches the filters applied here (blocked, and active meaning not blocked).
    bool clientMatches(const KeyRecord &key, const QDateTime &now) const;
    // The server-side filter `key` fails, in words ("team_id"), or empty.
    QString firstMismatch(const KeyRecord &key, const QDateTime &now) const;
};
