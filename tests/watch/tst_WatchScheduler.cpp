#include "core/api/ProxyClient.h"
#include "core/index/AlertStore.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"
#include "core/watch/WatchScheduler.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The background pace: a connection never watched gets a pass at once; later ones wait its interval
// after the last pass (kept in its index, so a pass by the CLI counts too).
class TestWatchScheduler : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_data.isValid());
        qputenv("XDG_DATA_HOME", m_data.path().toUtf8());
    }

    void aPassIsDueItsIntervalAfterTheLast() {
        SimOptions o;
        o.keys = 50;
        Simulator sim(o);
        QVERIFY(sim.listen());
        ClientConfig c;
        c.baseUrl = sim.url();
        c.timeoutMs = 5000;
        ProxyClient client(c, sim.masterKey());
        const QString scope = QStringLiteral("scheduler-pace");
        WatchScheduler scheduler;
        QSignalSpy passes(&scheduler, &WatchScheduler::passFinished);
        scheduler.start();
        scheduler.setTarget({scope, QStringLiteral("Sim"), &client});
        QVERIFY(passes.wait(30000)); // never watched: at once
        QCOMPARE(passes.size(), 1);

        const auto lastPassAgo = [&](int minutes) {
            KeyIndex index(IndexDatabase::pathForScope(scope));
            QVERIFY(index.open());
            QVERIFY(AlertStore(index).setLastPass(QDateTime::currentDateTimeUtc().addSecs(-60 * minutes)));
            scheduler.refresh(scope);
            scheduler.setTarget({scope, QStringLiteral("Sim"), &client}); // looks for due passes now
        };
        lastPassAgo(14); // a minute short of the default 15
        QVERIFY(!passes.wait(1000));
        QCOMPARE(passes.size(), 1);
        lastPassAgo(15);
        QVERIFY(passes.wait(30000));
        QCOMPARE(passes.size(), 2);
    }

private:
    QTemporaryDir m_data;
};

QTEST_GUILESS_MAIN(TestWatchScheduler)
#include "tst_WatchScheduler.moc"
