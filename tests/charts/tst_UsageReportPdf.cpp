// The one-file PDF report of the Usage page: a page per chart with its table, readable by poppler
// (a copy goes to $DESK_SCREENSHOT_DIR when set).
#include "core/itemmodels/UsageDayModel.h"
#include "core/itemmodels/UsageTableModel.h"
#include "ui/charts/UsageCharts.h"
#include "ui/charts/UsageReportPdf.h"

#include "SimUsage.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestUsageReportPdf : public QObject {
    Q_OBJECT
private slots:
    void onePagePerChart() {
        const UsageReport report = simulatedReport(30, 200);
        UsageTableModel models;
        models.setReport(report);
        UsageTableModel keys;
        keys.setDimension(UsageReport::Dimension::Key);
        keys.setReport(report); // more rows than fit: the page says how many are left out
        UsageDayModel days;
        days.setReport(report);
        QVERIFY(keys.rowCount() > 40);

        UsageReportPdf pdf;
        pdf.heading = QStringLiteral("Usage");
        pdf.details = {QStringLiteral("Scope: everyone"), QStringLiteral("2025-03-02 to 2025-03-31 (UTC)")};
        UsageChartOptions o;
        o.theme = ChartTheme::Print;
        o.tooltips = false;
        const auto section = [&](UsageChartKind kind, const QAbstractItemModel *table, QList<int> columns) {
            pdf.sections.append(
                {[&report, kind, o] { return UsageCharts::build(kind, report, o); }, table, columns});
        };
        section(UsageChartKind::DailySpendByModel, &days, {0, 1, 3});
        section(UsageChartKind::SpendByModel, &models, {0, 2, 3, 4});
        section(UsageChartKind::TopKeys, &keys, {0, 2, 4});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        QCOMPARE(pdf.write(path), QString());
        if (const QString keep = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !keep.isEmpty())
            QCOMPARE(pdf.write(keep + QStringLiteral("/usage-report.pdf")), QString()); // to look at

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5).startsWith("%PDF-"));
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {path});
        QVERIFY(info.waitForFinished(20000));
        const QString out = QString::fromUtf8(info.readAllStandardOutput());
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("Pages:\\s+3\\n"))), qPrintable(out));
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("Page size:\\s+59[45]"))),
                 qPrintable(out)); // A4

        QProcess text;
        text.start(QStringLiteral("pdftotext"),
                   {QStringLiteral("-f"), QStringLiteral("3"), path, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(20000));
        const QString page3 = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(page3.contains(u"Top keys by spend"), qPrintable(page3));
        QVERIFY2(page3.contains(u"more rows"), qPrintable(page3));
        QVERIFY2(page3.contains(u"Page 3 of 3"), qPrintable(page3));
    }
};

QTEST_MAIN(TestUsageReportPdf)
#include "tst_UsageReportPdf.moc"
