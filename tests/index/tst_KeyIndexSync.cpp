#include "core/api/ProxyClient.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "sim/Simulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Syncing the key index against the simulator over real HTTP: first sync, keeping fresh, deletions,
// resuming, pacing, and what the journal records.
class TestKeyIndexSync : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    struct Proxy {
        std::unique_ptr<Simulator> sim;
        std::unique_ptr<ProxyClient> client;
        explicit Proxy(int keys) {
            SimOptions o;
            o.keys = keys;
            sim = std::make_unique<Simulator>(o);
            if (!sim->listen())
                qFatal("the simulator could not listen");
            ClientConfig c;
            c.baseUrl = sim->url();
            client = std::make_unique<ProxyClient>(c, sim->masterKey());
        }
        // The tokens of every live key, as the proxy holds them.
        QSet<QString> liveTokens() {
            QSet<QString> out;
            SimKeyStore &keys = sim->data().keys();
            for (qint64 i = 0; i < keys.size(); ++i)
                if (keys.isLive(i))
                    out.insert(keys.key(i).token);
            return out;
        }
        qint64 requests() const { return sim->requestLog().size(); }
        // A write through the proxy's own routes, as another admin would make it.
        QJsonObject post(const QString &path, const QJsonObject &body) {
            ApiReply *r = client->send(Request::post(path, body));
            QSignalSpy done(r, &ApiReply::finished);
            if (!done.wait(10000))
                qFatal("no answer");
            return QJsonDocument::fromJson(r->body()).object();
        }
    };

    // Spend of requests made with a key, as LiteLLM's batched spend writer records it: an increment
    // through Prisma (update_many), whose @updatedAt on the keys table moves updated_at too.
    static void addSpend(SimKeyStore &store, qint64 index, double amount) {
        SimKey k = store.key(index);
        k.spend += amount;
        k.updatedAt = QDateTime::currentMSecsSinceEpoch();
        store.put(k);
    }

    QString newPath() { return m_dir.filePath(QStringLiteral("sync-%1.sqlite").arg(++m_files)); }

    static SyncReport sync(Proxy &proxy, KeyIndex &index, SyncOptions options = {}) {
        KeyIndexSync s(*proxy.client, index);
        QSignalSpy done(&s, &KeyIndexSync::finished);
        s.start(options);
        if (!done.wait(120000))
            qFatal("the sync did not finish");
        return s.report();
    }

    static QStringList indexNames(KeyIndex &index) {
        QSqlQuery q(index.database().db());
        q.exec(u"SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"_qs);
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

    std::unique_ptr<KeyIndex> freshIndex() {
        auto index = std::make_unique<KeyIndex>(newPath());
        if (!index->open())
            qFatal("no index");
        return index;
    }

    static QSet<QString> indexTokens(KeyIndex &index) {
        QSet<QString> out;
        for (const auto &k : index.keys({}, QDateTime::currentDateTimeUtc(), 0, 1000000))
            out.insert(k.token);
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aFirstSyncReadsEveryKeyOneRequestAtATime() {
        Proxy proxy(1050);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        const SyncReport r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(r.firstSync);
        QCOMPARE(r.keys, 1050);
        QCOMPARE(indexTokens(index), proxy.liveTokens());
        QCOMPARE(proxy.sim->peakConcurrent(), 1);
        // A probe for the mark, 11 pages, the recent pass: nothing more.
        QCOMPARE(r.requests, 13);
        QCOMPARE(proxy.requests(), 13);
        QVERIFY(KeyIndexSync::lastSync(index).isValid());
        QVERIFY(KeyIndexSync::spendAsOf(index).isValid());
        // The first sync fills the index without a journal entry per key.
        QVERIFY(index.journal().entries({}).isEmpty());
        // ... and without its secondary indexes, built again once every key was in.
        QVERIFY(!index.hasDeferredIndexes());
        QCOMPARE(indexNames(index), indexNames(*freshIndex()));
    }

    void askedConcurrencyIsNeverExceeded_data() {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("allowed");
        QTest::newRow("3") << 3 << 3;
        QTest::newRow("9 is at most 4") << 9 << 4;
    }
    void askedConcurrencyIsNeverExceeded() {
        QFETCH(int, asked);
        QFETCH(int, allowed);
        Proxy proxy(2500);
        proxy.sim->addFault({QStringLiteral("/key/list"), SimFault::Kind::Delay, 30, -1});
        KeyIndex index(newPath());
        QVERIFY(index.open());
        SyncOptions o;
        o.concurrency = asked;
        const SyncReport r = sync(proxy, index, o);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.keys, 2500);
        QVERIFY(proxy.sim->peakConcurrent() <= allowed);
        QVERIFY(proxy.sim->peakConcurrent() >= 2); // and it did ask more than one at a time
    }

    void anUnchangedProxyCostsAtMostThreeRequests() {
        Proxy proxy(700);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        QVERIFY(sync(proxy, index).ok);
        const qint64 before = proxy.requests();
        const SyncReport r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(!r.firstSync);
        QVERIFY(proxy.requests() - before <= 3);
        QCOMPARE(r.requests, proxy.requests() - before);
        QCOMPARE(r.created + r.changed + r.deleted, 0);
        QVERIFY(index.journal().entries({}).isEmpty());
    }

    // Another admin creates, updates, blocks and deletes keys and keys spend: the next sync finds each
    // change in a few requests, and the journal says what changed.
    void changesBetweenSyncsAreFoundAndJournaled() {
        Proxy proxy(900);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        QVERIFY(sync(proxy, index).ok);
        SimKeyStore &store = proxy.sim->data().keys();
        const SimKey updated = store.key(10), blocked = store.key(20), deleted = store.key(30),
                     spender = store.key(40);
        const QJsonObject created = proxy.post(
            u"/key/generate"_qs, {{u"key_alias"_qs, u"new-between-syncs"_qs}, {u"max_budget"_qs, 5.0}});
        QVERIFY(created.contains(u"token"_qs));
        proxy.post(u"/key/update"_qs, {{u"key"_qs, updated.token},
                                       {u"max_budget"_qs, 777.0},
                                       {u"models"_qs, QJsonArray{u"gpt-4o"_qs}},
                                       {u"metadata"_qs, QJsonObject{{u"desk_role"_qs, u"ci"_qs}}}});
        proxy.post(u"/key/block"_qs, {{u"key"_qs, blocked.token}});
        proxy.post(u"/key/delete"_qs, {{u"keys"_qs, QJsonArray{deleted.token}}});
        addSpend(store, spender.index, 12.5);

        const qint64 before = proxy.requests();
        const SyncReport r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.created, 1);
        QCOMPARE(r.changed, 3);
        QCOMPARE(r.deleted, 1);
        QVERIFY2(proxy.requests() - before <= 3, qPrintable(proxy.sim->requestLog().mid(before).join(u'\n')));
        QCOMPARE(indexTokens(index), proxy.liveTokens());
        QCOMPARE(index.key(updated.token)->maxBudget, 777.0);
        QVERIFY(index.key(blocked.token)->isBlocked());
        QCOMPARE(index.key(spender.token)->spend, spender.spend + 12.5);

        const auto entries = index.journal().entries({});
        const auto has = [&](JournalEntry::Kind kind, const QString &token, const QString &field = {}) {
            for (const auto &e : entries)
                if (e.kind == kind && e.token == token && (field.isEmpty() || e.field == field))
                    return true;
            return false;
        };
        QVERIFY(has(JournalEntry::Kind::Created, created.value(u"token"_qs).toString()));
        QVERIFY(has(JournalEntry::Kind::Changed, updated.token, u"max_budget"_qs));
        QVERIFY(has(JournalEntry::Kind::Changed, updated.token, u"models"_qs));
        QVERIFY(has(JournalEntry::Kind::Changed, updated.token, u"metadata"_qs));
        QVERIFY(has(JournalEntry::Kind::Changed, blocked.token, u"blocked"_qs));
        QVERIFY(has(JournalEntry::Kind::Deleted, deleted.token));
        for (const auto &e : entries)
            if (e.kind == JournalEntry::Kind::Spend && e.token == spender.token)
                QCOMPARE(e.spendDelta(), 12.5);
        QVERIFY(has(JournalEntry::Kind::Spend, spender.token));
    }

    // A key written in the very millisecond the last sync read as its newest is still found.
    void aKeyUpdatedAtTheMarksOwnTimeIsFound() {
        Proxy proxy(300);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        SimKeyStore &store = proxy.sim->data().keys();
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        SimKey first = store.key(5);
        first.updatedAt = t;
        store.put(first);
        QVERIFY(sync(proxy, index).ok);
        SimKey second = store.key(6);
        second.updatedAt = t; // the same instant as the mark
        second.maxBudget = 4242;
        store.put(second);
        QVERIFY(sync(proxy, index).ok);
        QCOMPARE(index.key(second.token)->maxBudget, 4242.0);
    }

    void anInterruptedFirstSyncResumesWhereItStopped() {
        Proxy proxy(3000);
        proxy.sim->addFault({QStringLiteral("/key/list"), SimFault::Kind::Delay, 20, -1});
        const QString path = newPath();
        qint64 read = 0;
        {
            KeyIndex index(path);
            QVERIFY(index.open());
            KeyIndexSync s(*proxy.client, index);
            QSignalSpy progress(&s, &KeyIndexSync::progress);
            s.start();
            QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toLongLong() >= 1600,
                                     60000);
            QCOMPARE(progress.last().at(1).toLongLong(), 3000); // the total is known for the status bar
            read = progress.last().at(0).toLongLong();
            // The process ends here, mid-sync: no cancel, no cleanup beyond the objects going away.
        }
        KeyIndex index(path);
        QVERIFY(index.open());
        const qint64 had = index.keyCount();
        // Keys are written a batch at a time: a crash loses at most the batch being read.
        QVERIFY2(had > read - KeyIndexSync::kWriteBatch && had <= read && had < 3000,
                 qPrintable(u"%1 of %2 read keys kept"_qs.arg(had).arg(read)));
        QVERIFY(index.hasDeferredIndexes()); // still filling: its secondary indexes come at the end
        const qint64 before = proxy.requests();
        const SyncReport r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(indexTokens(index), proxy.liveTokens());
        QVERIFY(!index.hasDeferredIndexes());
        // Only the pages not yet read were asked again (plus the probe and the recent pass).
        const qint64 pagesLeft = (3000 - had + 99) / 100;
        QVERIFY2(
            proxy.requests() - before <= pagesLeft + 3,
            qPrintable(u"%1 requests for %2 pages left"_qs.arg(proxy.requests() - before).arg(pagesLeft)));
        const QString firstPage = u"page=1&size=100&return_full_object=true&sort_by=token"_qs;
        QVERIFY(proxy.sim->requestLog().mid(0, before).join(u'\n').contains(firstPage));
        QVERIFY(!proxy.sim->requestLog().mid(before).join(u'\n').contains(firstPage));
    }

    void aCanceledSyncSaysSoAndResumes() {
        Proxy proxy(1500);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        KeyIndexSync s(*proxy.client, index);
        QSignalSpy progress(&s, &KeyIndexSync::progress);
        QSignalSpy done(&s, &KeyIndexSync::finished);
        s.start();
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toLongLong() >= 300, 60000);
        s.cancel();
        // Nothing read is lost to a cancel, even short of a full batch.
        QCOMPARE(index.keyCount(), progress.last().at(0).toLongLong());
        QCOMPARE(done.size(), 1);
        QVERIFY(s.report().canceled);
        QVERIFY(s.report().message.contains(u"continues"_qs));
        QVERIFY(!s.isRunning());
        const SyncReport r = sync(proxy, index);
        QVERIFY(r.ok);
        QCOMPARE(r.keys, 1500);
    }

    void rateLimitingIsWaitedOut() {
        Proxy proxy(150);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        proxy.sim->addFault({QStringLiteral("/key/list"), SimFault::Kind::Status, 429, 1});
        QElapsedTimer t;
        t.start();
        const SyncReport r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(t.elapsed() >= 1000); // it paused before asking again
        QCOMPARE(r.keys, 150);
    }

    void aProxyErrorEndsTheSyncWithAClearMessage() {
        Proxy proxy(150);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        QVERIFY(sync(proxy, index).ok);
        proxy.sim->addFault({QStringLiteral("/key/list"), SimFault::Kind::Status, 401, 1});
        const SyncReport r = sync(proxy, index);
        QVERIFY(!r.ok);
        QCOMPARE(r.error.httpStatus, 401);
        QVERIFY(r.message.contains(u"401"_qs));
        QCOMPARE(index.keyCount(), 150); // the index keeps what it had
    }

    // When counts disagree and the archive does not explain it, the hash-only list does.
    void keysTheIndexLostOrNeverHadAreReconciled() {
        Proxy proxy(450);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        QVERIFY(sync(proxy, index).ok);
        KeyRecord stray = *index.key(proxy.sim->data().keys().key(200).token);
        stray.token = QString(64, u'f');
        stray.keyAlias = u"only-in-the-index"_qs;
        QVERIFY(index.recordKey(stray));
        SyncReport r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(!index.key(stray.token));
        QCOMPARE(r.deleted, 1);

        const QString lost = proxy.sim->data().keys().key(100).token;
        QSqlQuery q(index.database().db());
        QVERIFY(q.exec(u"DELETE FROM keys WHERE token = '%1'"_qs.arg(lost)));
        r = sync(proxy, index);
        QVERIFY2(r.ok, qPrintable(r.message));
        QVERIFY(index.key(lost));
        QCOMPARE(indexTokens(index), proxy.liveTokens());
    }

    void aFullSyncReadsEverythingAgainAndJournalsDifferences() {
        Proxy proxy(250);
        KeyIndex index(newPath());
        QVERIFY(index.open());
        QVERIFY(sync(proxy, index).ok);
        // Written behind the sync's back, without moving updated_at: only a full sync can see it.
        SimKeyStore &store = proxy.sim->data().keys();
        SimKey k = store.key(7);
        k.maxBudget = 31337;
        store.put(k);
        SyncOptions o;
        o.full = true;
        const SyncReport r = sync(proxy, index, o);
        QVERIFY(r.ok);
        QVERIFY(r.firstSync);
        QCOMPARE(r.changed, 1);
        QCOMPARE(index.key(k.token)->maxBudget, 31337.0);
    }
};

QTEST_GUILESS_MAIN(TestKeyIndexSync)
#include "tst_KeyIndexSync.moc"
