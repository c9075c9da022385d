#include "KeyIndex.h"

#include "core/index/BudgetTable.h"
#include "core/index/IndexRow.h"
#include "core/index/SqliteStatement.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcIndex)

namespace {

const QString kDesk = QStringLiteral("desk");
const QString kDeferredIndexes = QStringLiteral("deferred_indexes"); // their CREATE statements, as JSON

// Only a plain CREATE INDEX on the keys table, or a trigger keeping the text search index, is ever
// dropped, stored and run again (and one statement at a time: SQLite runs no second one after it).
bool isIndex(const QString &s) {
    return s.startsWith(QLatin1String("CREATE INDEX "), Qt::CaseInsensitive) && !s.contains(u';') &&
           s.contains(QLatin1String(" ON keys("), Qt::CaseInsensitive);
}
bool isTextTrigger(const QString &s) {
    return s.startsWith(QLatin1String("CREATE TRIGGER keys_text_"), Qt::CaseInsensitive) &&
           s.contains(QLatin1String(" ON keys "), Qt::CaseInsensitive) && s.endsWith(QLatin1String("END"));
}
bool deferrable(const QString &statement) {
    const QString s = statement.simplified();
    return isIndex(s) || isTextTrigger(s);
}

QStringList deferredStatements(const QString &stored) {
    QStringList out;
    for (const QJsonValue v : QJsonDocument::fromJson(stored.toUtf8()).array())
        if (deferrable(v.toString()))
            out << v.toString().simplified();
    return out;
}

// /key/update answers dict fields as JSON text ("metadata": "{\"a\": 1}"): read them back as objects.
QJsonValue unstringified(const QString &field, const QJsonValue &value) {
    static const QStringList dicts{QStringLiteral("metadata"),        QStringLiteral("aliases"),
                                   QStringLiteral("config"),          QStringLiteral("permissions"),
                                   QStringLiteral("model_spend"),     QStringLiteral("model_max_budget"),
                                   QStringLiteral("router_settings"), QStringLiteral("object_permission")};
    if (!value.isString() || !dicts.contains(field))
        return value;
    const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
    return doc.isObject() ? QJsonValue(doc.object()) : value;
}

} // namespace

KeyIndex::KeyIndex(const QString &path)
    : m_db(path) {}

bool KeyIndex::open() {
    return m_db.open();
}

QString KeyIndex::errorString() const {
    return m_db.errorString();
}

bool KeyIndex::fail(const QSqlQuery &query) const {
    m_lastError = query.lastError().text();
    return false;
}

QString KeyIndex::meta(const QString &name) const {
    QSqlQuery q(m_db.isOpen() ? const_cast<IndexDatabase &>(m_db).db() : QSqlDatabase());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString();
}

bool KeyIndex::setMeta(const QString &name, const QString &value) {
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                             "value = excluded.value"));
    q.addBindValue(name);
    q.addBindValue(value);
    return q.exec() || fail(q);
}

