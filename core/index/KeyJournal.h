#pragma once

#include "core/api/KeyRecord.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

// One change the index saw: a key created or deleted, one field changed (old and new value as JSON
// text), or the key's spend since the previous sync.
struct JournalEntry {
    enum class Kind { Created, Deleted, Changed, Spend };

    QDateTime at;
    Kind kind = Kind::Changed;
    QString token;
    QString keyAlias;
    QString teamId;
    QString field; // for Changed: key_alias, team_id, max_budget, models, expires, blocked, metadata, ...
    QString oldValue;
    QString newValue;
    QString source; // "sync" (seen on the proxy) or "desk" (a key action of this desk)

    // For Spend: what the key spent between the two syncs (a budget reset in between counts from 0).
    double spendDelta() const;
    static QString kindName(Kind kind); // created, deleted, changed, spend
    static std::optional<Kind> kindFromName(const QString &name);
    // One row of the journal table as SQLite hands it over: at, kind, token, key_alias, team_id, field,
    // old_value, new_value, source.
    static JournalEntry fromValues(const QVariantList &values);
};

struct JournalQuery {
    QDateTime since; // invalid = from the start
    QString key;     // token, alias or masked key name; empty = every key
    std::optional<JournalEntry::Kind> kind;
    int limit = 0; // 0 = all
};

// The changes journal, a table in the key index. Kept for a set number of days (90 by default).
class KeyJournal {
public:
    static constexpr int kDefaultKeepDays = 90;

    explicit KeyJournal(QSqlDatabase db);

    // The entries `before` -> `after` of one key make (created when `before` is empty, a Changed entry
    // per differing field, a Spend entry when the spend moved). Written in the caller's transaction.
    bool recordDifferences(const std::optional<KeyRecord> &before, const KeyRecord &after,
                           const QDateTime &at, const QString &source);
    bool recordDeleted(const KeyRecord &before, const QDateTime &at, const QString &source);
    // Entries oldest first.
    QList<JournalEntry> entries(const JournalQuery &query) const;
    // Removes entries older than `keepDays` before `now`; returns how many.
    int prune(const QDateTime &now, int keepDays);

    // The fields compared between syncs, by LiteLLM's names.
    static QStringList trackedFields();
    static QList<JournalEntry> differences(const std::optional<KeyRecord> &before, const KeyRecord &after);
    // One entry as it is (a change no comparison finds, such as a new hash).
    bool write(const JournalEntry &entry);

private:
    QSqlDatabase m_db;
};
