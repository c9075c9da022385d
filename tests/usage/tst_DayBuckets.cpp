#include "core/usage/DayBuckets.h"

#include <QTest>

using namespace daybuckets;

// How a chart groups the days of a range: days, then weeks, then months, at fixed lengths.
class TestDayBuckets : public QObject {
    Q_OBJECT

private slots:
    void theSizeFollowsTheLength_data() {
        QTest::addColumn<qsizetype>("days");
        QTest::addColumn<Size>("size");
        QTest::newRow("one day") << qsizetype(1) << Size::Day;
        QTest::newRow("a month") << qsizetype(31) << Size::Day;
        QTest::newRow("62 days: the last of daily bars") << qsizetype(62) << Size::Day;
        QTest::newRow("63 days: weeks") << qsizetype(63) << Size::Week;
        QTest::newRow("182 days: the last of weekly bars") << qsizetype(182) << Size::Week;
        QTest::newRow("183 days: months") << qsizetype(183) << Size::Month;
        QTest::newRow("338 days") << qsizetype(338) << Size::Month;
    }
    void theSizeFollowsTheLength() {
        QFETCH(qsizetype, days);
        QFETCH(Size, size);
        QCOMPARE(sizeFor(days), size);
    }

    void weeksRunMondayToSundayCutAtTheEnds() {
        // 2026-11-04 is a Wednesday; 2026-11-20 a Friday.
        const QList<Bucket> weeks = split(QDate(2026, 11, 4), QDate(2026, 11, 20), Size::Week);
        QCOMPARE(weeks.size(), 3);
        QCOMPARE(weeks.at(0).first, QDate(2026, 11, 4));
        QCOMPARE(weeks.at(0).last, QDate(2026, 11, 8));  // Sunday
        QCOMPARE(weeks.at(1).first, QDate(2026, 11, 9)); // Monday
        QCOMPARE(weeks.at(1).last, QDate(2026, 11, 15));
        QCOMPARE(weeks.at(2).first, QDate(2026, 11, 16));
        QCOMPARE(weeks.at(2).last, QDate(2026, 11, 20));
    }

    void monthsAreCalendarMonths() {
        const QList<Bucket> months = split(QDate(2026, 1, 15), QDate(2026, 12, 18), Size::Month);
        QCOMPARE(months.size(), 12);
        QCOMPARE(months.at(0).first, QDate(2026, 1, 15));
        QCOMPARE(months.at(0).last, QDate(2026, 1, 31));
        QCOMPARE(months.at(1).first, QDate(2026, 2, 1));
        QCOMPARE(months.at(1).last, QDate(2026, 2, 28)); // not 30 days
        QCOMPARE(months.at(11).first, QDate(2026, 12, 1));
        QCOMPARE(months.at(11).last, QDate(2026, 12, 18));
    }

    void everyDayIsInExactlyOneBucket() {
        const QDate from(2025, 12, 20), to(2026, 11, 22);
        for (Size size : {Size::Day, Size::Week, Size::Month}) {
            const QList<Bucket> buckets = split(from, to, size);
            QDate next = from;
            for (const Bucket &b : buckets) {
                QCOMPARE(b.first, next);
                QVERIFY(b.last >= b.first);
                next = b.last.addDays(1);
            }
            QCOMPARE(next, to.addDays(1));
        }
    }

    void anEmptyOrBackwardRangeHasNoBuckets() {
        QVERIFY(split(QDate(2026, 5, 2), QDate(2026, 5, 1), Size::Day).isEmpty());
        QVERIFY(split(QDate(), QDate(2026, 5, 1), Size::Week).isEmpty());
        QCOMPARE(split(QDate(2026, 5, 1), QDate(2026, 5, 1), Size::Month).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDayBuckets)
#include "tst_DayBuckets.moc"