QDateTime KeyIndex::metaTime(const QString &name) const {
    const QString v = meta(name);
    return v.isEmpty() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

bool KeyIndex::setMetaTime(const QString &name, const QDateTime &value) {
    return setMeta(name, value.isValid() ? QString::number(value.toMSecsSinceEpoch()) : QString());
}

bool KeyIndex::storeBudgets(const BudgetBook &book) {
    if (!begin())
        return false;
    if (!budgettable::store(m_db.db(), book, &m_lastError)) {
        rollback();
        return false;
    }
    return commit();
}

bool KeyIndex::budgetsDue(const QDateTime &now) const {
    const QDateTime readAt = budgetsReadAt();
    return !readAt.isValid() || readAt.secsTo(now) >= kBudgetsMaxAgeSecs;
}

BudgetBook KeyIndex::budgets() const {
    return budgettable::load(const_cast<IndexDatabase &>(m_db).db());
}

qint64 KeyIndex::keyCount() const {
    return count(KeyIndexQuery(), QDateTime::currentDateTimeUtc());
}

std::optional<KeyRecord> KeyIndex::key(const QString &token) const {
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.prepare(QStringLiteral("SELECT %1 FROM keys WHERE token = ?").arg(indexrow::columns()));
    q.addBindValue(token.toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    return indexrow::read(q);
}

QDateTime KeyIndex::syncedAt(const QString &token) const {
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.prepare(QStringLiteral("SELECT synced_at FROM keys WHERE token = ?"));
    q.addBindValue(token.toLower());
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

bool KeyIndex::begin() {
    // IMMEDIATE takes the write lock at once, so two writers wait (busy timeout) instead of failing later.
    QSqlQuery q(m_db.db());
    return q.exec(QStringLiteral("BEGIN IMMEDIATE")) || fail(q);
}

bool KeyIndex::commit() {
    QSqlQuery q(m_db.db());
    return q.exec(QStringLiteral("COMMIT")) || fail(q);
}

void KeyIndex::rollback() {
    QSqlQuery q(m_db.db());
    q.exec(QStringLiteral("ROLLBACK"));
}

bool KeyIndex::store(const QList<KeyRecord> &keys, const QDateTime &seenAt, bool journal,
                     const QString &source, Applied *applied) {
    SqliteStatement upsert(m_db.db(), indexrow::upsertStatement());
    if (!upsert.isValid()) {
        m_lastError = upsert.errorString();
        return false;
    }
    KeyJournal log(m_db.db());
    for (const KeyRecord &k : keys) {
        if (k.token.isEmpty() || k.hashOnly)
            continue;
        if (journal) {
            const std::optional<KeyRecord> before = key(k.token);
            const auto changes = KeyJournal::differences(before, k);
            if (applied && !changes.isEmpty())
                ++(before ? applied->changed : applied->created);
            if (!log.recordDifferences(before, k, seenAt, source)) {
                m_lastError = QStringLiteral("the changes journal cannot be written");
                return false;
            }
        } else if (applied) {
            ++applied->created;
        }
        indexrow::bind(upsert, k, seenAt.toMSecsSinceEpoch());
        if (!upsert.exec()) {
            m_lastError = upsert.errorString();
            return false;
        }
    }
    return true;
}

int KeyIndex::remove(const QStringList &tokens, const QDateTime &at, const QString &source) {
    KeyJournal log(m_db.db());
    QSqlQuery del(m_db.db());
    del.prepare(QStringLiteral("DELETE FROM keys WHERE token = ?"));
    int removed = 0;
    for (const QString &token : tokens) {
        const auto before = key(token);
        if (!before)
            continue;
        log.recordDeleted(*before, at, source);
        del.addBindValue(token.toLower());
        if (del.exec())
            ++removed;
    }
    return removed;
}

QStringList KeyIndex::tokens(qint64 afterId, int limit, qint64 *lastId) const {
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, token FROM keys WHERE id > ? ORDER BY id LIMIT ?"));
    q.addBindValue(afterId);
    q.addBindValue(limit);
    QStringList out;
    if (!q.exec())
        return out;
    while (q.next()) {
        *lastId = q.value(0).toLongLong();
        out << q.value(1).toString();
    }
    return out;
}

bool KeyIndex::recordKey(const KeyRecord &key) {
    if (!begin())
        return false;
    if (!store({key}, QDateTime::currentDateTimeUtc(), true, kDesk)) {
        rollback();
        return false;
    }
    return commit();
}

bool KeyIndex::recordRegenerated(const QString &oldToken, const QString &newToken, const QString &keyName) {
    const std::optional<KeyRecord> before = key(oldToken);
    if (!before || newToken.isEmpty()) {
        m_lastError = QStringLiteral("the key is not in the index");
        return false;
    }
    if (!begin())
        return false;
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("UPDATE keys SET token = ?, key_name = coalesce(?, key_name) WHERE token = ?"));
    q.addBindValue(newToken.toLower());
    q.addBindValue(keyName.isEmpty() ? QVariant() : QVariant(keyName));
    q.addBindValue(oldToken.toLower());
    JournalEntry e;
    e.at = QDateTime::currentDateTimeUtc();
    e.token = newToken.toLower();
    e.keyAlias = before->keyAlias;
    e.teamId = before->teamId;
    e.field = QStringLiteral("token");
    e.oldValue = oldToken.toLower();
    e.newValue = newToken.toLower();
    e.source = kDesk;
    if (!q.exec()) {
        fail(q);
        rollback();
        return false;
    }
    if (!journal().write(e)) {
        m_lastError = QStringLiteral("the changes journal cannot be written");
        rollback();
        return false;
    }
    return commit();
}

bool KeyIndex::recordUpdate(const QString &token, const QJsonObject &reply) {
    const std::optional<KeyRecord> stored = key(token);
    if (!stored) {
        m_lastError = QStringLiteral("the key is not in the index");
        return false;
    }
    QJsonObject merged = stored->raw;
    for (auto it = reply.begin(); it != reply.end(); ++it)
        if (it.key() != u"key" && it.key() != u"token")
            merged.insert(it.key(), unstringified(it.key(), it.value()));
    KeyRecord k = keyRecordFromJson(merged);
    k.token = stored->token;
    return recordKey(k);
}

bool KeyIndex::recordDeleted(const QStringList &tokens) {
    if (!begin())
        return false;
    remove(tokens, QDateTime::currentDateTimeUtc(), kDesk);
    return commit();
}

QList<KeyRecord> KeyIndex::keys(const KeyIndexQuery &query, const QDateTime &now, qint64 offset,
                                int limit) const {
    QVariantList binds;
    const QString where = withTextIndex(query).where(now, &binds);
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM keys WHERE %2 ORDER BY %3 LIMIT %4 OFFSET %5")
                  .arg(indexrow::columns(), where, query.orderBy())
                  .arg(limit)
                  .arg(offset));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    return readAll(q);
}

QList<KeyRecord> KeyIndex::readAll(QSqlQuery &q) const {
    QList<KeyRecord> out;
    if (!q.exec()) {
        fail(q);
        return out;
    }
    while (q.next())
        out << indexrow::read(q);
    return out;
}

QList<KeyRecord> KeyIndex::keys(const QStringList &tokens) const {
    QList<KeyRecord> out;
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM keys WHERE token = ?").arg(indexrow::columns()));
    for (const QString &token : tokens) {
        q.addBindValue(token.toLower());
        if (!q.exec()) {
            fail(q);
            return out;
        }
        if (q.next())
            out << indexrow::read(q);
    }
    return out;
}

QList<KeyRecord> KeyIndex::expiring(const QDateTime &from, const QDateTime &to) const {
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT %1 FROM keys WHERE (expires IS NULL) = 0 AND expires > ? AND expires <= ? "
                       "ORDER BY expires IS NULL, expires")
            .arg(indexrow::columns()));
    q.addBindValue(from.toMSecsSinceEpoch());
    q.addBindValue(to.toMSecsSinceEpoch());
    return readAll(q);
}

