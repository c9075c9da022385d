// The one-file PDF report of the Usage page: the grand totals first, a page per chart with its table,
// tables running on over as many pages as they need, readable by poppler (a copy goes to
// $DESK_SCREENSHOT_DIR when set).
#include "core/itemmodels/UsageDayModel.h"
#include "core/itemmodels/UsageTableModel.h"
#include "ui/charts/UsageCharts.h"
#include "ui/charts/UsageReportPdf.h"

#include "SimUsage.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString pdfText(const QString &path, int first = 0, int last = 0) {
    QStringList args;
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first);
    if (last > 0)
        args << QStringLiteral("-l") << QString::number(last);
    QProcess text;
    text.start(QStringLiteral("pdftotext"), args << path << QStringLiteral("-"));
    if (!text.waitForFinished(20000))
        return {};
    // Compatibility forms: the PDF's fonts set "ff" as one ligature.
    return QString::fromUtf8(text.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
}

int pdfPages(const QString &path) {
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), {path});
    if (!info.waitForFinished(20000))
        return -1;
    const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)\\n"))
                           .match(QString::fromUtf8(info.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

} // namespace

class TestUsageReportPdf : public QObject {
    Q_OBJECT
private slots:
    void longTablesRunOnToTheNextPages() {
        const UsageReport report = simulatedReport(30, 200);
        UsageTableModel models;
        models.setReport(report);
        UsageTableModel keys;
        keys.setDimension(UsageReport::Dimension::Key);
        keys.setReport(report); // more rows than fit on one page
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
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("Page size:\\s+59[45]"))),
                 qPrintable(out)); // A4

        // The keys table is longer than a page: it runs on, and every key is there, the last on the
        // last page.
        const int pages = pdfPages(path);
        QVERIFY2(pages > 4, qPrintable(QString::number(pages)));
        const QString all = pdfText(path);
        QVERIFY(!all.contains(u"more rows"));
        // Keys without an alias show the start of their hash, then an ellipsis.
        const auto name = [&keys](int row) { return keys.index(row, 0).data().toString().remove(u'…'); };
        for (int r = 0; r < keys.rowCount(); ++r)
            QVERIFY2(all.contains(name(r)), qPrintable(name(r)));
        const QString lastPage = pdfText(path, pages, pages);
        QVERIFY2(lastPage.contains(name(keys.rowCount() - 1)), qPrintable(lastPage));
        QVERIFY2(lastPage.contains(QStringLiteral("Page %1 of %1").arg(pages)), qPrintable(lastPage));
        const QString page3 = pdfText(path, 3, 3);
        QVERIFY2(page3.contains(u"Top keys by spend"), qPrintable(page3));
        QVERIFY2(!page3.contains(name(keys.rowCount() - 1)), qPrintable(page3));
    }

    void theFirstPageHasTheGrandTotals() {
        const UsageReport report = simulatedReport(30, 20);
        UsageTableModel models;
        models.setReport(report);
        UsageReportPdf pdf;
        pdf.heading = QStringLiteral("Usage");
        pdf.totals = {QStringLiteral("Spend $123.45 · 6,789 requests · 1,234,567 tokens · 98.7% succeeded")};
        UsageChartOptions o;
        o.theme = ChartTheme::Print;
        pdf.sections.append(
            {[&report, o] { return UsageCharts::build(UsageChartKind::SpendByModel, report, o); },
             &models,
             {0, 2}});
        pdf.sections.append(
            {[&report, o] { return UsageCharts::build(UsageChartKind::TopKeys, report, o); }, nullptr, {}});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("totals.pdf"));
        QCOMPARE(pdf.write(path), QString());
        QCOMPARE(pdfPages(path), 2);
        QVERIFY2(pdfText(path, 1, 1).contains(u"98.7% succeeded"), qPrintable(pdfText(path, 1, 1)));
        QVERIFY(!pdfText(path, 2, 2).contains(u"98.7% succeeded"));
    }
};

QTEST_MAIN(TestUsageReportPdf)
#include "tst_UsageReportPdf.moc"
