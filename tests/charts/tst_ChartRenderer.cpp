// Charts written to files without a window: PNG at the asked size with real content, SVG that parses
// with the size, PDF that poppler reads.
#include "ui/charts/ChartRenderer.h"
#include "ui/charts/UsageCharts.h"

#include "SimUsage.h"

#include <QChart>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

Q_DECLARE_METATYPE(UsageChartKind)
Q_DECLARE_METATYPE(ChartTheme)

namespace {

// Distinct colours in a coarse grid of samples; a blank or one-colour image has one or two.
int distinctColours(const QImage &image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

QString pdfInfo(const QString &path, const QString &field) {
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    if (!p.waitForFinished(20000) || p.exitCode() != 0)
        return {};
    for (const QByteArray &line : p.readAllStandardOutput().split('\n'))
        if (line.startsWith(QByteArray(field.toUtf8() + ':')))
            return QString::fromUtf8(line.mid(field.size() + 1)).trimmed();
    return {};
}

} // namespace

class TestChartRenderer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    UsageReport m_report = simulatedReport(30, 150);

    std::unique_ptr<QChart> chart(UsageChartKind kind, ChartTheme theme = ChartTheme::Print) const {
        UsageChartOptions o;
        o.theme = theme;
        o.tooltips = false;
        o.budget = 1.5 * m_report.totals().spend;
        return std::unique_ptr<QChart>(UsageCharts::build(kind, m_report, o));
    }

private slots:
    void pngHasTheSizeAndContent_data() {
        QTest::addColumn<UsageChartKind>("kind");
        QTest::addColumn<ChartTheme>("theme");
        QTest::newRow("daily spend, print") << UsageChartKind::DailySpendByModel << ChartTheme::Print;
        QTest::newRow("by model, dark") << UsageChartKind::SpendByModel << ChartTheme::Dark;
        QTest::newRow("donut, light") << UsageChartKind::SpendByModelDonut << ChartTheme::Light;
        QTest::newRow("top keys") << UsageChartKind::TopKeys << ChartTheme::Print;
        QTest::newRow("tokens") << UsageChartKind::TokensPerDay << ChartTheme::Print;
        QTest::newRow("requests") << UsageChartKind::RequestsPerDay << ChartTheme::Print;
        QTest::newRow("cumulative with budget") << UsageChartKind::CumulativeSpend << ChartTheme::Print;
        QTest::newRow("by team") << UsageChartKind::SpendByEntity << ChartTheme::Light;
    }
    void pngHasTheSizeAndContent() {
        QFETCH(UsageChartKind, kind);
        QFETCH(ChartTheme, theme);
        const QString path = m_dir.filePath(QStringLiteral("%1.png").arg(QTest::currentDataTag()));
        auto c = chart(kind, theme);
        QCOMPARE(ChartRenderer::save(c.get(), path, ChartFormat::Png, QSize(900, 500)), QString());
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(900, 500));
        QVERIFY2(distinctColours(image) >= 8, qPrintable(QString::number(distinctColours(image))));
        if (theme == ChartTheme::Print)
            QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white));
        if (theme == ChartTheme::Dark)
            QVERIFY(QColor(image.pixel(2, 2)).lightness() < 100);
    }

    void svgParsesWithTheSize() {
        const QString path = m_dir.filePath(QStringLiteral("daily.svg"));
        auto c = chart(UsageChartKind::DailySpendByModel);
        QCOMPARE(ChartRenderer::save(c.get(), path, ChartFormat::Svg, QSize(1000, 600)), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        bool sawSvg = false;
        int elements = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            ++elements;
            if (xml.name() == u"svg") {
                sawSvg = true;
                QVERIFY(xml.attributes().value(QStringLiteral("viewBox")).toString() == u"0 0 1000 600");
                QVERIFY(xml.attributes().value(QStringLiteral("width")).toString().startsWith(u"1000") ||
                        xml.attributes().value(QStringLiteral("width")).toString().contains(u"mm"));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
        QVERIFY2(elements > 50, qPrintable(QString::number(elements))); // bars, labels, axes
    }

    void pdfIsOnePageOfTheSize() {
        const QString path = m_dir.filePath(QStringLiteral("keys.pdf"));
        auto c = chart(UsageChartKind::TopKeys);
        QCOMPARE(ChartRenderer::save(c.get(), path, ChartFormat::Pdf, QSize(960, 540)), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5).startsWith("%PDF-"));
        QCOMPARE(pdfInfo(path, QStringLiteral("Pages")), QStringLiteral("1"));
        // 960x540 pixels at 96 dpi is 720x405 points.
        QVERIFY2(pdfInfo(path, QStringLiteral("Page size")).startsWith(u"720 x 405"),
                 qPrintable(pdfInfo(path, QStringLiteral("Page size"))));
    }

    void aViewsChartCanBeExportedAgainAndAgain() {
        // Paint twice: the chart leaves the temporary scene each time and stays usable.
        auto c = chart(UsageChartKind::SpendByModel);
        for (int i = 0; i < 2; ++i) {
            const QString path = m_dir.filePath(QStringLiteral("again-%1.png").arg(i));
            QCOMPARE(ChartRenderer::save(c.get(), path, ChartFormat::Png, QSize(400, 300)), QString());
            QCOMPARE(QImage(path).size(), QSize(400, 300));
        }
        QVERIFY(!c->scene());
    }

    void badPathsAndSizesAreReported() {
        auto c = chart(UsageChartKind::SpendByModel);
        const QString why =
            ChartRenderer::save(c.get(), QStringLiteral("/nonexistent-dir/c.png"), ChartFormat::Png);
        QVERIFY2(why.contains(u"cannot be written"), qPrintable(why));
        QCOMPARE(ChartRenderer::parseSize(u"1600x900"), QSize(1600, 900));
        QVERIFY(!ChartRenderer::parseSize(u"16x9"));
        QVERIFY(!ChartRenderer::parseSize(u"wide"));
        QCOMPARE(ChartRenderer::formatFromPath(QStringLiteral("/tmp/a.SVG")), ChartFormat::Svg);
        QVERIFY(!ChartRenderer::formatFromPath(QStringLiteral("/tmp/a.gif")));
    }
};

QTEST_MAIN(TestChartRenderer)
#include "tst_ChartRenderer.moc"
