// The per-day table under the daily charts: every UTC day of the range, with a running total of spend.
#include "core/itemmodels/UsageDayModel.h"

#include "SimUsage.h"

#include <QAbstractItemModelTester>
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
};

QTEST_GUILESS_MAIN(TestUsageDayModel)
#include "tst_UsageDayModel.moc"
