#include "core/index/SyncPacer.h"

#include <QTest>

// The pace of a sync: how many requests at once and how long to wait, from latencies and failures.
class TestSyncPacer : public QObject {
    Q_OBJECT

    static ApiError httpError(int status) {
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = status;
        return e;
    }

private slots:
    void concurrencyIsOneToFour_data() {
        QTest::addColumn<int>("asked");
        QTest::addColumn<int>("allowed");
        QTest::newRow("default") << 1 << 1;
        QTest::newRow("zero") << 0 << 1;
        QTest::newRow("three") << 3 << 3;
        QTest::newRow("four") << 4 << 4;
        QTest::newRow("five") << 5 << 4;
    }
    void concurrencyIsOneToFour() {
        QFETCH(int, asked);
        QFETCH(int, allowed);
        SyncPacer p(asked);
        QCOMPARE(p.concurrency(), allowed);
        QCOMPARE(p.delayMs(), 0);
    }

    // Slower than three times the start's latency (and by 250 ms at least): one at a time, with pauses.
    void risingLatencySlowsDown() {
        SyncPacer p(4);
        p.onSuccess(100);
        p.onSuccess(300); // exactly three times: still the normal pace
        QCOMPARE(p.concurrency(), 4);
        QCOMPARE(p.delayMs(), 0);
        p.onSuccess(351); // above both thresholds
        QCOMPARE(p.concurrency(), 1);
        QCOMPARE(p.delayMs(), 351);
        p.onSuccess(900); // still slower: the pause grows
        QCOMPARE(p.delayMs(), 900);
    }

    void aFastProxyIsNotSlowForSmallJitter() {
        SyncPacer p(2);
        p.onSuccess(5);
        p.onSuccess(200); // 40 times the start, but under 250 ms more: jitter, not load
        QCOMPARE(p.concurrency(), 2);
        p.onSuccess(256);
        QCOMPARE(p.concurrency(), 1);
    }

    void aRecoveredProxyGetsItsPaceBack() {
        SyncPacer p(3);
        p.onSuccess(100);
        p.onSuccess(1000);
        QCOMPARE(p.delayMs(), 1000);
        p.onSuccess(140); // within 1.5 times the start: the pause halves
        QCOMPARE(p.delayMs(), 500);
        QCOMPARE(p.concurrency(), 1);
        for (int i = 0; i < 10; ++i)
            p.onSuccess(100);
        QCOMPARE(p.delayMs(), 0);
        QCOMPARE(p.concurrency(), 3);
    }

    void rateLimitingPausesAndSlowsDown() {
        SyncPacer p(4);
        QVERIFY(p.onFailure(httpError(429)));
        QCOMPARE(p.delayMs(), 1000);
        QCOMPARE(p.concurrency(), 1);
        QVERIFY(p.onFailure(httpError(503)));
        QCOMPARE(p.delayMs(), 2000);
        // The client already asked again after Retry-After: two more tries of the sync's own, not six.
        QCOMPARE(SyncPacer::kMaxBusyRetries, 2);
        QVERIFY(!p.onFailure(httpError(429)));
        SyncPacer gateway;
        for (int i = 0; i < SyncPacer::kMaxRetries; ++i) // a gateway's 502 is not asked again by the client
            QVERIFY(gateway.onFailure(httpError(502)));
        QVERIFY(!gateway.onFailure(httpError(502)));
    }

    void transientFailuresBackOffThenGiveUp() {
        SyncPacer p;
        ApiError timeout;
        timeout.kind = ApiError::Kind::Timeout;
        for (int i = 0; i < SyncPacer::kMaxRetries; ++i) {
            QVERIFY(p.onFailure(timeout));
            QCOMPARE(p.delayMs(), std::min<qint64>(qint64(1000) << i, 60000));
        }
        QVERIFY(!p.onFailure(timeout));
        p = SyncPacer();
        QVERIFY(p.onFailure(timeout));
        p.onSuccess(50); // a success resets the count
        for (int i = 0; i < SyncPacer::kMaxRetries; ++i)
            QVERIFY(p.onFailure(timeout));
    }

    void errorsThatRetryingCannotFixEndAtOnce() {
        SyncPacer p;
        QVERIFY(!p.onFailure(httpError(401)));
        QVERIFY(!p.onFailure(httpError(500)));
        ApiError decode;
        decode.kind = ApiError::Kind::Decode;
        QVERIFY(!p.onFailure(decode));
    }
};

QTEST_GUILESS_MAIN(TestSyncPacer)
#include "tst_SyncPacer.moc"
