#include "core/roles/Lease.h"

#include <QTest>
#include <QTimeZone>

class TestLease : public QObject {
    Q_OBJECT
private slots:
    void renewal_data();
    void renewal();
    void timeLeft();
};

namespace {
const QDateTime kIssued = QDateTime(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc());
}

void TestLease::renewal_data() {
    QTest::addColumn<QString>("ttl");
    QTest::addColumn<QString>("maxTtl");
    QTest::addColumn<qint64>("expiresAfterIssue"); // seconds; -1: never
    QTest::addColumn<qint64>("nowAfterIssue");
    QTest::addColumn<bool>("possible");
    QTest::addColumn<qint64>("newExpiryAfterIssue");
    QTest::addColumn<bool>("capped");

    // 1 h TTL, 1 day max: renewed at 30 min, the new expiry is now + 1 h.
    QTest::newRow("within max") << "1h"
                                << "1d" << qint64(3600) << qint64(1800) << true << qint64(5400) << false;
    // 23.5 h in: now + 1 h would pass the cap, so it stops at issue + 1 day.
    QTest::newRow("capped at max ttl")
        << "1h"
        << "1d" << qint64(84600) << qint64(84600) << true << qint64(86400) << true;
    // Already at the cap: nothing to extend.
    QTest::newRow("already at cap") << "1h"
                                    << "1d" << qint64(86400) << qint64(85000) << false << qint64(0) << false;
    // Past the cap: cannot renew.
    QTest::newRow("past max ttl") << "1h"
                                  << "1d" << qint64(86400) << qint64(90000) << false << qint64(0) << false;
    // No max: renew freely, even when expired.
    QTest::newRow("no max, expired") << "2h"
                                     << "0s" << qint64(7200) << qint64(10000) << true << qint64(17200)
                                     << false;
    // TTL 0 with a max: the key was issued to expire at the max, so nothing to renew.
    QTest::newRow("ttl 0 with max") << "0s"
                                    << "1d" << qint64(86400) << qint64(3600) << false << qint64(0) << false;
    // Both 0: never expires.
    QTest::newRow("never expires") << "0s"
                                   << "0s" << qint64(-1) << qint64(3600) << false << qint64(0) << false;
}

void TestLease::renewal() {
    QFETCH(QString, ttl);
    QFETCH(QString, maxTtl);
    QFETCH(qint64, expiresAfterIssue);
    QFETCH(qint64, nowAfterIssue);
    QFETCH(bool, possible);
    QFETCH(qint64, newExpiryAfterIssue);
    QFETCH(bool, capped);
    Lease l;
    l.role = QStringLiteral("r");
    l.issuedAt = kIssued;
    l.ttl = *Duration::parse(ttl);
    l.maxTtl = *Duration::parse(maxTtl);
    if (expiresAfterIssue >= 0)
        l.expires = kIssued.addSecs(expiresAfterIssue);
    const QDateTime now = kIssued.addSecs(nowAfterIssue);
    const RenewPlan p = planRenewal(l, now);
    QCOMPARE(p.possible, possible);
    if (!possible) {
        QVERIFY(!p.message.isEmpty());
        return;
    }
    QCOMPARE(p.newExpiry, kIssued.addSecs(newExpiryAfterIssue));
    QCOMPARE(p.duration, QString::number(newExpiryAfterIssue - nowAfterIssue) + u's');
    QCOMPARE(p.capped, capped);
    if (capped)
        QVERIFY(p.message.contains(u"maximum"));
}

void TestLease::timeLeft() {
    QCOMPARE(formatTimeLeft(std::nullopt), QStringLiteral("never"));
    QCOMPARE(formatTimeLeft(3 * 86400 + 4 * 3600 + 5), QStringLiteral("3 d 4 h"));
    QCOMPARE(formatTimeLeft(45 * 60), QStringLiteral("45 min"));
    QCOMPARE(formatTimeLeft(-2 * 3600), QStringLiteral("expired 2 h 0 min ago"));
    Lease l;
    l.expires = kIssued.addDays(3);
    QVERIFY(l.expiresWithin(kIssued, 7 * 86400));
    QVERIFY(!l.expiresWithin(kIssued, 86400));
    QVERIFY(l.isExpired(kIssued.addDays(4)));
}

QTEST_GUILESS_MAIN(TestLease)
#include "tst_Lease.moc"
