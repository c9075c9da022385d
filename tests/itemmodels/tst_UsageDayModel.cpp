// The per-day table under the daily charts: every UTC day of the range, with a running total of spend.
#include "core/itemmodels/UsageDayModel.h"

#include "SimUsage.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using Column = UsageDayModel::Column;

class TestUsageDayModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester() {
        UsageDayModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setReport(simulatedReport(10));
        QCOMPARE(model.rowCount(), 10);
        model.setDays({});
        QCOMPARE(model.rowCount(), 0);
    }

    void everyDayWithARunningTotal() {
        const UsageReport report = simulatedReport(21);
        UsageDayModel model;
        model.setReport(report);
        QCOMPARE(model.rowCount(), 21);
        QCOMPARE(model.index(0, int(Column::Date)).data(UsageDayModel::SortRole).toDate(),
                 QDate(2025, 3, 11));
        QCOMPARE(model.index(20, int(Column::Date)).data().toString(), QStringLiteral("2025-03-31"));
        const double last =
            model.index(20, int(Column::CumulativeSpend)).data(UsageDayModel::SortRole).toDouble();
        QVERIFY(qAbs(last - report.totals().spend) < 1e-6);
        qint64 failed = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            failed += model.index(r, int(Column::Failed)).data(UsageDayModel::SortRole).toLongLong();
        QCOMPARE(failed, report.totals().failedRequests);
        QCOMPARE(model.headerData(int(Column::Date), Qt::Horizontal).toString(), QStringLiteral("Day (UTC)"));
    }

    // Against a budget the running total starts from what the budget already counted, and a reset day
    // starts again from 0 before that day's spend; cleared, it counts from 0 again.
    void aBudgetStartMovesTheRunningTotal() {
        const UsageReport report = simulatedReport(5);
        const auto days = report.days();
        UsageDayModel model;
        model.setReport(report);
        const auto cumulative = [&](int row) {
            return model.index(row, int(Column::CumulativeSpend)).data(UsageDayModel::SortRole).toDouble();
        };
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setBudgetStart(100, {days.at(3).first}, QStringLiteral("from $100.00 already spent"));
        QCOMPARE(changed.size(), 1);
        QVERIFY(qAbs(cumulative(0) - (100 + days.at(0).second.spend)) < 1e-9);
        QVERIFY(qAbs(cumulative(2) - (100 + days.at(0).second.spend + days.at(1).second.spend +
                                      days.at(2).second.spend)) < 1e-9);
        QVERIFY(qAbs(cumulative(3) - days.at(3).second.spend) < 1e-9); // the reset day itself
        QVERIFY(qAbs(cumulative(4) - (days.at(3).second.spend + days.at(4).second.spend)) < 1e-9);
        QCOMPARE(model.headerData(int(Column::CumulativeSpend), Qt::Horizontal, Qt::ToolTipRole).toString(),
                 QStringLiteral("Spend counted against the budget, from $100.00 already spent"));
        // A new report keeps the start (the page redraws while the budget stays).
        model.setReport(report);
        QVERIFY(qAbs(cumulative(0) - (100 + days.at(0).second.spend)) < 1e-9);
        model.clearBudgetStart();
        QVERIFY(qAbs(cumulative(0) - days.at(0).second.spend) < 1e-9);
        QVERIFY(qAbs(cumulative(4) - report.totals().spend) < 1e-6);
        QCOMPARE(model.headerData(int(Column::CumulativeSpend), Qt::Horizontal, Qt::ToolTipRole).toString(),
                 QStringLiteral("Spend in the range, day by day"));
    }
};

QTEST_GUILESS_MAIN(TestUsageDayModel)
#include "tst_UsageDayModel.moc"
