#pragma once

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetBook.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndexQuery.h"
#include "core/index/KeyJournal.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The local index of one connection's keys: what every key question over all keys is answered from.
// Filled by KeyIndexSync and by the desk's own key actions (record*), read by queries. Several
// KeyIndex objects (in this process or another) may use one file at once.
class KeyIndex {
public:
    explicit KeyIndex(const QString &path);

    bool open();
    QString errorString() const;
    QString notice() const { return m_db.notice(); }
    const QString &path() const { return m_db.path(); }
    IndexDatabase &database() { return m_db; }
    KeyJournal journal() { return KeyJournal(m_db.db()); }

    // The index's bookkeeping (sync marks, times), by name.
    QString meta(const QString &name) const;
    bool setMeta(const QString &name, const QString &value);
    QDateTime metaTime(const QString &name) const;
    bool setMetaTime(const QString &name, const QDateTime &value);

    qint64 keyCount() const;
    std::optional<KeyRecord> key(const QString &token) const;
    // When the stored row of `token` (and so its spend) was read from the proxy.
    QDateTime syncedAt(const QString &token) const;

    // Writes happen in a transaction the caller opens and ends.
    bool begin();
    bool commit();
    void rollback();

    struct Applied {
        int created = 0;
        int changed = 0; // any field or the spend differs
    };
    // Stores `keys` as read at `seenAt`. With `journal`, each key is compared with what was stored and the
    // differences go to the changes journal (with `source`); without, rows are written as they are (the
    // first sync, which has nothing to compare with).
    bool store(const QList<KeyRecord> &keys, const QDateTime &seenAt, bool journal, const QString &source,
               Applied *applied = nullptr);
    // Removes keys (by token) that left the proxy; journaled as deleted. Returns how many were here.
    int remove(const QStringList &tokens, const QDateTime &at, const QString &source);
    // Tokens in row order after row id `afterId` (for walking the whole index in steps).
    QStringList tokens(qint64 afterId, int limit, qint64 *lastId) const;

    // The desk's own key actions, written at once from the proxy's answer, each in its own transaction.
    // A full row (from /key/info, /key/block, /key/unblock, /key/generate's echo).
    bool recordKey(const KeyRecord &key);
    // /key/update's reply: only the changed fields, dict fields possibly as JSON strings. Merged exactly
    // into the stored row; false when the key is not in the index (read it back with /key/info instead).
    bool recordUpdate(const QString &token, const QJsonObject &reply);
    bool recordDeleted(const QStringList &tokens);
    // /key/regenerate: the same key under a new hash and masked name (journaled as a change of token).
    bool recordRegenerated(const QString &oldToken, const QString &newToken, const QString &keyName);

    // A first sync fills an empty index fastest without its secondary indexes (each key would otherwise
    // be written into a dozen B-trees at random places). deferIndexes() drops them, keeping their
    // definitions in the index's bookkeeping, inside the caller's transaction; buildIndexes() creates
    // them again from a connection of its own, so it may run on a worker thread while the window goes
    // on. Queries answer the same without them, only slower.
    bool deferIndexes();
    bool hasDeferredIndexes() const;
    // Whether the text search index holds every key (not while a first sync fills the index).
    bool textIndexed() const;
    // Empty when the indexes were built (or none were deferred), else what went wrong.
    static QString buildIndexes(const QString &path);
    // The budgets above the keys (teams, members, users, the proxy) as last read, in their own
    // transaction; what the over-budget risk of a query takes in besides each key's own budget.
    bool storeBudgets(const BudgetBook &book);
    BudgetBook budgets() const;
    QDateTime budgetsReadAt() const { return metaTime(QStringLiteral("budgets_read_at")); }
    // Budgets are read again after a sync once they are this old (they change with every request's
    // spend, but reading them costs a request per team with members and per 100 users).
    static constexpr int kBudgetsMaxAgeSecs = 300;
    bool budgetsDue(const QDateTime &now) const;

    // Queries over every key.
    QList<KeyRecord> keys(const KeyIndexQuery &query, const QDateTime &now, qint64 offset, int limit) const;
    // The keys among `tokens` that the index holds (for Watch: the keys that had usage).
    QList<KeyRecord> keys(const QStringList &tokens) const;
    // Every key that expires after `from` and no later than `to`, soonest first (through the expiry index).
    QList<KeyRecord> expiring(const QDateTime &from, const QDateTime &to) const;
    qint64 count(const KeyIndexQuery &query, const QDateTime &now) const;

    QString lastError() const { return m_lastError; }

private:
    bool fail(const class QSqlQuery &query) const;
    QList<KeyRecord> readAll(class QSqlQuery &query) const; // runs it; its rows as keys
    KeyIndexQuery withTextIndex(KeyIndexQuery query) const;
    IndexDatabase m_db;
    mutable QString m_lastError;
};
