#include "core/index/KeyIndex.h"
#include "core/keys/KeyRisk.h"
#include "sim/Simulator.h"

#include "core/api/Json.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

// The key index itself: its file, its schema, what it keeps of a key, its journal and its queries.
class TestKeyIndex : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString newPath() { return m_dir.filePath(QStringLiteral("index-%1.sqlite").arg(++m_files)); }

    // Every key of a simulated proxy, as /key/list's full objects read them.
    static QList<KeyRecord> simKeys(int count) {
        SimOptions o;
        o.keys = count;
        SimDataset data(o);
        QList<KeyRecord> out;
        for (qint64 i = 0; i < data.keys().size(); ++i)
            out << keyRecordFromJson(data.keys().key(i).toJson(true));
        return out;
    }

    static KeyRecord key(const QString &alias, const QJsonObject &fields = {}) {
        QJsonObject row{
            {u"token"_qs, QString::fromLatin1(
                              QCryptographicHash::hash(alias.toUtf8(), QCryptographicHash::Sha256).toHex())},
            {u"key_alias"_qs, alias},
            {u"key_name"_qs, u"sk-...abcd"_qs},
            {u"spend"_qs, 0.0},
            {u"models"_qs, QJsonArray{u"gpt-4o"_qs}},
            {u"max_budget"_qs, 100.0},
            {u"expires"_qs, u"2030-01-01T00:00:00Z"_qs}};
        for (auto it = fields.begin(); it != fields.end(); ++it)
            row.insert(it.key(), it.value());
        return keyRecordFromJson(row);
    }

    static void fill(KeyIndex &index, const QList<KeyRecord> &keys) {
        QVERIFY(index.begin());
        QVERIFY2(index.store(keys, QDateTime::currentDateTimeUtc(), false, u"sync"_qs),
                 qPrintable(index.lastError()));
        QVERIFY(index.commit());
    }

    static QSet<QString> tokensOf(const QList<KeyRecord> &keys) {
        QSet<QString> out;
        for (const auto &k : keys)
            out.insert(k.token);
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aNewIndexIsPrivateWalAndCurrent() {
        KeyIndex index(newPath());
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY(index.notice().isEmpty());
        QCOMPARE(QFileInfo(index.path()).permissions() &
                     (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFileDevice::Permissions());
        QCOMPARE(index.database().schemaVersion(), IndexDatabase::kSchemaVersion);
        QSqlQuery q(index.database().db());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_qs) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_qs);
        QVERIFY(q.exec(u"PRAGMA page_size"_qs) && q.next());
        QCOMPARE(q.value(0).toInt(), 16384);
        QCOMPARE(index.keyCount(), 0);
    }

    // What LiteLLM sent comes back out: every field of every simulated key, and nothing secret goes in.
    void keysComeBackAsTheProxySentThem() {
        const QList<KeyRecord> keys = simKeys(300);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        fill(index, keys);
        QCOMPARE(index.keyCount(), 300);
        for (const KeyRecord &k : keys) {
            const auto back = index.key(k.token);
            QVERIFY(back);
            QCOMPARE(back->keyAlias, k.keyAlias);
            QCOMPARE(back->keyName, k.keyName);
            QCOMPARE(back->userId, k.userId);
            QCOMPARE(back->teamId, k.teamId);
            QCOMPARE(back->spend, k.spend);
            QCOMPARE(back->maxBudget, k.maxBudget);
            QCOMPARE(back->budgetDuration, k.budgetDuration);
            QCOMPARE(back->budgetResetAt, k.budgetResetAt);
            QCOMPARE(back->expires, k.expires);
            QCOMPARE(back->models, k.models);
            QCOMPARE(back->modelScope(), k.modelScope());
            QCOMPARE(back->tpmLimit, k.tpmLimit);
            QCOMPARE(back->rpmLimit, k.rpmLimit);
            QCOMPARE(back->blocked, k.blocked);
            QCOMPARE(back->metadata, k.metadata);
            QCOMPARE(back->createdAt, k.createdAt);
            QCOMPARE(back->updatedAt, k.updatedAt);
            QCOMPARE(back->lastActive, k.lastActive);
            QCOMPARE(keyrisk::risks(*back, QDateTime::currentDateTimeUtc()),
                     keyrisk::risks(k, QDateTime::currentDateTimeUtc()));
            // Every field the proxy sent with a value comes back, no more and no less.
            QJsonObject sent = k.raw;
            for (auto it = sent.begin(); it != sent.end();)
                it = it->isNull() ? sent.erase(it) : it + 1;
            QJsonObject got = back->raw;
            for (auto it = got.begin(); it != got.end();)
                it = it->isNull() ? got.erase(it) : it + 1;
            QCOMPARE(got.keys(), sent.keys()); // times come back in one ISO form, so compare by field
            for (const QString &field : {u"aliases"_qs, u"config"_qs, u"permissions"_qs, u"team_models"_qs,
                                         u"soft_budget_cooldown"_qs, u"updated_by"_qs, u"org_id"_qs})
                QCOMPARE(got.value(field), sent.value(field));
        }
        // Empty lists and dicts and false flags come back as sent, present or absent, while the row keeps
        // them as a number: a full LiteLLM key row stays small.
        QJsonObject full = keys.first().raw;
        full.insert(u"team_models"_qs, QJsonArray());
        full.insert(u"team_blocked"_qs, false);
        full.remove(u"aliases"_qs);
        full.insert(u"config"_qs, QJsonObject{{u"x"_qs, 1}});
        full.insert(u"~usual"_qs, 1023); // as if a proxy sent it: never taken for the desk's own
        QVERIFY(index.recordKey(keyRecordFromJson(full)));
        const QJsonObject fullBack = index.key(keys.first().token)->raw;
        QCOMPARE(fullBack.value(u"team_models"_qs), QJsonValue(QJsonArray()));
        QCOMPARE(fullBack.value(u"team_blocked"_qs), QJsonValue(false));
        QVERIFY(!fullBack.contains(u"aliases"_qs));
        QCOMPARE(fullBack.value(u"config"_qs), QJsonValue(QJsonObject{{u"x"_qs, 1}}));
        QSqlQuery extra(index.database().db());
        extra.prepare(u"SELECT extra FROM keys WHERE token = ?"_qs);
        extra.addBindValue(keys.first().token);
        QVERIFY(extra.exec() && extra.next());
        QVERIFY2(!extra.value(0).toString().contains(u"[]"_qs) &&
                     !extra.value(0).toString().contains(u"false"_qs),
                 qPrintable(extra.value(0).toString()));
        // A route's echo of a raw key is never kept.
        QJsonObject echoed = keys.first().raw;
        echoed.insert(u"key"_qs, u"sk-raw-secret-1234"_qs);
        KeyRecord withRaw = keyRecordFromJson(echoed);
        withRaw.raw.insert(u"key"_qs, u"sk-raw-secret-1234"_qs);
        QVERIFY(index.recordKey(withRaw));
        index.database().db().close();
        QFile f(index.path());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("sk-raw-secret"));
        QFile wal(index.path() + u"-wal"_qs);
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains("sk-raw-secret"));
    }

    void aDamagedFileIsMovedAsideAndRebuilt_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not a database") << QByteArray("this is not SQLite at all, just text\n").repeated(200);
        QTest::newRow("zeroed header") << QByteArray(8192, '\x01');
    }
    void aDamagedFileIsMovedAsideAndRebuilt() {
        QFETCH(QByteArray, content);
        const QString path = newPath();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        KeyIndex index(path);
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY(index.notice().contains(u"moved aside"_qs));
        QCOMPARE(index.keyCount(), 0);
        fill(index, {key(u"after-rebuild"_qs)});
        QCOMPARE(index.keyCount(), 1);
        const QStringList aside =
            QDir(m_dir.path()).entryList({QFileInfo(path).fileName() + u".damaged-*"_qs});
        QCOMPARE(aside.size(), 1);
        QFile kept(m_dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), content); // nothing of the old file is lost
    }

    void anIndexFromANewerDeskIsKeptAside() {
        const QString path = newPath();
        {
            KeyIndex index(path);
            QVERIFY(index.open());
            QSqlQuery q(index.database().db());
            QVERIFY(q.exec(u"PRAGMA user_version=99"_qs));
        }
        KeyIndex index(path);
        QVERIFY(index.open());
        QVERIFY(index.notice().contains(u"newer"_qs));
        QCOMPARE(index.database().schemaVersion(), IndexDatabase::kSchemaVersion);
    }

    void anUnopenableFolderIsAClearError() {
        KeyIndex index(u"/proc/no-such-place/index.sqlite"_qs);
        QVERIFY(!index.open());
        QVERIFY(index.errorString().contains(u"/proc/no-such-place"_qs));
    }

    // A file written by the first release (schema 1: no journal, no synced_at) is migrated in place.
    void aSchemaOneFileIsMigrated() {
        const QString path = newPath();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"v1"_qs);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *sql :
                 {"CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
                  "CREATE TABLE keys (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, key_name TEXT, "
                  "key_alias "
                  "TEXT, user_id TEXT, user_email TEXT, team_id TEXT, team_alias TEXT, org_id TEXT, spend "
                  "REAL NOT "
                  "NULL DEFAULT 0, total_spend REAL, max_budget REAL, soft_budget REAL, budget_duration "
                  "TEXT, "
                  "budget_reset_at INTEGER, expires INTEGER, models TEXT, tpm_limit INTEGER, rpm_limit "
                  "INTEGER, "
                  "max_parallel_requests INTEGER, blocked INTEGER, metadata TEXT, created_at INTEGER, "
                  "updated_at "
                  "INTEGER, created_by TEXT, last_active INTEGER, key_type TEXT, extra TEXT, risks INTEGER "
                  "NOT NULL "
                  "DEFAULT 0)",
                  "INSERT INTO keys (token, key_alias, spend, max_budget, models) VALUES ('"
                  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'old-key', 5, 10, "
                  "'[\"gpt-4o\"]')",
                  "INSERT INTO keys (token, key_alias, spend, models, user_id) VALUES ('"
                  "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'no-models', 0, NULL, "
                  "'carol-7731')",
                  // A first sync under schema 5 had deferred its text triggers, with the old columns.
                  "INSERT INTO meta VALUES ('deferred_indexes', '[\"CREATE INDEX keys_x ON keys(spend IS "
                  "NULL, spend)\", \"CREATE TRIGGER keys_text_insert AFTER INSERT ON keys BEGIN INSERT INTO "
                  "keys_text(rowid, user_id) VALUES (new.id, new.user_id); END\"]')",
                  "INSERT INTO meta VALUES ('last_sync', '1700000000000')", "PRAGMA user_version=1"})
                QVERIFY2(q.exec(QString::fromLatin1(sql)), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v1"_qs);
        KeyIndex index(path);
        QVERIFY2(index.open(), qPrintable(index.errorString()));
        QVERIFY(index.notice().isEmpty());
        QCOMPARE(index.database().schemaVersion(), IndexDatabase::kSchemaVersion);
        QCOMPARE(index.meta(u"last_sync"_qs), u"1700000000000"_qs);
        const auto old = index.key(QString(64, u'a'));
        QVERIFY(old);
        QCOMPARE(old->keyAlias, u"old-key"_qs);
        QCOMPARE(old->models, QStringList{u"gpt-4o"_qs});
        // Schema 2 kept an empty list as NULL: it still reads as the empty list it was.
        QCOMPARE(index.key(QString(64, u'b'))->modelScope(), ModelScope::AllProxyModels);
        // What schema 2 added works on the migrated file.
        KeyRecord changed = *old;
        changed.maxBudget = 20;
        QVERIFY(index.recordKey(changed));
        const auto entries = index.journal().entries({});
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().field, u"max_budget"_qs);
        QVERIFY(index.syncedAt(changed.token).isValid());
        // What schema 6 changed: ids are searched through key_ids, and a deferred trigger of the old text
        // index is dropped (the new ones are in place), while a deferred index stays deferred.
        KeyIndexQuery search;
        search.text = u"ol-77"_qs;
        search.textIndexed = true;
        const auto found = index.keys(search, QDateTime::currentDateTimeUtc(), 0, 10);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().keyAlias, u"no-models"_qs);
        QVERIFY(index.textIndexed());
        QVERIFY(index.hasDeferredIndexes());
        QVERIFY(index.recordKey(key(u"after-migration"_qs, {{u"user_id"_qs, u"dave-9001"_qs}})));
        search.text = u"e-900"_qs;
        QCOMPARE(index.count(search, QDateTime::currentDateTimeUtc()), 1);
    }

    // A key whose models the proxy did not send as a list is kept as unknown, never read back as "all
    // models"; an empty list stays an empty list.
    void unknownModelsStayUnknown() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const KeyRecord unknown = key(u"unknown"_qs, {{u"models"_qs, QJsonValue()}});
        const KeyRecord all = key(u"all"_qs, {{u"models"_qs, QJsonArray()}});
        QCOMPARE(unknown.modelScope(), ModelScope::Unknown);
        QCOMPARE(all.modelScope(), ModelScope::AllProxyModels);
        fill(index, {unknown, all});
        QCOMPARE(index.key(unknown.token)->modelScope(), ModelScope::Unknown);
        QCOMPARE(index.key(all.token)->modelScope(), ModelScope::AllProxyModels);
        // Damaged text in the column is not a list either.
        QSqlQuery q(index.database().db());
        QVERIFY(q.exec(u"UPDATE keys SET models = '\"gpt-4o' WHERE key_alias = 'all'"_qs));
        QCOMPARE(index.key(all.token)->modelScope(), ModelScope::Unknown);
    }

    // WAL and a busy timeout: one connection reads while another writes, and neither fails.
    void twoConnectionsShareOneFile() {
        const QString path = newPath();
        KeyIndex writer(path);
        KeyIndex reader(path);
        QVERIFY(writer.open());
        QVERIFY(reader.open());
        fill(writer, {key(u"one"_qs)});
        QVERIFY(writer.begin());
        QVERIFY(writer.store({key(u"two"_qs)}, QDateTime::currentDateTimeUtc(), true, u"sync"_qs));
        QCOMPARE(reader.keyCount(), 1); // the reader sees the last committed state, not a half-written one
        QVERIFY(reader.key(key(u"one"_qs).token));
        QVERIFY(writer.commit());
        QCOMPARE(reader.keyCount(), 2);
        // A second writer waits for the first instead of failing.
        QVERIFY(reader.begin());
        QVERIFY(reader.store({key(u"three"_qs)}, QDateTime::currentDateTimeUtc(), true, u"sync"_qs));
        QVERIFY(reader.commit());
        QCOMPARE(writer.keyCount(), 3);
    }

    void theJournalRecordsEachKindOfChange() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
        KeyRecord k = key(u"journaled"_qs, {{u"team_id"_qs, u"team-a"_qs}, {u"spend"_qs, 1.5}});
        KeyIndex::Applied applied;
        QVERIFY(index.begin());
        QVERIFY(index.store({k}, t0, true, u"sync"_qs, &applied));
        QVERIFY(index.commit());
        QCOMPARE(applied.created, 1);

        QJsonObject row = k.raw;
        row.insert(u"max_budget"_qs, 250.0);
        row.insert(u"models"_qs, QJsonArray{u"gpt-4o"_qs, u"claude"_qs});
        row.insert(u"expires"_qs, u"2031-06-01T00:00:00Z"_qs);
        row.insert(u"blocked"_qs, true);
        row.insert(u"key_alias"_qs, u"journaled-renamed"_qs);
        row.insert(u"team_id"_qs, u"team-b"_qs);
        row.insert(u"metadata"_qs, QJsonObject{{u"desk_role"_qs, u"ci"_qs}});
        row.insert(u"spend"_qs, 4.0);
        applied = {};
        QVERIFY(index.begin());
        QVERIFY(index.store({keyRecordFromJson(row)}, t0.addSecs(60), true, u"sync"_qs, &applied));
        QVERIFY(index.commit());
        QCOMPARE(applied.changed, 1);
        QCOMPARE(applied.created, 0);
        // The same row again changes nothing.
        applied = {};
        QVERIFY(index.begin());
        QVERIFY(index.store({keyRecordFromJson(row)}, t0.addSecs(90), true, u"sync"_qs, &applied));
        QVERIFY(index.commit());
        QCOMPARE(applied.changed, 0);

        QVERIFY(index.recordDeleted({k.token}));
        QCOMPARE(index.keyCount(), 0);

        const auto entries = index.journal().entries({});
        QHash<QString, JournalEntry> byField;
        for (const auto &e : entries)
            byField.insert(JournalEntry::kindName(e.kind) + u':' + e.field, e);
        QCOMPARE(byField.size(), 10);
        QVERIFY(byField.contains(u"created:"_qs));
        QCOMPARE(byField.value(u"changed:max_budget"_qs).oldValue, u"100"_qs);
        QCOMPARE(byField.value(u"changed:max_budget"_qs).newValue, u"250"_qs);
        QCOMPARE(byField.value(u"changed:models"_qs).newValue, u"[\"gpt-4o\",\"claude\"]"_qs);
        QCOMPARE(byField.value(u"changed:expires"_qs).oldValue, u"2030-01-01T00:00:00.000000Z"_qs);
        QCOMPARE(byField.value(u"changed:blocked"_qs).newValue, u"true"_qs);
        QCOMPARE(byField.value(u"changed:key_alias"_qs).oldValue, u"journaled"_qs);
        QCOMPARE(byField.value(u"changed:team_id"_qs).newValue, u"team-b"_qs);
        QCOMPARE(byField.value(u"changed:metadata"_qs).newValue, u"{\"desk_role\":\"ci\"}"_qs);
        QCOMPARE(byField.value(u"spend:spend"_qs).spendDelta(), 2.5);
        QCOMPARE(byField.value(u"deleted:"_qs).source, u"desk"_qs);
        QCOMPARE(byField.value(u"deleted:"_qs).keyAlias, u"journaled-renamed"_qs);

        // Every proxy model ([]) and models not known are different, so going from one to the other is a
        // change.
        KeyRecord all = key(u"all-models"_qs, {{u"models"_qs, QJsonArray()}});
        KeyRecord unknown = key(u"all-models"_qs, {{u"models"_qs, QJsonValue()}});
        QVERIFY(all.modelsKnown && !unknown.modelsKnown);
        const auto widened = KeyJournal::differences(unknown, all);
        QCOMPARE(widened.size(), 1);
        QCOMPARE(widened.first().field, u"models"_qs);
        QCOMPARE(widened.first().oldValue, u"unknown"_qs);
        QCOMPARE(widened.first().newValue, u"[]"_qs);

        // Asked by key (alias as it was, or token) and by time.
        QCOMPARE(index.journal().entries({QDateTime(), k.token, std::nullopt, 0}).size(), 10);
        QCOMPARE(index.journal().entries({t0.addSecs(30), QString(), std::nullopt, 0}).size(), 9);
        QCOMPARE(index.journal().entries({QDateTime(), QString(), JournalEntry::Kind::Changed, 0}).size(), 7);
    }

    // A budget reset between syncs: the spend since is what was spent after the reset.
    void spendSinceTheLastSyncCountsFromAReset() {
        JournalEntry e;
        e.oldValue = u"40"_qs;
        e.newValue = u"3"_qs;
        QCOMPARE(e.spendDelta(), 3.0);
        e.newValue = u"41.5"_qs;
        QCOMPARE(e.spendDelta(), 1.5);
    }

    void theJournalKeepsItsPeriod() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(index.begin());
        QVERIFY(index.journal().recordDifferences(std::nullopt, key(u"old"_qs), now.addDays(-90).addSecs(-1),
                                                  u"sync"_qs));
        QVERIFY(index.journal().recordDifferences(std::nullopt, key(u"kept"_qs), now.addDays(-90).addSecs(1),
                                                  u"sync"_qs));
        QVERIFY(index.commit());
        QCOMPARE(index.journal().prune(now, KeyJournal::kDefaultKeepDays), 1);
        const auto left = index.journal().entries({});
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().keyAlias, u"kept"_qs);
    }

    // /key/update answers only what changed, with metadata as JSON text: merged, not replacing the row.
    void anUpdateReplyIsMergedExactly() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const KeyRecord k =
            key(u"updated"_qs, {{u"team_id"_qs, u"team-a"_qs}, {u"metadata"_qs, QJsonObject{{u"a"_qs, 1}}}});
        fill(index, {k});
        QVERIFY(index.recordUpdate(k.token, {{u"key"_qs, u"sk-raw-never-kept"_qs},
                                             {u"max_budget"_qs, 42.0},
                                             {u"metadata"_qs, u"{\"a\": 2, \"desk_role\": \"ci\"}"_qs}}));
        const auto back = index.key(k.token);
        QVERIFY(back);
        QCOMPARE(back->maxBudget, 42.0);
        QCOMPARE(back->teamId, u"team-a"_qs); // not in the reply: kept
        QCOMPARE(back->models, QStringList{u"gpt-4o"_qs});
        QCOMPARE(back->metadata.value(u"desk_role"_qs).toString(), u"ci"_qs);
        QCOMPARE(back->metadata.value(u"a"_qs).toInt(), 2);
        QVERIFY(!back->raw.contains(u"key"_qs));
        QVERIFY(!index.recordUpdate(key(u"unknown"_qs).token, {{u"max_budget"_qs, 1.0}}));
    }

    // Every risk filter over every key gives exactly the keys core/keys/KeyRisk flags, with keys on
    // each side of each threshold.
    void riskFiltersMatchTheRiskRules() {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<KeyRecord> keys = simKeys(3000);
        const auto at = [](const QDateTime &t) { return json::isoUtc(t); };
        keys << key(u"at-budget"_qs, {{u"spend"_qs, 100.0}})
             << key(u"under-budget"_qs, {{u"spend"_qs, 99.99}}) << key(u"at-80"_qs, {{u"spend"_qs, 80.0}})
             << key(u"over-80"_qs, {{u"spend"_qs, 80.01}})
             << key(u"expires-in-7d"_qs, {{u"expires"_qs, at(now.addDays(7).addSecs(-60))}})
             << key(u"expires-in-8d"_qs, {{u"expires"_qs, at(now.addDays(7).addSecs(60))}})
             << key(u"expires-at-7d"_qs, {{u"expires"_qs, at(now.addDays(7))}})
             << key(u"expires-7d-1ms-late"_qs, {{u"expires"_qs, at(now.addDays(7).addMSecs(1))}})
             << key(u"expires-1ms-from-now"_qs, {{u"expires"_qs, at(now.addMSecs(1))}})
             << key(u"expires-now"_qs, {{u"expires"_qs, at(now)}})
             << key(u"expired"_qs, {{u"expires"_qs, at(now.addSecs(-60))}})
             << key(u"idle-31d"_qs, {{u"last_active"_qs, at(now.addDays(-30).addSecs(-60))}})
             << key(u"active-29d"_qs, {{u"last_active"_qs, at(now.addDays(-30).addSecs(60))}})
             << key(u"no-budget"_qs, {{u"max_budget"_qs, QJsonValue()}})
             << key(u"all-models"_qs, {{u"models"_qs, QJsonArray()}})
             << key(u"blocked"_qs, {{u"blocked"_qs, true}})
             << key(u"never"_qs, {{u"expires"_qs, QJsonValue()}});
        KeyIndex index(newPath());
        QVERIFY(index.open());
        fill(index, keys);
        // Both ways a filter reads rows (its own index, or the sort column's) give the same keys.
        for (const bool many : {false, true}) {
            for (const KeyRisk r : keyrisk::allRisks()) {
                QSet<QString> expected;
                for (const auto &k : keys)
                    if (keyrisk::risks(k, now).contains(r))
                        expected.insert(k.token);
                KeyIndexQuery q;
                q.risks = {r};
                q.manyMatches = many;
                const auto got = index.keys(q, now, 0, 100000);
                QVERIFY2(tokensOf(got) == expected, qPrintable(keyrisk::name(r)));
                QCOMPARE(index.count(q, now), expected.size());
                QVERIFY2(!expected.isEmpty(), qPrintable(keyrisk::name(r)));
            }
            const QString &team = keys.first().teamId;
            const QString &user = keys.first().userId;
            QVERIFY(!team.isEmpty() && !user.isEmpty());
            KeyIndexQuery q;
            q.teamId = team;
            q.userId = user;
            q.manyMatches = many;
            QSet<QString> expected;
            for (const auto &k : keys)
                if (k.teamId == team && k.userId == user)
                    expected.insert(k.token);
            QCOMPARE(tokensOf(index.keys(q, now, 0, 100000)), expected);
        }
        const auto soon = [&](const QString &alias) {
            KeyIndexQuery q;
            q.risks = {KeyRisk::ExpiresSoon};
            q.alias = alias;
            return index.count(q, now) == 1;
        };
        QVERIFY(soon(u"expires-at-7d"_qs));
        QVERIFY(!soon(u"expires-7d-1ms-late"_qs));
        QVERIFY(soon(u"expires-1ms-from-now"_qs));
        QVERIFY(!soon(u"expires-now"_qs));
        // Several risks: keys with any of them.
        KeyIndexQuery q;
        q.risks = {KeyRisk::OverBudget, KeyRisk::ExpiresSoon};
        QSet<QString> expected;
        for (const auto &k : keys)
            if (keyrisk::isOverBudget(k) || keyrisk::expiresSoon(k, now))
                expected.insert(k.token);
        QCOMPARE(tokensOf(index.keys(q, now, 0, 100000)), expected);
        // Status as keyrisk::status says.
        for (const KeyStatus s : {KeyStatus::Active, KeyStatus::Expired, KeyStatus::Blocked}) {
            QSet<QString> want;
            for (const auto &k : keys)
                if (keyrisk::status(k, now) == s)
                    want.insert(k.token);
            KeyIndexQuery sq;
            sq.status = s;
            QCOMPARE(tokensOf(index.keys(sq, now, 0, 100000)), want);
        }
    }

    void everyColumnSortsWithNullsLastAscending_data() {
        QTest::addColumn<QString>("column");
        for (const QString &c : KeyIndexQuery::sortFields())
            QTest::newRow(qPrintable(c)) << c;
    }
    void everyColumnSortsWithNullsLastAscending() {
        QFETCH(QString, column);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        fill(index, simKeys(400));
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            KeyIndexQuery q;
            q.sortBy = column;
            q.sortOrder = order;
            const auto keys = index.keys(q, QDateTime::currentDateTimeUtc(), 0, 1000);
            QCOMPARE(keys.size(), 400);
            bool seenNull = false;
            QJsonValue previous;
            for (const auto &k : keys) {
                QJsonValue v = k.raw.value(column);
                if (column == u"models")
                    continue;
                if (v.isNull() || v.isUndefined()) {
                    if (order == Qt::AscendingOrder)
                        seenNull = true;
                    else
                        QVERIFY2(previous.isUndefined() || previous.isNull(), "nulls come first descending");
                    previous = QJsonValue();
                    continue;
                }
                QVERIFY2(!seenNull, "nulls come last ascending");
                if (!previous.isNull() && !previous.isUndefined()) {
                    const auto less = [&](const QJsonValue &a, const QJsonValue &b) {
                        if (a.isDouble())
                            return a.toDouble() < b.toDouble();
                        if (a.isBool())
                            return int(a.toBool()) < int(b.toBool());
                        if (column.endsWith(u"_at") || column == u"expires" || column == u"last_active")
                            return json::dateTime(a) < json::dateTime(b);
                        return a.toString() < b.toString();
                    };
                    QVERIFY2(order == Qt::AscendingOrder ? !less(v, previous) : !less(previous, v),
                             qPrintable(column));
                }
                previous = v;
            }
        }
    }

    // What keeps a million-key index fast: every sort walks an index (no sort of every key), and every
    // filter with few matches reads its own index.
    void everySortAndFilterIsAnsweredByAnIndex() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        fill(index, simKeys(300));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto plan = [&](const KeyIndexQuery &q) {
            QVariantList binds;
            QSqlQuery explain(index.database().db());
            explain.prepare(u"EXPLAIN QUERY PLAN SELECT * FROM keys WHERE %1 ORDER BY %2 LIMIT 200"_qs.arg(
                q.where(now, &binds), q.orderBy()));
            for (const QVariant &b : std::as_const(binds))
                explain.addBindValue(b);
            if (!explain.exec())
                return explain.lastError().text();
            QStringList steps;
            while (explain.next())
                steps << explain.value(3).toString();
            return steps.join(u"; "_qs);
        };
        for (const QString &field : KeyIndexQuery::sortFields()) {
            for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                KeyIndexQuery q;
                q.sortBy = field;
                q.sortOrder = order;
                const QString p = plan(q);
                QVERIFY2(p.contains(u"USING INDEX"_qs) && !p.contains(u"TEMP B-TREE"_qs),
                         qPrintable(field + u": "_qs + p));
            }
        }
        QList<KeyIndexQuery> filters;
        for (const KeyRisk r : keyrisk::allRisks()) {
            KeyIndexQuery q;
            q.risks = {r};
            filters << q;
        }
        KeyIndexQuery team;
        team.teamId = u"team-1"_qs;
        KeyIndexQuery user;
        user.userId = u"user-1"_qs;
        KeyIndexQuery text;
        text.text = u"chatbot"_qs;
        text.textIndexed = true;
        KeyIndexQuery used;
        used.recentlyUsed = true;
        filters << team << user << text << used;
        for (KeyIndexQuery q : std::as_const(filters)) {
            q.sortBy = u"expires"_qs;
            const QString few = plan(q);
            // A text search unites the trigram index's rows with the matching ids' rows; over budget unites
            // the risks index's rows with those of exhausted teams, members and users.
            const bool overBudget = q.risks.contains(KeyRisk::OverBudget);
            QVERIFY2(few.startsWith(u"SEARCH keys USING"_qs) ||
                         (overBudget && few.startsWith(u"MULTI-INDEX OR"_qs) &&
                          few.contains(u"USING INDEX keys_risks"_qs) &&
                          few.contains(u"USING INDEX keys_user"_qs) &&
                          few.contains(u"USING INDEX keys_team"_qs) && !few.contains(u"SCAN keys;"_qs)) ||
                         (!q.text.isEmpty() && few.startsWith(u"MULTI-INDEX OR"_qs) &&
                          few.contains(u"keys_text"_qs) && few.contains(u"USING INDEX keys_user"_qs) &&
                          few.contains(u"USING INDEX keys_team"_qs) && !few.contains(u"SCAN keys;"_qs)),
                     qPrintable(few));
            q.manyMatches = true;
            const QString many = plan(q);
            QVERIFY2(many.contains(u"keys_expires"_qs) && !many.contains(u"TEMP B-TREE"_qs),
                     qPrintable(many));
        }
    }

    // A first sync fills an empty index without its secondary indexes and builds them at the end.
    void deferredIndexesComeBackAsTheyWere() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const auto indexes = [&index] {
            QSqlQuery q(index.database().db());
            q.exec(
                u"SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"_qs);
            QStringList out;
            while (q.next())
                out << q.value(0).toString() + u' ' + q.value(1).toString();
            return out;
        };
        const QStringList before = indexes();
        QVERIFY(before.size() > 10);
        QVERIFY(!index.hasDeferredIndexes());
        QVERIFY(index.begin());
        QVERIFY(index.deferIndexes());
        QVERIFY(index.commit());
        QVERIFY(index.hasDeferredIndexes());
        QVERIFY(indexes().size() < before.size() - 10);
        QVERIFY(!index.textIndexed());
        const QList<KeyRecord> keys = simKeys(500);
        fill(index, keys);
        KeyIndexQuery blocked;
        blocked.risks = {KeyRisk::Blocked};
        const qint64 count = index.count(blocked, QDateTime::currentDateTimeUtc());
        QVERIFY(count > 0); // answered without the indexes too
        KeyIndexQuery search;
        search.text = keys.at(123).keyAlias;
        const QList<KeyRecord> found = index.keys(search, QDateTime::currentDateTimeUtc(), 0, 1000);
        QVERIFY(tokensOf(found).contains(keys.at(123).token)); // and text is searched row by row
        QCOMPARE(KeyIndex::buildIndexes(index.path()), QString());
        QCOMPARE(indexes(), before);
        QVERIFY(!index.hasDeferredIndexes());
        QVERIFY(index.textIndexed());
        QCOMPARE(index.count(blocked, QDateTime::currentDateTimeUtc()), count);
        QCOMPARE(tokensOf(index.keys(search, QDateTime::currentDateTimeUtc(), 0, 1000)), tokensOf(found));
        // Ids are searched through the ids the build collected.
        const auto owned = std::find_if(keys.cbegin() + 100, keys.cend(),
                                        [](const KeyRecord &k) { return k.userId.size() > 15; });
        QVERIFY(owned != keys.cend());
        KeyIndexQuery byUser;
        byUser.text = owned->userId.mid(3, 12);
        QVERIFY(
            tokensOf(index.keys(byUser, QDateTime::currentDateTimeUtc(), 0, 1000)).contains(owned->token));
        // Only an index definition is ever run again from the file: a damaged or planted entry is not.
        QVERIFY(index.setMeta(u"deferred_indexes"_qs,
                              uR"(["DROP TABLE keys", "CREATE INDEX x ON keys(spend); DROP TABLE keys",
                                   "CREATE TRIGGER t AFTER INSERT ON keys BEGIN DELETE FROM keys; END"])"_qs));
        QVERIFY(!index.hasDeferredIndexes());
        QCOMPARE(KeyIndex::buildIndexes(index.path()), QString());
        QCOMPARE(index.keyCount(), keys.size());
        QCOMPARE(indexes(), before);
    }

    void aRegeneratedKeyKeepsItsRowUnderTheNewHash() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const KeyRecord k = key(u"ci-deploy"_qs);
        fill(index, {k, key(u"other"_qs)});
        const QString fresh = QString(64, u'f');
        QVERIFY(index.recordRegenerated(k.token.toUpper(), fresh, u"sk-...wxyz"_qs));
        QVERIFY(!index.key(k.token));
        const auto back = index.key(fresh);
        QVERIFY(back);
        QCOMPARE(back->keyAlias, u"ci-deploy"_qs);
        QCOMPARE(back->keyName, u"sk-...wxyz"_qs);
        QCOMPARE(back->maxBudget, k.maxBudget);
        QCOMPARE(index.keyCount(), 2);
        KeyIndexQuery search; // the text index follows the new masked name
        search.text = u"wxyz"_qs;
        QCOMPARE(index.count(search, QDateTime::currentDateTimeUtc()), 1);
        const auto entries = index.journal().entries({});
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().field, u"token"_qs);
        QCOMPARE(entries.first().oldValue, k.token);
        QCOMPARE(entries.first().newValue, fresh);
        QCOMPARE(entries.first().source, u"desk"_qs);
        QVERIFY(!index.recordRegenerated(u"no-such-key"_qs, fresh, {}));
    }

    // "Used in the last 30 days": last use known and no older than 30 days, on both sides of it.
    void recentlyUsedCountsFromTheLastUse() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const QDateTime now(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());
        const auto at = [](const QDateTime &t) { return QJsonObject{{u"last_active"_qs, json::isoUtc(t)}}; };
        fill(index, {key(u"today"_qs, at(now)), key(u"edge"_qs, at(now.addDays(-30))),
                     key(u"past-edge"_qs, at(now.addDays(-30).addMSecs(-1))), key(u"never"_qs)});
        KeyIndexQuery q;
        q.recentlyUsed = true;
        QStringList found;
        for (const KeyRecord &k : index.keys(q, now, 0, 10))
            found << k.keyAlias;
        found.sort();
        QCOMPARE(found, (QStringList{u"edge"_qs, u"today"_qs}));
        q.risks = {KeyRisk::Idle}; // both: never true together
        QCOMPARE(index.count(q, now), 0);
        q.manyMatches = true;
        q.risks.clear();
        QCOMPARE(index.count(q, now), 2);
    }

    void aKeyHashFindsExactlyThatKey() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const QList<KeyRecord> keys = simKeys(50);
        fill(index, keys);
        KeyIndexQuery q;
        q.keyHash = u" "_qs + keys.at(7).token.toUpper() + u" "_qs;
        const auto found = index.keys(q, QDateTime::currentDateTimeUtc(), 0, 10);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().token, keys.at(7).token);
        q.keyHash = keys.at(7).token.left(20);
        QCOMPARE(index.count(q, QDateTime::currentDateTimeUtc()), 0);
    }

    void textSearchLooksInAliasUserTeamAndMetadata() {
        KeyIndex index(newPath());
        QVERIFY(index.open());
        fill(index, {key(u"alpha-ci"_qs), key(u"beta"_qs, {{u"user_id"_qs, u"carol@example.com"_qs}}),
                     key(u"gamma"_qs, {{u"team_id"_qs, u"platform-frontend"_qs}}),
                     key(u"delta"_qs, {{u"metadata"_qs, QJsonObject{{u"desk_lease"_qs, u"ticket-4711"_qs}}}}),
                     key(u"odd_100%"_qs)});
        const auto find = [&](const QString &text) {
            KeyIndexQuery q;
            q.text = text;
            QStringList out;
            for (const auto &k : index.keys(q, QDateTime::currentDateTimeUtc(), 0, 10))
                out << k.keyAlias;
            out.sort();
            return out;
        };
        QCOMPARE(find(u"ALPHA"_qs), QStringList{u"alpha-ci"_qs});
        QCOMPARE(find(u"carol"_qs), QStringList{u"beta"_qs});
        QCOMPARE(find(u"frontend"_qs), QStringList{u"gamma"_qs});
        QCOMPARE(find(u"4711"_qs), QStringList{u"delta"_qs});
        QCOMPARE(find(u"_100%"_qs), QStringList{u"odd_100%"_qs}); // LIKE wildcards are plain text
        QCOMPARE(find(u"zzz"_qs), QStringList());
        QCOMPARE(find(u"ci"_qs), QStringList{u"alpha-ci"_qs}); // too short for the trigram index
        QCOMPARE(find(u"\"a"_qs), QStringList());              // quotes are text too
        // The text index follows every change: an edited alias, a key deleted.
        KeyRecord renamed = key(u"gamma"_qs, {{u"team_id"_qs, u"platform-frontend"_qs}});
        renamed.keyAlias = u"epsilon"_qs;
        renamed.raw.insert(u"key_alias"_qs, u"epsilon"_qs);
        fill(index, {renamed});
        QCOMPARE(find(u"gamma"_qs), QStringList());
        QCOMPARE(find(u"epsilon"_qs), QStringList{u"epsilon"_qs});
        QVERIFY(index.begin());
        QCOMPARE(index.remove({key(u"delta"_qs).token}, QDateTime::currentDateTimeUtc(), u"sync"_qs), 1);
        QVERIFY(index.commit());
        QCOMPARE(find(u"4711"_qs), QStringList());
        // Every three-letter piece must be there, in any column, in any case: "frontend" and "CAROL".
        QCOMPARE(find(u"FRONTEND"_qs), QStringList{u"epsilon"_qs});
        QCOMPARE(find(u"CAROL@"_qs), QStringList{u"beta"_qs});
        KeyIndexQuery team;
        team.teamId = u"platform-frontend"_qs;
        QCOMPARE(index.count(team, QDateTime::currentDateTimeUtc()), 1);
        // A key moved to another team or user is found by its new id.
        KeyRecord moved =
            key(u"beta"_qs, {{u"user_id"_qs, u"dana@example.com"_qs}, {u"team_id"_qs, u"ml_ops"_qs}});
        fill(index, {moved});
        QCOMPARE(find(u"dana@"_qs), QStringList{u"beta"_qs});
        QCOMPARE(find(u"carol"_qs), QStringList());
        QCOMPARE(find(u"l_op"_qs), QStringList{u"beta"_qs});
        QCOMPARE(find(u"l%op"_qs), QStringList()); // a wildcard in an id is plain text too
    }
};

QTEST_GUILESS_MAIN(TestKeyIndex)
#include "tst_KeyIndex.moc"