KeyIndexQuery KeyIndex::withTextIndex(KeyIndexQuery query) const {
    query.textIndexed = !query.text.isEmpty() && textIndexed();
    if (query.risks.contains(KeyRisk::OverBudget)) {
        QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
        query.proxyOverBudget =
            q.exec(QStringLiteral("SELECT 1 FROM budgets WHERE kind = 'proxy' AND exhausted = 1")) &&
            q.next();
    }
    return query;
}

qint64 KeyIndex::count(const KeyIndexQuery &query, const QDateTime &now) const {
    QVariantList binds;
    const QString where = withTextIndex(query).where(now, &binds);
    QSqlQuery q(const_cast<IndexDatabase &>(m_db).db());
    q.prepare(QStringLiteral("SELECT count(*) FROM keys WHERE %1").arg(where));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool KeyIndex::deferIndexes() {
    QSqlQuery q(m_db.db());
    if (!q.exec(QStringLiteral("SELECT name, type, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                               "AND tbl_name = 'keys' AND sql IS NOT NULL")))
        return fail(q);
    QStringList drops;
    QJsonArray statements = QJsonArray::fromStringList(deferredStatements(meta(kDeferredIndexes)));
    while (q.next()) {
        if (!deferrable(q.value(2).toString()))
            continue;
        QString name = q.value(0).toString();
        drops << QStringLiteral("DROP %1 \"%2\"")
                     .arg(q.value(1).toString().toUpper(), name.replace(u'"', QStringLiteral("\"\"")));
        statements << q.value(2).toString();
    }
    if (drops.isEmpty())
        return true;
    if (!setMeta(kDeferredIndexes,
                 QString::fromUtf8(QJsonDocument(statements).toJson(QJsonDocument::Compact))))
        return false;
    for (const QString &drop : std::as_const(drops))
        if (!q.exec(drop))
            return fail(q);
    return true;
}

bool KeyIndex::hasDeferredIndexes() const {
    return !deferredStatements(meta(kDeferredIndexes)).isEmpty();
}

bool KeyIndex::textIndexed() const {
    const QStringList deferred = deferredStatements(meta(kDeferredIndexes));
    return std::none_of(deferred.cbegin(), deferred.cend(), isTextTrigger);
}

QString KeyIndex::buildIndexes(const QString &path) {
    KeyIndex index(path);
    if (!index.open())
        return index.errorString();
    QSqlQuery q(index.m_db.db());
    const QStringList statements = deferredStatements(index.meta(kDeferredIndexes));
    QElapsedTimer took;
    took.start();
    // The triggers first, then the text index and the ids from every row: a key written in between is in
    // both (the search uses neither until every statement below has run).
    bool text = false;
    for (QString statement : statements) {
        if (!isTextTrigger(statement))
            continue;
        text = true;
        if (!q.exec(statement.replace(0, 14, QStringLiteral("CREATE TRIGGER IF NOT EXISTS"))))
            return q.lastError().text();
    }
    if (text && !q.exec(QStringLiteral("INSERT INTO keys_text(keys_text) VALUES('rebuild')")))
        return q.lastError().text();
    const qint64 textMs = took.elapsed();
    // One index per statement, so the app's own writes wait for one index at most, not for all.
    for (QString statement : statements) {
        if (isIndex(statement) &&
            !q.exec(statement.replace(0, 12, QStringLiteral("CREATE INDEX IF NOT EXISTS"))))
            return q.lastError().text();
    }
    // The distinct user and team ids the text search looks in, from the indexes just built.
    if (text && (!q.exec(QStringLiteral("INSERT OR IGNORE INTO key_ids SELECT DISTINCT user_id FROM keys "
                                        "WHERE (user_id IS NULL) = 0")) ||
                 !q.exec(QStringLiteral("INSERT OR IGNORE INTO key_ids SELECT DISTINCT team_id FROM keys "
                                        "WHERE (team_id IS NULL) = 0"))))
        return q.lastError().text();
    // No ANALYZE: with its statistics SQLite walks the sort column's index for a rare risk (the risks
    // column has few distinct values), where KeyIndexQuery already steers each filter to its index.
    if (!index.setMeta(kDeferredIndexes, {}))
        return index.lastError();
    qCInfo(lcIndex) << "key index: text index built in" << textMs << "ms, the other indexes in"
                    << took.elapsed() - textMs << "ms";
    return {};
}
