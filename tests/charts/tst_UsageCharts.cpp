#include "core/format/Money.h"
#include "core/usage/UsageAggregator.h"
#include "ui/charts/UsageCharts.h"

#include "SimUsage.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsTextItem>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QRegularExpression>
#include <QStackedBarSeries>
#include <QTest>
#include <QValueAxis>

#include <memory>

// What the usage charts say: numbers in one format per quantity, long ranges grouped, and an empty
// range said in words.
class TestUsageCharts : public QObject {
    Q_OBJECT

    static std::unique_ptr<QChart> build(UsageChartKind kind, const UsageReport &report) {
        return std::unique_ptr<QChart>(UsageCharts::build(kind, report, UsageChartOptions()));
    }

    static QCategoryAxis *axis(QChart *chart, Qt::Alignment where) {
        const auto axes =
            chart->axes(where == Qt::AlignBottom || where == Qt::AlignTop ? Qt::Horizontal : Qt::Vertical);
        return axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis *>(axes.first());
    }

    static QStackedBarSeries *stacked(QChart *chart) {
        return qobject_cast<QStackedBarSeries *>(chart->series().value(0));
    }

    static UsageReport emptyReport() {
        UsageAggregator aggregator;
        aggregator.setRange(QDate(2026, 11, 1), QDate(2026, 11, 7));
        return aggregator.takeReport();
    }

private slots:
    // The line starts from what the budget already counted, so a scope over its budget is drawn over it,
    // and restarts from 0 at a reset inside the range.
    void cumulativeSpendStartsFromWhatTheBudgetAlreadyCounted() {
        UsageReport report;
        report.includeRange(QDate(2026, 11, 1), QDate(2026, 11, 10));
        for (QDate d(2026, 11, 1); d <= QDate(2026, 11, 10); d = d.addDays(1))
            report.dayAt(d.toJulianDay()).spend = 1;
        report.totals().spend = 10;
        report.totals().apiRequests = report.totals().successfulRequests = 10;
        UsageChartOptions o;
        o.budget = 100;
        o.spendBefore = 95;
        o.budgetBasis = QStringLiteral("from $95.00 already spent");
        std::unique_ptr<QChart> over(UsageCharts::build(UsageChartKind::CumulativeSpend, report, o));
        auto *line = qobject_cast<QLineSeries *>(over->series().value(0));
        QVERIFY(line);
        QCOMPARE(line->name(), QStringLiteral("Spend against the budget, from $95.00 already spent"));
        QCOMPARE(line->at(0).y(), 96.0);
        QCOMPARE(line->at(3).y(), 99.0);  // under the budget on November 4th
        QCOMPARE(line->at(5).y(), 101.0); // over it from the 6th
        QCOMPARE(line->at(9).y(), 105.0);
        const auto *y = qobject_cast<QValueAxis *>(over->axes(Qt::Vertical).value(0));
        QVERIFY(y && y->max() >= 105);

        o.budgetResets = {QDate(2026, 11, 6)};
        o.budgetBasis = QStringLiteral("since the reset on 2026-10-06");
        std::unique_ptr<QChart> reset(UsageCharts::build(UsageChartKind::CumulativeSpend, report, o));
        line = qobject_cast<QLineSeries *>(reset->series().value(0));
        QCOMPARE(line->at(4).y(), 100.0); // the day before the reset
        QCOMPARE(line->at(5).y(), 1.0);   // the reset's day counts from 0
        QCOMPARE(line->at(9).y(), 5.0);
    }

    void anEmptyRangeSaysSoInsteadOfAxesOfZeros() {
        const UsageReport report = emptyReport();
        for (UsageChartKind kind : {UsageChartKind::DailySpendByModel, UsageChartKind::SpendByModel,
                                    UsageChartKind::TopKeys, UsageChartKind::TokensPerDay,
                                    UsageChartKind::RequestsPerDay, UsageChartKind::CumulativeSpend}) {
            const auto chart = build(kind, report);
            QVERIFY(chart->series().isEmpty());
            QVERIFY(chart->axes().isEmpty());
            QString note;
            for (QGraphicsItem *item : chart->childItems())
                if (auto *text = dynamic_cast<QGraphicsTextItem *>(item))
                    note = text->toPlainText();
            QCOMPARE(note, u"No usage in this range"_qs);
            QCOMPARE(chart->title(), UsageCharts::title(kind));
        }
    }

