// The overview's key counts: the first pages of the key list by spend, counted for budget and expiry.
#include "core/keys/KeySample.h"

#include "core/api/ProxyClient.h"
#include "core/keys/KeyRisk.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <numeric>

Q_DECLARE_METATYPE(KeySampleSummary)

namespace {

KeyRecord key(std::optional<double> budget, double spend, const QDateTime &expires) {
    KeyRecord k;
    k.token = QString::number(qHash(spend + budget.value_or(0)));
    k.maxBudget = budget;
    k.spend = spend;
    k.expires = expires;
    return k;
}

// The risks of the simulator's keys, most spend first, read straight from its store.
KeySampleSummary expectedFromStore(Simulator &sim, int maxKeys) {
    QList<KeyRecord> all;
    const SimKeyStore &store = sim.data().keys();
    for (qint64 i = 0; i < store.size(); ++i)
        if (store.isLive(i))
            all << keyRecordFromJson(store.key(i).toJson(true));
    std::stable_sort(all.begin(), all.end(),
                     [](const KeyRecord &a, const KeyRecord &b) { return a.spend > b.spend; });
    all.resize(std::min<qsizetype>(all.size(), maxKeys));
    return KeySampleSummary::of(all, QDateTime::fromMSecsSinceEpoch(sim.data().nowMs(), QTimeZone::utc()));
}

} // namespace

class TestKeySample : public QObject {
    Q_OBJECT
private slots:
    void countsRisks() {
        const QDateTime now(QDate(2025, 3, 10), QTime(12, 0), QTimeZone::utc());
        const QList<KeyRecord> keys{key(10, 12, {}),                        // over
                                    key(10, 9, now.addDays(3)),             // near, expiring in 3 days
                                    key(10, 1, now.addDays(20)),            // fine, expiring day 20
                                    key(std::nullopt, 50, now.addDays(-1)), // no budget, expired
                                    key(100, 0, now.addDays(8))};           // fine, expiring in 8 days
        const KeySampleSummary s = KeySampleSummary::of(keys, now);
        QCOMPARE(s.checked, 5);
        QCOMPARE(s.overBudget, 1);
        QCOMPARE(s.nearBudget, 1);
        QCOMPARE(s.expiringSoon, 1);
        QCOMPARE(s.expiriesByDay.size(), KeySampleSummary::kHorizonDays);
        QCOMPARE(s.expiriesByDay.at(3), 1);
        QCOMPARE(s.expiriesByDay.at(8), 1);
        QCOMPARE(s.expiriesByDay.at(20), 1);
        QCOMPARE(std::accumulate(s.expiriesByDay.begin(), s.expiriesByDay.end(), 0), 3);
    }

    void readsOnlyTheFirstPagesBySpend() {
        SimOptions o;
        o.keys = 1200;
        Simulator sim(o);
        QVERIFY(sim.listen());
        ClientConfig c;
        c.baseUrl = sim.url();
        ProxyClient client(c, sim.masterKey());
        KeySample sample(&client);
        sample.setMaxKeys(250);
        sample.setClock(
            [&sim] { return QDateTime::fromMSecsSinceEpoch(sim.data().nowMs(), QTimeZone::utc()); });
        QSignalSpy done(&sample, &KeySample::finished);
        sample.start();
        QVERIFY(done.wait(20000));
        const auto s = done.first().first().value<KeySampleSummary>();
        QCOMPARE(s.checked, 250);
        QCOMPARE(s.total, 1200);
        QVERIFY(!s.complete);
        int keyListCalls = 0;
        for (const QString &path : sim.requestLog())
            if (path.startsWith(u"/key/list")) {
                ++keyListCalls;
                QVERIFY2(path.contains(u"sort_by=spend"), qPrintable(path));
            }
        QCOMPARE(keyListCalls, 3); // 100 + 100 + 100, cut to 250: never the other 950
        const KeySampleSummary expected = expectedFromStore(sim, 250);
        QCOMPARE(s.overBudget, expected.overBudget);
        QCOMPARE(s.nearBudget, expected.nearBudget);
        QCOMPARE(s.expiringSoon, expected.expiringSoon);
        QVERIFY(s.overBudget + s.nearBudget + s.expiringSoon > 0);
    }

    void aSmallProxyIsReadWhole() {
        SimOptions o;
        o.keys = 60;
        Simulator sim(o);
        QVERIFY(sim.listen());
        ClientConfig c;
        c.baseUrl = sim.url();
        ProxyClient client(c, sim.masterKey());
        KeySample sample(&client);
        QSignalSpy done(&sample, &KeySample::finished);
        sample.start();
        QVERIFY(done.wait(20000));
        const auto s = done.first().first().value<KeySampleSummary>();
        QCOMPARE(s.checked, 60);
        QVERIFY(s.complete);
    }

    void aFailureIsReported() {
        Simulator sim;
        QVERIFY(sim.listen());
        sim.addFault({QStringLiteral("/key/list"), SimFault::Kind::Status, 500, -1});
        ClientConfig c;
        c.baseUrl = sim.url();
        ProxyClient client(c, sim.masterKey());
        KeySample sample(&client);
        QSignalSpy failed(&sample, &KeySample::failed);
        QSignalSpy done(&sample, &KeySample::finished);
        sample.start();
        QVERIFY(failed.wait(20000));
        QCOMPARE(done.size(), 0);
        QVERIFY(!sample.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestKeySample)
#include "tst_KeySample.moc"
