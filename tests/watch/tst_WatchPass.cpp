#include "core/api/ProxyClient.h"
#include "core/index/AlertStore.h"
#include "core/index/KeyIndex.h"
#include "core/roles/LeaseManager.h"
#include "core/watch/WatchPass.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// Watch passes against a simulated proxy over HTTP: each injected condition opens exactly its alert,
// once, and its end clears it; what a pass cannot read is left as it was; one pass at a time.
class TestWatchPass : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aSpikeOpensItsAlertOnceAndClears();
    void aTeamBurningTowardItsCap();
    void anExpiringLeaseClearsWhenRenewed();
    void aDatabaseOutage();
    void anUnreachableProxyLeavesTheOtherAlerts();
    void onePassAtATime();

private:
    WatchReport pass(ProxyClient *client = nullptr);
    // The alerts a pass opened, as "kind subject_type subject".
    static QStringList names(const QList<Alert> &alerts);
    void budgetsOutOfDate() { m_index->setMetaTime(QStringLiteral("budgets_read_at"), QDateTime()); }

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<KeyIndex> m_index;
    QStringList m_baseline; // what the simulator's own data raises
};

void TestWatchPass::init() {
    QVERIFY(m_dir.isValid());
    SimOptions o;
    o.keys = 400;
    o.teams = 6;
    o.users = 30;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    ClientConfig c;
    c.baseUrl = m_sim->url();
    c.timeoutMs = 5000;
    m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
    m_index = std::make_unique<KeyIndex>(
        m_dir.filePath(QStringLiteral("watch-%1.sqlite").arg(QTest::currentTestFunction())));
    QVERIFY(m_index->open());
    const WatchReport first = pass();
    QVERIFY2(first.ok, qPrintable(first.message));
    m_baseline = names(first.open);
    QCOMPARE(names(first.opened), m_baseline); // the first pass opens whatever it finds
    const WatchReport again = pass();
    QVERIFY(again.opened.isEmpty()); // and nothing twice
    QCOMPARE(names(again.open), m_baseline);
}

void TestWatchPass::cleanup() {
    m_index.reset();
    m_client.reset();
    m_sim.reset();
}

WatchReport TestWatchPass::pass(ProxyClient *client) {
    WatchPass p(client ? client : m_client.get(), *m_index);
    QSignalSpy done(&p, &WatchPass::finished);
    p.start();
    if (done.isEmpty() && !done.wait(60000))
        qFatal("the watch pass did not finish");
    return done.first().first().value<WatchReport>();
}

QStringList TestWatchPass::names(const QList<Alert> &alerts) {
    QStringList out;
    for (const Alert &a : alerts)
        out << Alert::kindName(a.kind) + u' ' + Alert::subjectTypeName(a.subjectType) + u' ' + a.subject;
    out.sort();
    return out;
}

void TestWatchPass::aSpikeOpensItsAlertOnceAndClears() {
    const QString token = m_sim->injectSpike();
    QVERIFY(!token.isEmpty());
    WatchReport r = pass();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(names(r.opened), QStringList{QStringLiteral("spend_spike key ") + token});
    const Alert spike = r.opened.first();
    QVERIFY(spike.value.value() > spike.threshold.value());
    QCOMPARE(spike.day, QDateTime::currentDateTimeUtc().date());
    QVERIFY2(spike.message.contains(QStringLiteral(" today")), qPrintable(spike.message));

    r = pass();
    QVERIFY(r.opened.isEmpty());
    QVERIFY(names(r.open).contains(QStringLiteral("spend_spike key ") + token));

    m_sim->clearSpike();
    r = pass();
    QVERIFY(r.opened.isEmpty());
    QCOMPARE(names(r.open), m_baseline);
    const QList<Alert> history = AlertStore(*m_index).history(10);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().subject, token);
    QVERIFY(history.first().clearedAt.isValid());
}

void TestWatchPass::aTeamBurningTowardItsCap() {
    const QString team = m_sim->injectTeamBurn();
    QVERIFY(!team.isEmpty());
    budgetsOutOfDate();
    WatchReport r = pass();
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(names(r.opened), QStringList{QStringLiteral("budget_forecast team ") + team});
    QVERIFY(r.opened.first().value.value() < 2.0);
    QCOMPARE(r.opened.first().threshold, 7.0);

    m_sim->clearTeamBurn();
    budgetsOutOfDate();
    r = pass();
    QCOMPARE(names(r.opened), QStringList());
    QCOMPARE(names(r.open), m_baseline);
}

void TestWatchPass::anExpiringLeaseClearsWhenRenewed() {
    const QString token = m_sim->injectExpiringLease();
    WatchReport r = pass();
    QCOMPARE(names(r.opened), QStringList{QStringLiteral("expiring key ") + token});
    QCOMPARE(r.opened.first().leaseRole, QStringLiteral("ci"));

    // Renew it as the Watch page does: the lease gets its TTL again (30 days), beyond the 7 watched.
    const KeyRecord key = m_index->key(token).value();
    LeasedKey leased{key.token,  key.keyAlias, key.userId,
                     key.teamId, key.spend,    Lease::fromKey(key.metadata, key.expires).value()};
    LeaseManager leases(m_client.get());
    QSignalSpy renewed(&leases, &LeaseManager::renewed);
    leases.renew(leased);
    QVERIFY(renewed.wait(10000));
    r = pass();
    QVERIFY(r.opened.isEmpty());
    QCOMPARE(names(r.open), m_baseline);
}

void TestWatchPass::aDatabaseOutage() {
    m_sim->setDatabaseDown(true);
    WatchReport r = pass();
    QCOMPARE(names(r.opened), QStringList{QStringLiteral("proxy_unhealthy proxy database")});
    QCOMPARE(r.opened.first().severity(), Alert::Severity::Critical);
    m_sim->setDatabaseDown(false);
    r = pass();
    QCOMPARE(names(r.open), m_baseline);
}

void TestWatchPass::anUnreachableProxyLeavesTheOtherAlerts() {
    m_sim->injectExpiringLease();
    const QStringList before = names(pass().open);
    ClientConfig c;
    c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    c.timeoutMs = 2000;
    ProxyClient gone(c, QStringLiteral("sk-x"));
    WatchReport r = pass(&gone);
    QVERIFY(r.ok);
    QCOMPARE(names(r.opened), QStringList{QStringLiteral("proxy_unhealthy proxy unreachable")});
    QStringList expected = before;
    expected << QStringLiteral("proxy_unhealthy proxy unreachable");
    expected.sort();
    QCOMPARE(names(r.open), expected); // nothing else was read, so nothing else cleared
    r = pass();
    QCOMPARE(names(r.open), before);
}

void TestWatchPass::onePassAtATime() {
    WatchPass first(m_client.get(), *m_index);
    QSignalSpy firstDone(&first, &WatchPass::finished);
    first.start();
    QVERIFY(first.isRunning());
    const WatchReport second = pass();
    QVERIFY(second.busy);
    QVERIFY(!second.ok);
    QCOMPARE(second.requests, 0);
    QVERIFY(second.message.contains(QStringLiteral("Another watch pass")));
    QVERIFY(firstDone.wait(60000));
    QVERIFY(firstDone.first().first().value<WatchReport>().ok);
    QVERIFY(pass().ok); // and free again
}

QTEST_GUILESS_MAIN(TestWatchPass)
#include "tst_WatchPass.moc"
