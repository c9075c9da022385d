#include "core/keys/KeyExporter.h"

#include "CannedServer.h"
#include "core/api/Call.h"
#include "core/api/ProxyClient.h"
#include "core/export/CsvReader.h"
#include "sim/SimKeyStore.h"
#include "sim/Simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// KeyExporter against the in-process simulator (and a canned server for proxies that misbehave).
class TestKeyExporter : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;

    void start(SimOptions options = {}) {
        m_sim = std::make_unique<Simulator>(options);
        if (!m_sim->listen())
            qFatal("the simulator could not listen");
        ClientConfig c;
        c.baseUrl = m_sim->url();
        c.timeoutMs = 20000;
        m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
    }

    void startCanned(CannedServer &server) {
        ClientConfig c;
        c.baseUrl = server.url();
        m_client = std::make_unique<ProxyClient>(c, u"sk-test"_qs);
    }

    // Runs `exporter` to its end: the keys, or nothing when it failed (the error in `error`).
    static std::optional<QList<KeyRecord>> run(KeyExporter &exporter, ApiError *error = nullptr) {
        QSignalSpy done(&exporter, &KeyExporter::finished);
        QSignalSpy failed(&exporter, &KeyExporter::failed);
        exporter.start();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 30000))
            return std::nullopt;
        if (!failed.isEmpty() && error)
            *error = failed.first().first().value<ApiError>();
        if (done.isEmpty())
            return std::nullopt;
        return done.first().first().value<QList<KeyRecord>>();
    }

    static QByteArray page(const QStringList &tokens, std::optional<qint64> total, int pages) {
        QJsonArray rows;
        for (const auto &t : tokens)
            rows << QJsonObject{{u"token"_qs, t}, {u"spend"_qs, 1.0}, {u"models"_qs, QJsonArray()}};
        QJsonObject o{{u"keys"_qs, rows}, {u"current_page"_qs, 1}, {u"total_pages"_qs, pages}};
        o.insert(u"total_count"_qs, total ? QJsonValue(*total) : QJsonValue());
        return QJsonDocument(o).toJson();
    }

    static QString hexToken(int i) { return QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0')); }

    QSet<QString> simTokens() const {
        QSet<QString> out;
        const SimKeyPage all = m_sim->data().keys().list({}, 0, 1000000);
        for (const SimKey &k : all.rows)
            out.insert(k.token);
        return out;
    }

private slots:
    void cleanup() {
        m_client.reset();
        m_sim.reset();
    }

    // Pages over the size decoded on a worker thread arrive after their replies have finished; the
    // export waits for every one of them. Run many times: the order the pages come back in varies.
    void largePagesAllArrive() {
        SimOptions o;
        o.keys = 1500;
        start(o);
        SimKeyStore &store = m_sim->data().keys();
        const QString padding(6000, u'x');
        for (qint64 i = 0; i < store.size(); ++i) {
            SimKey k = store.key(i);
            k.metadata.insert(u"note"_qs, padding);
            store.put(k);
        }
        const QSet<QString> expected = simTokens();
        QCOMPARE(expected.size(), 1500);
        // Every page is over the size decoded on a worker thread.
        ApiReply *probe = m_client->send(
            Request::get(u"/key/list"_qs, KeyFilter().toQuery(15, KeyExporter::kPageSize).toQuery()));
        QSignalSpy probed(probe, &ApiReply::finished);
        QVERIFY(probed.wait(20000));
        QVERIFY2(probe->body().size() > api::kOffThreadDecodeBytes, QByteArray::number(probe->body().size()));
        for (int attempt = 0; attempt < 20; ++attempt) {
            KeyExporter exporter(m_client.get(), {});
            const auto keys = run(exporter);
            QVERIFY2(keys, qPrintable(u"export %1 failed"_qs.arg(attempt)));
            QCOMPARE(keys->size(), 1500);
            QSet<QString> tokens;
            for (const KeyRecord &k : *keys)
                tokens.insert(k.token);
            QCOMPARE(tokens, expected);
        }
    }

    // A proxy that claims more keys than its pages hold (rows lost between pages) fails the export:
    // nothing partial is handed on.
    void fewerKeysThanClaimedFails() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &r) {
            const int pageNo = r.queryValue(u"page"_qs).toInt();
            QStringList tokens;
            for (int i = (pageNo - 1) * 100; i < std::min(pageNo * 100, 299); ++i)
                tokens << hexToken(i);
            return CannedServer::Answer{200, page(tokens, 300, 3)};
        });
        startCanned(server);
        KeyExporter exporter(m_client.get(), {});
        ApiError error;
        QVERIFY(!run(exporter, &error));
        QVERIFY2(error.message.contains(u"300") && error.message.contains(u"299"), qPrintable(error.message));
        QVERIFY(!error.hint.isEmpty());
    }

    // The other side of it: exactly as many keys as claimed is a complete export.
    void asManyKeysAsClaimedSucceeds() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &r) {
            const int pageNo = r.queryValue(u"page"_qs).toInt();
            QStringList tokens;
            for (int i = (pageNo - 1) * 100; i < std::min(pageNo * 100, 300); ++i)
                tokens << hexToken(i);
            return CannedServer::Answer{200, page(tokens, 300, 3)};
        });
        startCanned(server);
        KeyExporter exporter(m_client.get(), {});
        const auto keys = run(exporter);
        QVERIFY(keys);
        QCOMPARE(keys->size(), 300);
        QCOMPARE(server.requestsTo(u"/key/list"_qs), 3);
    }

    void endlessPagingStopsWhenNothingIsNew() {
        CannedServer server;
        server.on(u"/key/list"_qs, [](const HttpRequest &) {
            QStringList tokens;
            for (int i = 0; i < 100; ++i)
                tokens << hexToken(i);
            return CannedServer::Answer{200, page(tokens, std::nullopt, 1)};
        });
        startCanned(server);
        KeyExporter exporter(m_client.get(), {});
        const auto all = run(exporter);
        QVERIFY(all);
        QCOMPARE(all->size(), 100);
        QCOMPARE(server.requestsTo(u"/key/list"_qs), 2); // the second page brought nothing new
    }

    void readsEveryPageFourAtATime() {
        SimOptions o;
        o.keys = 2000;
        start(o);
        KeyExporter exporter(m_client.get(), {});
        QSignalSpy progress(&exporter, &KeyExporter::progress);
        const auto all = run(exporter);
        QVERIFY(all);
        QCOMPARE(all->size(), 2000);
        QCOMPARE(progress.size(), 20);
        QCOMPARE(progress.last().at(0).toLongLong(), 20);
        QCOMPARE(progress.last().at(1).toLongLong(), 20);
        QVERIFY(m_sim->peakConcurrent() <= KeyExporter::kWindow);
        QVERIFY(m_client->peakInFlight() > 1);
    }

    void cancelStopsEverything() {
        SimOptions o;
        o.keys = 5000;
        start(o);
        m_sim->addFault({u"/key/list"_qs, SimFault::Kind::Delay, 200, -1});
        KeyExporter exporter(m_client.get(), {});
        QSignalSpy done(&exporter, &KeyExporter::finished);
        QSignalSpy failed(&exporter, &KeyExporter::failed);
        exporter.start();
        QVERIFY(exporter.isRunning());
        exporter.cancel();
        QVERIFY(!exporter.isRunning());
        QTRY_COMPARE(m_client->inFlight(), 0);
        QCOMPARE(done.size(), 0);
        QCOMPARE(failed.size(), 0);
    }

    void deletingItCancels() {
        start();
        m_sim->addFault({u"/key/list"_qs, SimFault::Kind::Delay, 200, -1});
        auto *exporter = new KeyExporter(m_client.get(), {});
        exporter->start();
        QTRY_COMPARE(m_client->inFlight(), 1);
        delete exporter;
        QTRY_COMPARE(m_client->inFlight(), 0);
    }

    void aFailedPageFailsTheExport() {
        start();
        m_sim->addFault({u"/key/list"_qs, SimFault::Kind::Status, 500, -1});
        KeyExporter exporter(m_client.get(), {});
        ApiError error;
        QVERIFY(!run(exporter, &error));
        QCOMPARE(error.httpStatus, 500);
    }

    // The page's quick filters reach the export: only keys they accept are written.
    void acceptNarrowsTheKeys() {
        start();
        KeyExporter exporter(m_client.get(), {});
        exporter.setAccept([](const KeyRecord &k, const QDateTime &) { return k.spend > 1.0; });
        const auto keys = run(exporter);
        QVERIFY(keys);
        qsizetype expected = 0;
        for (const SimKey &k : m_sim->data().keys().list({}, 0, 1000).rows)
            expected += k.spend > 1.0;
        QVERIFY(expected > 0 && expected < 250);
        QCOMPARE(keys->size(), expected);
    }

    void writesCsvAndJson_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("csv") << u"keys.csv"_qs;
        QTest::newRow("json, any case") << u"keys.JSON"_qs;
    }
    void writesCsvAndJson() {
        QFETCH(QString, name);
        start();
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        KeyExporter exporter(m_client.get(), {});
        QSignalSpy written(&exporter, &KeyExporter::written);
        exporter.startWriting(path);
        QVERIFY(written.wait(20000));
        QCOMPARE(written.first().at(0).toString(), path);
        QCOMPARE(written.first().at(1).value<qsizetype>(), 250);
        QVERIFY(!exporter.isRunning());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const QSet<QString> expected = simTokens();
        QSet<QString> tokens;
        if (KeyExporter::formatFor(path) == KeyExporter::Format::Json) {
            for (const QJsonValue &v : QJsonDocument::fromJson(bytes).array())
                tokens.insert(v[u"token"].toString());
        } else {
            const auto rows = CsvReader::parse(QString::fromUtf8(bytes));
            QVERIFY(rows);
            QCOMPARE(rows->size(), 251);
            const qsizetype column = rows->first().indexOf(u"token"_qs);
            QVERIFY(column >= 0);
            for (qsizetype i = 1; i < rows->size(); ++i)
                tokens.insert(rows->at(i).at(column));
        }
        QCOMPARE(tokens, expected);
    }

    // A file that cannot be written is a local problem, told apart from a failed request: the path and
    // the reason come back, no request error is reported, and nothing is left at the path.
    void anUnwritableFileFails() {
        start();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"missing-folder/keys.csv"_qs);
        KeyExporter exporter(m_client.get(), {});
        QSignalSpy written(&exporter, &KeyExporter::written);
        QSignalSpy failed(&exporter, &KeyExporter::failed);
        QSignalSpy writeFailed(&exporter, &KeyExporter::writeFailed);
        exporter.startWriting(path);
        QVERIFY(writeFailed.wait(20000));
        QCOMPARE(written.size(), 0);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(writeFailed.first().at(0).toString(), path);
        QVERIFY(!writeFailed.first().at(1).toString().isEmpty());
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestKeyExporter)
#include "tst_KeyExporter.moc"
