#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyExporter.h"

#include "CannedServer.h"
#include "core/api/ProxyClient.h"
#include "sim/SimKeyStore.h"
#include "sim/Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using Outcome = KeyActionResult::Outcome;

// What one request handed back to its `done`.
struct Results {
    QList<KeyActionResult> list;
    KeyDirectory::ActionDone done() {
        return [this](const KeyActionResult &r) { list << r; };
    }
    KeyActionResult takeFirst() { return list.takeFirst(); }
    qsizetype size() const { return list.size(); }
};

struct Regenerated {
    QList<Expected<api::GeneratedKey>> list;
    KeyDirectory::RegenerateDone done() {
        return [this](Expected<api::GeneratedKey> r) { list << std::move(r); };
    }
    qsizetype size() const { return list.size(); }
};

// KeyDirectory against the in-process simulator (and a canned server for proxies that misbehave).
class TestKeyDirectory : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;

    KeyDirectory *start(SimOptions options = {}, int timeoutMs = 10000) {
        m_sim = std::make_unique<Simulator>(options);
        if (!m_sim->listen())
            qFatal("the simulator could not listen");
        ClientConfig c;
        c.baseUrl = m_sim->url();
        c.timeoutMs = timeoutMs;
        m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
        return new KeyDirectory(m_client.get(), m_client.get());
    }

    KeyDirectory *startCanned(CannedServer &server) {
        ClientConfig c;
        c.baseUrl = server.url();
        m_client = std::make_unique<ProxyClient>(c, u"sk-test"_qs);
        return new KeyDirectory(m_client.get(), m_client.get());
    }

    static bool loadFirst(KeyDirectory &d) {
        d.reload();
        return QTest::qWaitFor([&] { return !d.isLoading(); }, 10000);
    }

    // The same filter read to the end by an export: the two must agree.
    std::optional<QList<KeyRecord>> exportAll(KeyDirectory &d) {
        KeyExporter exporter(m_client.get(), d.filter());
        QSignalSpy done(&exporter, &KeyExporter::finished);
        QSignalSpy failed(&exporter, &KeyExporter::failed);
        exporter.start();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 20000) || done.isEmpty())
            return std::nullopt;
        return done.first().first().value<QList<KeyRecord>>();
    }

    static QByteArray page(const QStringList &tokens, const QString &team, qint64 total, int pages) {
        QJsonArray rows;
        for (const auto &t : tokens)
            rows << QJsonObject{
                {u"token"_qs, t}, {u"team_id"_qs, team}, {u"spend"_qs, 1.0}, {u"models"_qs, QJsonArray()}};
        return QJsonDocument(QJsonObject{{u"keys"_qs, rows},
                                         {u"total_count"_qs, total},
                                         {u"current_page"_qs, 1},
                                         {u"total_pages"_qs, pages}})
            .toJson();
    }

    static QString hexToken(int i) { return QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0')); }

    qint64 simCount(const SimKeyQuery &q) const { return m_sim->data().keys().list(q, 0, 1).total; }

private slots:
    void cleanup() {
        m_client.reset();
        m_sim.reset();
    }

    void firstPageThenMoreOnDemand() {
        KeyDirectory *d = start();
        QVERIFY(loadFirst(*d));
        QCOMPARE(d->loadedCount(), qsizetype(100));
        QCOMPARE(d->totalCount().value_or(-1), qint64(250));
        QVERIFY(d->canFetchMore());
        QCOMPARE(m_sim->requestLog().size(), 1);
        QVERIFY2(m_sim->requestLog().first().contains(u"size=100"), qPrintable(m_sim->requestLog().first()));
        QVERIFY(m_sim->requestLog().first().contains(u"return_full_object=true"));
        QSignalSpy appended(d, &KeyDirectory::keysAppended);
        d->fetchMore();
        QTRY_COMPARE(d->loadedCount(), 200);
        d->fetchMore();
        QTRY_COMPARE(d->loadedCount(), 250);
        QTRY_VERIFY(!d->isLoading());
        QVERIFY(!d->canFetchMore());
        QCOMPARE(appended.size(), 2);
        QSet<QString> tokens;
        for (const auto &k : d->keys())
            tokens.insert(k.token);
        QCOMPARE(tokens.size(), 250);
        QCOMPARE(m_sim->requestLog().size(), 3); // never a page beyond the last
    }

    void sortsOnTheServer_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("ascending");
        QTest::newRow("spend descending") << u"spend"_qs << false;
        QTest::newRow("spend ascending") << u"spend"_qs << true;
        QTest::newRow("alias ascending") << u"key_alias"_qs << true;
        QTest::newRow("created_at descending") << u"created_at"_qs << false;
    }
    void sortsOnTheServer() {
        QFETCH(QString, field);
        QFETCH(bool, ascending);
        KeyDirectory *d = start();
        KeyFilter f;
        f.sortBy = field;
        f.sortOrder = ascending ? Qt::AscendingOrder : Qt::DescendingOrder;
        d->setFilter(f);
        QVERIFY(loadFirst(*d));
        QCOMPARE(d->loadedCount(), qsizetype(100));
        QVERIFY(m_sim->requestLog().first().contains(u"sort_by=" + field));
        const auto value = [&](const KeyRecord &k) -> QVariant {
            if (field == u"spend")
                return k.spend;
            if (field == u"key_alias")
                return k.keyAlias;
            return k.createdAt;
        };
        int ordered = 0;
        for (qsizetype i = 1; i < d->keys().size(); ++i) {
            const QVariant a = value(d->keys().at(i - 1)), b = value(d->keys().at(i));
            if (a.isNull() || b.isNull() ||
                (field == u"key_alias" && (a.toString().isEmpty() || b.toString().isEmpty())))
                continue;
            const auto c = QVariant::compare(a, b);
            QVERIFY2(ascending ? c != QPartialOrdering::Greater : c != QPartialOrdering::Less,
                     qPrintable(a.toString() + u" then " + b.toString()));
            ++ordered;
        }
        QVERIFY(ordered > 50);
    }

    void filtersMatchTheSimulator_data() {
        QTest::addColumn<QString>("which");
        QTest::newRow("team") << u"team"_qs;
        QTest::newRow("user") << u"user"_qs;
        QTest::newRow("alias substring") << u"alias"_qs;
        QTest::newRow("expired") << u"expired"_qs;
        QTest::newRow("active (not expired, not blocked)") << u"active"_qs;
        QTest::newRow("blocked (client side)") << u"blocked"_qs;
        QTest::newRow("deleted") << u"deleted"_qs;
    }
    void filtersMatchTheSimulator() {
        QFETCH(QString, which);
        KeyDirectory *d = start();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        SimKeyQuery all;
        const QList<SimKey> rows = m_sim->data().keys().list(all, 0, 1000).rows;
        KeyFilter f;
        SimKeyQuery q;
        qint64 expected = -1;
        if (which == u"team") {
            f.teamId = q.teamId = rows.first().teamId.isEmpty() ? rows.at(1).teamId : rows.first().teamId;
        } else if (which == u"user") {
            f.userId = q.userId = rows.first().userId;
        } else if (which == u"alias") {
            f.alias = q.alias = QStringLiteral("a");
            q.aliasSubstring = true;
        } else if (which == u"expired") {
            f.status = KeyStatus::Expired;
            q.expiry = SimKeyQuery::Expiry::Expired;
        } else if (which == u"active") {
            f.status = KeyStatus::Active;
            expected = 0;
            for (const auto &r : rows)
                expected += (!r.isExpired(now.toMSecsSinceEpoch()) && !r.blocked.value_or(false)) ? 1 : 0;
        } else if (which == u"blocked") {
            f.status = KeyStatus::Blocked;
            expected = 0;
            for (const auto &r : rows)
                expected += r.blocked.value_or(false) ? 1 : 0;
        } else if (which == u"deleted") {
            Results actions;
            d->remove({rows.at(0).token, rows.at(1).token}, this, actions.done());
            QTRY_COMPARE(actions.size(), 2);
            f.status = KeyStatus::Deleted;
            expected = 2;
        }
        if (expected < 0)
            expected = simCount(q);
        QVERIFY2(expected > 0, "the data set should hold keys for every filter");
        d->setFilter(f);
        QSignalSpy ignored(d, &KeyDirectory::filterIgnored);
        const auto keys = exportAll(*d);
        QVERIFY(keys);
        QCOMPARE(keys->size(), expected);
        for (const auto &k : *keys)
            QVERIFY2(f.serverMatches(k, now) && f.clientMatches(k, now), qPrintable(k.token));
        QCOMPARE(ignored.size(), 0);
    }

    void dedupesRowsThatShiftBetweenPages() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &r) {
            QStringList tokens;
            const int pageNo = r.queryValue(u"page"_qs).toInt();
            const int first = pageNo == 1 ? 0 : 95; // five rows of page 1 come again on page 2
            for (int i = first; i < first + 100; ++i)
                tokens << hexToken(i);
            return CannedServer::Answer{200, page(tokens, u"t"_qs, 200, 2)};
        });
        KeyDirectory *d = startCanned(server);
        QVERIFY(loadFirst(*d));
        d->fetchMore();
        QTRY_COMPARE(server.requestsTo(u"/key/list"_qs), 2);
        QTRY_VERIFY(!d->isLoading());
        QCOMPARE(d->loadedCount(), 195);
        // The list shows each key once; an export, which must hold all 200 keys listed, fails instead of
        // writing 195 (the five rows pushed off page 1 were never sent).
        QVERIFY(!exportAll(*d));
    }

    void dropsRowsOfAProxyThatIgnoresAFilter() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &) {
            QByteArray body = page({hexToken(1), hexToken(2)}, u"team-a"_qs, 4, 1);
            const QJsonObject o = QJsonDocument::fromJson(body).object();
            QJsonArray rows = o.value(u"keys").toArray();
            for (int i = 3; i <= 4; ++i)
                rows << QJsonObject{{u"token"_qs, hexToken(i)}, {u"team_id"_qs, u"team-b"_qs}};
            QJsonObject out = o;
            out.insert(u"keys"_qs, rows);
            return CannedServer::Answer{200, QJsonDocument(out).toJson()};
        });
        KeyDirectory *d = startCanned(server);
        KeyFilter f;
        f.teamId = u"team-a"_qs;
        d->setFilter(f);
        QSignalSpy ignored(d, &KeyDirectory::filterIgnored);
        QVERIFY(loadFirst(*d));
        QCOMPARE(d->loadedCount(), 2);
        QCOMPARE(d->droppedCount(), 2);
        QCOMPARE(ignored.size(), 1);
        QVERIFY(ignored.first().first().toString().contains(u"team_id"));
    }

    // A proxy that answers every page with the same full page (and claims many more) is not asked
    // again and again as the table scrolls: a page with nothing new is the last.
    void repeatedFullPagesEndTheList() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &) {
            QStringList tokens;
            for (int i = 0; i < 100; ++i)
                tokens << hexToken(i);
            return CannedServer::Answer{200, page(tokens, u"t"_qs, 100000, 1000)};
        });
        KeyDirectory *d = startCanned(server);
        QVERIFY(loadFirst(*d));
        QCOMPARE(d->loadedCount(), 100);
        QVERIFY(d->canFetchMore()); // the proxy claims 1,000 pages
        d->fetchMore();
        QTRY_COMPARE(server.requestsTo(u"/key/list"_qs), 2);
        QTRY_VERIFY(!d->isLoading());
        QVERIFY(!d->canFetchMore());
        for (int i = 0; i < 5; ++i)
            d->fetchMore();
        QTest::qWait(50); // nothing may be sent: give a request the time to arrive if one were
        QCOMPARE(server.requestsTo(u"/key/list"_qs), 2);
        QCOMPARE(d->loadedCount(), 100);
    }

    // The other side: a full page that brings new rows among repeated ones keeps the list going.
    void aFullPageWithNewRowsKeepsGoing() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &r) {
            const int pageNo = r.queryValue(u"page"_qs).toInt();
            QStringList tokens;
            for (int i = (pageNo - 1) * 99; i < (pageNo - 1) * 99 + 100; ++i) // one row repeats
                tokens << hexToken(i);
            return CannedServer::Answer{200, page(tokens, u"t"_qs, 100000, 1000)};
        });
        KeyDirectory *d = startCanned(server);
        QVERIFY(loadFirst(*d));
        d->fetchMore();
        QTRY_COMPARE(server.requestsTo(u"/key/list"_qs), 2);
        QTRY_VERIFY(!d->isLoading());
        QCOMPARE(d->loadedCount(), 199);
        QVERIFY(d->canFetchMore());
    }

    void blockUnblockUpdateDelete() {
        KeyDirectory *d = start();
        QVERIFY(loadFirst(*d));
        const QString token = d->keys().first().token;
        Results actions;
        QSignalSpy changed(d, &KeyDirectory::keyChanged);
        d->block({token}, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        auto r = actions.takeFirst();
        QCOMPARE(r.outcome, Outcome::Done);
        QVERIFY(r.record.isBlocked());
        QVERIFY(d->keys().first().isBlocked());
        QCOMPARE(changed.size(), 1);
        d->unblock({token}, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        r = actions.takeFirst();
        QVERIFY(!r.record.isBlocked());

        const KeyRecord before = d->keys().first();
        KeyUpdate u;
        u.alias = u"renamed-key"_qs;
        u.maxBudget = 42.5;
        u.models = QStringList{u"gpt-4o"_qs};
        u.metadata.insert(u"owner"_qs, u"ops"_qs);
        u.expiresIn = u"7d"_qs;
        d->update(token, u, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        r = actions.takeFirst();
        QCOMPARE(r.outcome, Outcome::Done);
        QCOMPARE(r.droppedFields, QStringList());
        // The proxy answered only the changed fields: the row keeps everything else.
        const KeyRecord after = d->keys().first();
        QCOMPARE(after.keyAlias, u"renamed-key"_qs);
        QCOMPARE(after.token, before.token);
        QCOMPARE(after.spend, before.spend);
        QCOMPARE(after.teamId, before.teamId);
        QCOMPARE(after.userId, before.userId);
        QCOMPARE(after.budgetDuration, before.budgetDuration);
        QCOMPARE(after.createdAt, before.createdAt);
        QCOMPARE(after.maxBudget.value_or(-1), 42.5);
        QCOMPARE(after.metadata.value(u"owner").toString(), u"ops"_qs);
        QVERIFY(qAbs(after.expires.secsTo(QDateTime::currentDateTimeUtc().addDays(7))) < 120);
        const SimKey stored = m_sim->data().keys().key(*m_sim->data().keys().find(token));
        QCOMPARE(stored.alias, u"renamed-key"_qs);
        QCOMPARE(stored.metadata.value(u"owner").toString(), u"ops"_qs);

        QSignalSpy removed(d, &KeyDirectory::keyRemoved);
        d->remove({token}, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        QCOMPARE(actions.takeFirst().outcome, Outcome::Done);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(d->loadedCount(), 99);
        QCOMPARE(d->totalCount().value_or(-1), qint64(249)); // the total follows the deletion
        d->remove({token}, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        QCOMPARE(actions.takeFirst().outcome, Outcome::AlreadyGone);
        QCOMPARE(d->totalCount().value_or(-1), qint64(249)); // not listed any more: counted once
    }

    // An edit dialog's update and a page's batch block on the same keys at once: each request hands its
    // results to its own caller only, one per key, and the other's never.
    void overlappingRequestsGetOnlyTheirOwnResults() {
        KeyDirectory *d = start();
        QVERIFY(loadFirst(*d));
        const QStringList batch{d->keys().at(0).token, d->keys().at(1).token, d->keys().at(2).token};
        QObject dialog, page;
        Results edited, blocked;
        KeyUpdate u;
        u.alias = u"edited-while-blocking"_qs;
        d->update(batch.first(), u, &dialog, edited.done());
        d->block(batch, &page, blocked.done());
        QTRY_COMPARE(blocked.size(), 3);
        QTRY_COMPARE(edited.size(), 1); // every request has been answered: nothing more can come
        QCOMPARE(edited.list.first().action, KeyActionResult::Action::Update);
        QCOMPARE(edited.list.first().key, batch.first());
        QCOMPARE(edited.list.first().record.keyAlias, u"edited-while-blocking"_qs);
        QCOMPARE(blocked.size(), 3);
        QStringList keys;
        for (const KeyActionResult &r : blocked.list) {
            QCOMPARE(r.action, KeyActionResult::Action::Block);
            QCOMPARE(r.outcome, Outcome::Done);
            keys << r.key;
        }
        keys.sort();
        QStringList expected = batch;
        expected.sort();
        QCOMPARE(keys, expected);
    }

    // A caller gone before the answer (a closed dialog) is not called; the listed row still follows.
    void aGoneCallerIsNotCalled_data() {
        QTest::addColumn<QString>("action");
        QTest::newRow("block") << u"block"_qs;
        QTest::newRow("update") << u"update"_qs;
        QTest::newRow("delete") << u"delete"_qs;
        QTest::newRow("regenerate") << u"regenerate"_qs;
    }
    void aGoneCallerIsNotCalled() {
        QFETCH(QString, action);
        SimOptions o;
        o.enterprise = true;
        KeyDirectory *d = start(o);
        QVERIFY(loadFirst(*d));
        const QString token = d->keys().at(4).token;
        auto *caller = new QObject;
        Results results;
        Regenerated regenerated;
        if (action == u"block") {
            d->block({token}, caller, results.done());
        } else if (action == u"update") {
            KeyUpdate u;
            u.alias = u"renamed-after-close"_qs;
            d->update(token, u, caller, results.done());
        } else if (action == u"delete") {
            d->remove({token}, caller, results.done());
        } else {
            d->regenerate(token, caller, regenerated.done());
        }
        delete caller;
        if (action == u"block")
            QTRY_VERIFY(d->keys().at(4).isBlocked());
        else if (action == u"update")
            QTRY_COMPARE(d->keys().at(4).keyAlias, u"renamed-after-close"_qs);
        else if (action == u"delete")
            QTRY_COMPARE(d->loadedCount(), 99);
        else
            QTRY_VERIFY(d->keys().at(4).token != token);
        QCOMPARE(results.size(), 0);
        QCOMPARE(regenerated.size(), 0);
    }

    void updateAgainstAFullRowProxy() {
        SimOptions o;
        o.keyUpdateFullRow = true; // newer LiteLLM answers the whole row
        KeyDirectory *d = start(o);
        QVERIFY(loadFirst(*d));
        const KeyRecord before = d->keys().at(1);
        Results actions;
        KeyUpdate u;
        u.metadata.insert(u"owner"_qs, u"ops"_qs);
        u.tpmLimit = 0; // a limit of 0 is a limit, applied and checked like any other
        d->update(before.token, u, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        const auto r = actions.list.first();
        QCOMPARE(r.droppedFields, QStringList());
        QCOMPARE(d->keys().at(1).keyAlias, before.keyAlias);
        QCOMPARE(d->keys().at(1).tpmLimit, std::optional<qint64>(0));
        QCOMPARE(d->keys().at(1).metadata.value(u"owner").toString(), u"ops"_qs);
    }

    void updateWarnsAboutDroppedFields() {
        CannedServer server;
        // A proxy that answers 200 but keeps the old values.
        server.on(u"/key/update"_qs, 200,
                  QJsonDocument(QJsonObject{{u"token"_qs, hexToken(7)},
                                            {u"key_alias"_qs, u"old"_qs},
                                            {u"max_budget"_qs, 1.0}})
                      .toJson());
        KeyDirectory *d = startCanned(server);
        Results actions;
        KeyUpdate u;
        u.alias = u"new"_qs;
        u.maxBudget = 1;
        d->update(hexToken(7), u, this, actions.done());
        QTRY_COMPARE(actions.size(), 1);
        const auto r = actions.list.first();
        QCOMPARE(r.outcome, Outcome::Done);
        QCOMPARE(r.droppedFields, QStringList{u"key_alias"_qs});
        // The update, then the read-back: this proxy has no /key/info, so its reply is what is known.
        QCOMPARE(server.requestsTo(u"/key/update"_qs), 1);
        QCOMPARE(server.requestsTo(u"/key/info"_qs), 1);
        const QJsonObject sent = QJsonDocument::fromJson(server.received().first().body).object();
        QCOMPARE(sent.value(u"key_alias").toString(), u"new"_qs);
        QCOMPARE(sent.value(u"key").toString(), hexToken(7));
    }

    void listFailures_data() {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arg");
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<int>("status");
        QTest::newRow("401") << int(SimFault::Kind::Status) << 401 << int(ApiError::Kind::Http) << 401;
        QTest::newRow("403") << int(SimFault::Kind::Status) << 403 << int(ApiError::Kind::Http) << 403;
        QTest::newRow("500") << int(SimFault::Kind::Status) << 500 << int(ApiError::Kind::Http) << 500;
        QTest::newRow("malformed body")
            << int(SimFault::Kind::BadJson) << 0 << int(ApiError::Kind::Decode) << 0;
        QTest::newRow("keys is not a list")
            << int(SimFault::Kind::WrongShape) << 0 << int(ApiError::Kind::Decode) << 0;
        QTest::newRow("timeout") << int(SimFault::Kind::Hang) << 0 << int(ApiError::Kind::Timeout) << 0;
    }
    void listFailures() {
        QFETCH(int, kind);
        QFETCH(int, arg);
        QFETCH(int, errorKind);
        QFETCH(int, status);
        KeyDirectory *d = start({}, 500);
        m_sim->addFault({u"/key/list"_qs, SimFault::Kind(kind), arg, -1});
        QSignalSpy failed(d, &KeyDirectory::failed);
        d->reload();
        QTRY_COMPARE(failed.size(), 1);
        const auto e = failed.first().first().value<ApiError>();
        QCOMPARE(int(e.kind), errorKind);
        if (status)
            QCOMPARE(e.httpStatus, status);
        QCOMPARE(d->loadedCount(), 0);
        QVERIFY(!d->isLoading());
        const auto all = exportAll(*d);
        QVERIFY(!all); // the export fails the same way
    }

    void actionFailures_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("block 500") << u"/key/block"_qs << 500;
        QTest::newRow("block 403") << u"/key/block"_qs << 403;
        QTest::newRow("delete 500") << u"/key/delete"_qs << 500;
        QTest::newRow("update 401") << u"/key/update"_qs << 401;
    }
    void actionFailures() {
        QFETCH(QString, path);
        QFETCH(int, status);
        KeyDirectory *d = start();
        m_sim->addFault({path, SimFault::Kind::Status, status, -1});
        const QString token = m_sim->data().keys().key(0).token;
        Results actions;
        if (path == u"/key/block")
            d->block({token}, this, actions.done());
        else if (path == u"/key/delete")
            d->remove({token}, this, actions.done());
        else {
            KeyUpdate u;
            u.maxBudget = 3;
            d->update(token, u, this, actions.done());
        }
        QTRY_COMPARE(actions.size(), 1);
        const auto r = actions.list.first();
        QCOMPARE(r.outcome, Outcome::Failed);
        QCOMPARE(r.error.httpStatus, status);
        QVERIFY(m_sim->data().keys().isLive(0));
    }
    // Every action against every kind of failure: the action ends in one Failed result (or one failed
    // regenerate) with the error's kind and status; a refused action leaves the key as it was.
    void actionFailureKinds_data() {
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("arg");
        QTest::addColumn<int>("errorKind");
        QTest::addColumn<int>("status");
        const auto http = int(ApiError::Kind::Http);
        const auto status = int(SimFault::Kind::Status);
        const struct {
            const char *action;
            const char *path;
        } actions[] = {{"block", "/key/block"},
                       {"unblock", "/key/unblock"},
                       {"update", "/key/update"},
                       {"delete", "/key/delete"},
                       {"regenerate", "/key/regenerate"}};
        for (const auto &a : actions) {
            // A 404 fault is a missing route (a wrong proxy URL): a failure for every action, delete
            // included; only LiteLLM's own not-found means already gone (blockUnblockUpdateDelete).
            for (int code : {401, 403, 404, 500}) {
                QTest::addRow("%s %d", a.action, code)
                    << QString::fromLatin1(a.action) << status << code << http << code;
            }
            QTest::addRow("%s timeout", a.action)
                << QString::fromLatin1(a.action) << int(SimFault::Kind::Hang) << 0
                << int(ApiError::Kind::Timeout) << 0;
            QTest::addRow("%s malformed body", a.action)
                << QString::fromLatin1(a.action) << int(SimFault::Kind::BadJson) << 0
                << int(ApiError::Kind::Decode) << 0;
        }
    }
    void actionFailureKinds() {
        QFETCH(QString, action);
        QFETCH(int, kind);
        QFETCH(int, arg);
        QFETCH(int, errorKind);
        QFETCH(int, status);
        SimOptions o;
        o.enterprise = true;
        KeyDirectory *d = start(o, 500);
        const QString token = m_sim->data().keys().key(0).token;
        const SimKey before = m_sim->data().keys().key(0);
        m_sim->addFault({u"/key/"_qs + action, SimFault::Kind(kind), arg, -1});
        Results actions;
        Regenerated regenerated;
        ApiError error;
        if (action == u"regenerate") {
            d->regenerate(token, this, regenerated.done());
            QTRY_COMPARE(regenerated.size(), 1);
            QVERIFY(!regenerated.list.first());
            error = regenerated.list.first().error();
        } else {
            if (action == u"block")
                d->block({token}, this, actions.done());
            else if (action == u"unblock")
                d->unblock({token}, this, actions.done());
            else if (action == u"delete")
                d->remove({token}, this, actions.done());
            else {
                KeyUpdate u;
                u.maxBudget = 3;
                d->update(token, u, this, actions.done());
            }
            QTRY_COMPARE(actions.size(), 1);
            const auto r = actions.list.first();
            QCOMPARE(r.outcome, Outcome::Failed);
            QCOMPARE(r.key, token);
            error = r.error;
        }
        QCOMPARE(int(error.kind), errorKind);
        QCOMPARE(error.httpStatus, status);
        QVERIFY(!error.message.isEmpty());
        if (status == 0)
            return; // the proxy may have done it and lost the answer: the failure is all that is known
        const SimKey after = m_sim->data().keys().key(0);
        QVERIFY(m_sim->data().keys().isLive(0));
        QCOMPARE(after.token, before.token);
        QCOMPARE(after.maxBudget, before.maxBudget);
    }

    void regenerateReplacesTheRowsToken() {
        SimOptions o;
        o.enterprise = true;
        KeyDirectory *d = start(o);
        QVERIFY(loadFirst(*d));
        const QString old = d->keys().at(3).token;
        Regenerated regenerated;
        QSignalSpy changed(d, &KeyDirectory::keyChanged);
        d->regenerate(old, this, regenerated.done());
        QTRY_COMPARE(regenerated.size(), 1);
        QVERIFY(regenerated.list.first());
        const api::GeneratedKey g = *regenerated.list.first();
        QVERIFY(g.key.startsWith(u"sk-"));
        QCOMPARE(g.token, hashKey(g.key));
        QCOMPARE(d->keys().at(3).token, g.token);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toLongLong(), 3);
        QVERIFY(!m_sim->data().keys().find(old) ||
                !m_sim->data().keys().isLive(*m_sim->data().keys().find(old)));
    }

    void regenerateWithoutEnterpriseSaysSo() {
        KeyDirectory *d = start();
        Regenerated failed;
        d->regenerate(m_sim->data().keys().key(0).token, this, failed.done());
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(!failed.list.first());
        const ApiError e = failed.list.first().error();
        QCOMPARE(e.httpStatus, 403);
        QVERIFY(e.needsEnterprise());
    }
};

QTEST_GUILESS_MAIN(TestKeyDirectory)
#include "tst_KeyDirectory.moc"
