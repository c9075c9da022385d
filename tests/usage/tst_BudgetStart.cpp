// Where a cumulative spend line against a budget starts: lifetime spend less the range's spend up to now
// for a budget that never resets; the spend since the last reset before the range for one that does;
// and a restart from 0 at a reset inside the range.
#include "core/usage/BudgetStart.h"

#include <QTest>

namespace {

const QDate kToday(2026, 12, 5);

// $1 a day from October 1st to today.
UsageReport dollarADay() {
    UsageReport r;
    r.includeRange(QDate(2026, 10, 1), kToday);
    for (QDate d(2026, 10, 1); d <= kToday; d = d.addDays(1))
        r.dayAt(d.toJulianDay()).spend = 1;
    return r;
}

budgetstart::Budget monthly() { // resets on the first of each month, next on January 1st
    return {100, 4, QStringLiteral("1mo"), QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC)};
}

} // namespace

class TestBudgetStart : public QObject {
    Q_OBJECT
private slots:
    void withoutAResetLifetimeSpendLessTheRangeToNow() {
        const budgetstart::Budget b{100, 142.55, {}, {}};
        QVERIFY(!b.resets());
        const QDate from(2026, 11, 1);
        QCOMPARE(budgetstart::fetchFrom(b, from), from);
        const auto s = budgetstart::start(b, dollarADay(), from, QDate(2026, 11, 30));
        // November 1st to today is 35 days at $1: 142.55 - 35 was already spent.
        QVERIFY(qAbs(s.spendBefore - 107.55) < 1e-9);
        QVERIFY(!s.since);
        QVERIFY(s.resets.isEmpty());
        QCOMPARE(budgetstart::describe(s), QStringLiteral("from $107.55 already spent"));
    }

    void lifetimeSpendBelowTheRangesSpendStartsFromZero() {
        const budgetstart::Budget b{100, 30, {}, {}};
        const auto s = budgetstart::start(b, dollarADay(), QDate(2026, 11, 1), QDate(2026, 11, 30));
        QCOMPARE(s.spendBefore, 0.0);
    }

    void aResetBeforeTheRangeCountsFromThatReset() {
        const budgetstart::Budget b = monthly();
        QVERIFY(b.resets());
        const QDate from(2026, 11, 5);
        QCOMPARE(budgetstart::fetchFrom(b, from), QDate(2026, 11, 1));
        const auto s = budgetstart::start(b, dollarADay(), from, QDate(2026, 11, 25));
        QCOMPARE(s.spendBefore, 4.0); // November 1st to 4th
        QCOMPARE(s.since, QDate(2026, 11, 1));
        QVERIFY(s.resets.isEmpty());
        QCOMPARE(budgetstart::describe(s), QStringLiteral("since the reset on 2026-11-01"));
    }

    void aResetOnTheFirstDayStartsFromZero() {
        const auto s = budgetstart::start(monthly(), dollarADay(), QDate(2026, 11, 1), QDate(2026, 11, 10));
        QCOMPARE(s.spendBefore, 0.0);
        QCOMPARE(s.since, QDate(2026, 11, 1));
        QVERIFY(s.resets.isEmpty());
    }

    void aResetInsideTheRangeRestartsTheLine() {
        const auto s = budgetstart::start(monthly(), dollarADay(), QDate(2026, 10, 20), QDate(2026, 11, 10));
        QCOMPARE(s.spendBefore, 19.0); // October 1st to 19th
        QCOMPARE(s.since, QDate(2026, 10, 1));
        QCOMPARE(s.resets, QList<QDate>{QDate(2026, 11, 1)});
        // On the range's last day still inside; the day after, not.
        QCOMPARE(budgetstart::resetsBetween(monthly(), QDate(2026, 10, 20), QDate(2026, 11, 1)),
                 QList<QDate>{QDate(2026, 11, 1)});
        QVERIFY(budgetstart::resetsBetween(monthly(), QDate(2026, 10, 20), QDate(2026, 10, 31)).isEmpty());
    }

    void thirtyDaysResetOnTheFirstOfEachMonth() { // as LiteLLM does
        budgetstart::Budget b = monthly();
        b.duration = QStringLiteral("30d");
        QCOMPARE(budgetstart::resetsBetween(b, QDate(2026, 9, 15), QDate(2026, 12, 5)),
                 (QList<QDate>{QDate(2026, 10, 1), QDate(2026, 11, 1), QDate(2026, 12, 1)}));
    }

    void dayDurationsStepBackInDays() {
        const budgetstart::Budget b{50, 0, QStringLiteral("7d"),
                                    QDateTime(QDate(2026, 12, 10), QTime(0, 0), Qt::UTC)};
        QCOMPARE(budgetstart::resetsBetween(b, QDate(2026, 11, 18), QDate(2026, 12, 5)),
                 (QList<QDate>{QDate(2026, 11, 19), QDate(2026, 11, 26), QDate(2026, 12, 3)}));
    }
};

QTEST_GUILESS_MAIN(TestBudgetStart)
#include "tst_BudgetStart.moc"