    void aChartWithUsageHasNoSuchNote() {
        const auto chart = build(UsageChartKind::DailySpendByModel, simulatedReport(7, 40));
        QVERIFY(!chart->series().isEmpty());
        for (QGraphicsItem *item : chart->childItems())
            QVERIFY(!dynamic_cast<QGraphicsTextItem *>(item) ||
                    static_cast<QGraphicsTextItem *>(item)->toPlainText() != u"No usage in this range"_qs);
    }

    void longRangesAreGroupedAndTheAxisSaysSo_data() {
        QTest::addColumn<int>("days");
        QTest::addColumn<int>("bars");
        QTest::addColumn<QString>("titleStart");
        // The report ends on 2025-03-31 (a Monday).
        QTest::newRow("62 days: a bar a day") << 62 << 62 << u"Jan 29 to"_qs;
        QTest::newRow("63 days: weeks") << 63 << 10 << u"By week:"_qs;
        QTest::newRow("182 days: weeks") << 182 << 27 << u"By week:"_qs;
        QTest::newRow("183 days: months") << 183 << 7 << u"By month:"_qs;
        QTest::newRow("338 days: months") << 338 << 12 << u"By month:"_qs;
    }
    void longRangesAreGroupedAndTheAxisSaysSo() {
        QFETCH(int, days);
        QFETCH(int, bars);
        QFETCH(QString, titleStart);
        const UsageReport report = simulatedReport(days, 30);
        QCOMPARE(report.days().size(), qsizetype(days));
        const auto chart = build(UsageChartKind::DailySpendByModel, report);
        QStackedBarSeries *series = stacked(chart.get());
        QVERIFY(series);
        double drawn = 0;
        for (QBarSet *set : series->barSets()) {
            QCOMPARE(set->count(), bars);
            drawn += set->sum();
        }
        // Grouping moves spend between bars, never loses or adds any.
        QVERIFY2(qAbs(drawn - report.totals().spend) < 1e-6,
                 qPrintable(u"%1 drawn, %2 spent"_qs.arg(drawn).arg(report.totals().spend)));
        QCategoryAxis *x = axis(chart.get(), Qt::AlignBottom);
        QVERIFY(x);
        QVERIFY2(x->titleText().startsWith(titleStart), qPrintable(x->titleText()));
    }

    void moneyAxesAndBarsReadLikeTheTables() {
        const UsageReport report = simulatedReport(30, 60);
        static const QRegularExpression money(u"^\\$\\d{1,3}(,\\d{3})*\\.\\d{2}$"_qs);
        for (UsageChartKind kind : {UsageChartKind::DailySpendByModel, UsageChartKind::SpendByModel,
                                    UsageChartKind::CumulativeSpend}) {
            const auto chart = build(kind, report);
            QCategoryAxis *y = kind == UsageChartKind::SpendByModel ? axis(chart.get(), Qt::AlignBottom)
                                                                    : axis(chart.get(), Qt::AlignLeft);
            QVERIFY2(y, qPrintable(UsageCharts::title(kind)));
            QVERIFY(y->categoriesLabels().size() >= 3);
            for (const QString &label : y->categoriesLabels())
                QVERIFY2(money.match(label).hasMatch(), qPrintable(label));
            QVERIFY(y->max() >= (kind == UsageChartKind::CumulativeSpend ? report.totals().spend : 0.0));
        }
        // Each bar names its amount as the table does, with cents.
        const auto bars = build(UsageChartKind::SpendByModel, report);
        auto *series = qobject_cast<QHorizontalBarSeries *>(bars->series().value(0));
        QVERIFY(series);
        QVERIFY(!series->isLabelsVisible());
        const auto labels = qobject_cast<QBarCategoryAxis *>(bars->axes(Qt::Vertical).value(0))->categories();
        const UsageItem top = report.items(UsageReport::Dimension::Model).first();
        QVERIFY2(labels.last().trimmed().endsWith(formatUsd(top.metrics.spend)), qPrintable(labels.last()));
    }

    void countAxesAreGroupedNumbers() {
        const UsageReport report = simulatedReport(30, 60);
        const auto chart = build(UsageChartKind::TokensPerDay, report);
        QCategoryAxis *y = axis(chart.get(), Qt::AlignLeft);
        QVERIFY(y);
        static const QRegularExpression count(u"^\\d{1,3}(,\\d{3})*$"_qs);
        bool grouped = false;
        for (const QString &label : y->categoriesLabels()) {
            QVERIFY2(count.match(label).hasMatch(), qPrintable(label));
            grouped = grouped || label.contains(u',');
        }
        QVERIFY2(grouped, "a token axis of millions shows its group separators");
    }
};

QTEST_MAIN(TestUsageCharts)
#include "tst_UsageCharts.moc"
