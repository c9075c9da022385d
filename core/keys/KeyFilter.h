#pragma once

#include "core/keys/KeyRisk.h"

#include "core/api/KeyApi.h"

#include <QSet>

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

    // One page of /key/list screened: rows already in `seen` are skipped (the list shifted between
    // pages), rows that fail a server-side filter are dropped and counted, the rest go into `seen` and,
    // when they also pass the filters applied here, into `accepted`.
    struct Screened {
        QList<KeyRecord> accepted;
        qsizetype dropped = 0;
        QString mismatch; // the first server-side filter a dropped row failed
    };
    Screened screen(const QList<KeyRecord> &rows, QSet<QString> &seen, const QDateTime &now) const;
    // The warning for rows a proxy sent that do not match the filter it was given.
    static QString ignoredMessage(qsizetype dropped, const QString &field);
};
