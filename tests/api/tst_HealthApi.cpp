// Readiness as every LiteLLM version answers it: all fields in public (older), only the status with the
// details on an authenticated route (newest), a 503 with the full body when the database is down.
#include "CallResult.h"
#include "core/api/ErrorReason.h"
#include "core/api/HealthApi.h"
#include "sim/Simulator.h"

#include <QTest>

namespace {

std::optional<Expected<Readiness>> readinessOf(ProxyClient &client) {
    return waitFor<Readiness>(
        [&](QObject *context, Handler<Readiness> done) { api::readiness(client, context, std::move(done)); });
}

std::optional<Expected<Readiness>> readinessOf(const SimOptions &options) {
    SimOptions o = options;
    o.keys = 5;
    Simulator sim(o);
    if (!sim.listen())
        return std::nullopt;
    ClientConfig config;
    config.baseUrl = sim.url();
    ProxyClient client(config, sim.masterKey());
    return readinessOf(client);
}

} // namespace

class TestHealthApi : public QObject {
    Q_OBJECT
private slots:
    void readsEveryVersionsReadiness_data() {
        QTest::addColumn<bool>("detailsRoute");
        QTest::addColumn<bool>("databaseDown");
        QTest::addColumn<bool>("ready");
        QTest::addColumn<QString>("db");
        QTest::newRow("older: every field in public") << false << false << true << "connected";
        QTest::newRow("newest: details from the authenticated route") << true << false << true << "connected";
        QTest::newRow("older, database down: 503 with its body") << false << true << false << "disconnected";
        QTest::newRow("newest, database down: 503 with its body") << true << true << false << "disconnected";
    }

    void readsEveryVersionsReadiness() {
        QFETCH(bool, detailsRoute);
        QFETCH(bool, databaseDown);
        QFETCH(bool, ready);
        QFETCH(QString, db);
        SimOptions o;
        o.litellmVersion = QStringLiteral("1.81.3");
        o.readinessDetailsRoute = detailsRoute;
        o.databaseDown = databaseDown;
        const auto r = readinessOf(o);
        QVERIFY(r.has_value());
        QVERIFY2(r->has_value(), qPrintable(*r ? QString() : r->error().toString()));
        QCOMPARE((*r)->ready, ready);
        QCOMPARE((*r)->db, db);
        QCOMPARE((*r)->dbConnected(), db == u"connected");
        QCOMPARE((*r)->litellmVersion, QStringLiteral("1.81.3"));
    }

    // A newer proxy that keeps its details to itself (no details route, or not allowed): the status is all
    // there is, and the database is "not reported" rather than down.
    void statusOnlyIsHealthyWithTheDatabaseNotReported_data() {
        QTest::addColumn<int>("detailsStatus");
        QTest::newRow("no details route") << 404;
        QTest::newRow("details not allowed for this key") << 401;
    }

    void statusOnlyIsHealthyWithTheDatabaseNotReported() {
        QFETCH(int, detailsStatus);
        CannedServer server;
        server.on(QStringLiteral("/health/readiness"), 200, R"({"status":"healthy"})");
        server.on(QStringLiteral("/health/readiness/details"), detailsStatus,
                  R"({"error":{"message":"Authentication Error","type":"auth_error","code":"401"}})");
        auto client = clientFor(server);
        const auto r = readinessOf(*client);
        QVERIFY(r.has_value());
        QVERIFY2(r->has_value(), qPrintable(*r ? QString() : r->error().toString()));
        QCOMPARE((*r)->status, QStringLiteral("healthy"));
        QVERIFY((*r)->ready);
        QVERIFY(!(*r)->dbReported());
        QCOMPARE(server.requestsTo(QStringLiteral("/health/readiness/details")), 1);
    }

    // The newest public answer names the database but not the version: the database is taken from it
    // when the details are not allowed for this key.
    void thePublicDatabaseStateStaysWhenDetailsAreRefused() {
        CannedServer server;
        server.on(QStringLiteral("/health/readiness"), 200, R"({"status":"healthy","db":"connected"})");
        server.on(QStringLiteral("/health/readiness/details"), 401,
                  R"({"error":{"message":"Authentication Error","type":"auth_error","code":"401"}})");
        auto client = clientFor(server);
        const auto r = readinessOf(*client);
        QVERIFY(r.has_value() && r->has_value());
        QVERIFY((*r)->ready);
        QVERIFY((*r)->dbConnected());
        QVERIFY((*r)->litellmVersion.isEmpty());
        QCOMPARE(server.requestsTo(QStringLiteral("/health/readiness/details")), 1);
    }

    void aPublicAnswerWithDetailsNeedsNoSecondRequest() {
        CannedServer server;
        server.on(
            QStringLiteral("/health/readiness"), 200,
            R"({"status":"healthy","db":"connected","cache":{"type":"redis-semantic","index_info":"idx"},
                      "litellm_version":"1.74.3"})");
        auto client = clientFor(server);
        const auto r = readinessOf(*client);
        QVERIFY(r.has_value() && r->has_value());
        QCOMPARE((*r)->cache, QStringLiteral("redis-semantic"));
        QCOMPARE((*r)->db, QStringLiteral("connected"));
        QCOMPARE(server.requestsTo(QStringLiteral("/health/readiness/details")), 0);
    }

    // Older proxies fail readiness with FastAPI's {"detail": "Service Unhealthy (...)"}: that stays an
    // error that says so.
    void aServiceUnhealthyDetailIsAnError() {
        CannedServer server;
        server.on(QStringLiteral("/health/readiness"), 503,
                  R"x({"detail":"Service Unhealthy (db timeout)"})x");
        auto client = clientFor(server);
        const auto r = readinessOf(*client);
        QVERIFY(r.has_value());
        QVERIFY(!r->has_value());
        QCOMPARE(r->error().message, QStringLiteral("Service Unhealthy (db timeout)"));
        QCOMPARE(errorReason(r->error()), ErrorReason::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestHealthApi)
#include "tst_HealthApi.moc"
