// `litellm-deskctl usage chart` as a script runs it: the built binary, no display, against a simulator
// living in this test or files saved by `usage fetch`; the files it writes are opened and checked.
#include "DeskctlRun.h"

#include "sim/Simulator.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

class TestDeskctlUsageChart : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;

    // No display and no platform chosen: the command must pick the offscreen one itself.
    static QProcessEnvironment headless(const QString &url = {}, const QString &key = {}) {
        QProcessEnvironment env = DeskctlRun::environment(url, key);
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        return env;
    }

    DeskctlRun chart(QStringList arguments) const {
        arguments = QStringList{u"usage"_qs,  u"chart"_qs,      u"--url"_qs, m_sim->url().toString(),
                                u"--from"_qs, u"2025-03-05"_qs, u"--to"_qs,  u"2025-03-28"_qs} +
                    arguments;
        return DeskctlRun::run(arguments, headless({}, m_sim->masterKey()), 60000);
    }

    static int distinctColours(const QImage &image) {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        return int(colours.size());
    }

    static QString pdfPages(const QString &path) {
        QProcess p;
        p.start(QStringLiteral("pdfinfo"), {path});
        if (!p.waitForFinished(20000))
            return {};
        for (const QByteArray &line : p.readAllStandardOutput().split('\n'))
            if (line.startsWith("Pages:"))
                return QString::fromUtf8(line.mid(6)).trimmed();
        return {};
    }

private slots:
    void initTestCase() {
        SimOptions o;
        o.today = QDate(2025, 3, 31);
        o.days = 30;
        o.keys = 120;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }

    void pngAtTheAskedSize_data() {
        QTest::addColumn<QString>("by");
        QTest::addColumn<QString>("theme");
        QTest::newRow("by model") << u"model"_qs << u"light"_qs;
        QTest::newRow("by key, dark") << u"key"_qs << u"dark"_qs;
        QTest::newRow("by day, print") << u"day"_qs << u"print"_qs;
    }
    void pngAtTheAskedSize() {
        QFETCH(QString, by);
        QFETCH(QString, theme);
        const QString out = m_dir.filePath(by + u".png"_qs);
        const DeskctlRun r =
            chart({u"--by"_qs, by, u"--out"_qs, out, u"--size"_qs, u"1000x600"_qs, u"--theme"_qs, theme});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.errText()));
        QVERIFY2(r.outText().contains(u"wrote") && r.outText().contains(u"1000x600"),
                 qPrintable(r.outText()));
        QImage image(out);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(1000, 600));
        QVERIFY2(distinctColours(image) >= 8, qPrintable(QString::number(distinctColours(image))));
        const int corner = QColor(image.pixel(3, 3)).lightness();
        QVERIFY2(theme == u"dark" ? corner < 128 : corner > 200, qPrintable(QString::number(corner)));
    }

    void svgParsesWithTheSize() {
        const QString out = m_dir.filePath(u"day.svg"_qs);
        const DeskctlRun r = chart({u"--by"_qs, u"day"_qs, u"--out"_qs, out, u"--size"_qs, u"800x450"_qs});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.errText()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        bool sawSvg = false;
        bool sawTitle = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == u"svg") {
                sawSvg = true;
                QCOMPARE(xml.attributes().value(QStringLiteral("viewBox")).toString(), u"0 0 800 450"_qs);
            }
            if (xml.isCharacters() && xml.text().contains(u"Daily spend by model"))
                sawTitle = true;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
        QVERIFY(sawTitle);
    }

    void pdfHasOnePage() {
        const QString out = m_dir.filePath(u"keys.pdf"_qs);
        const DeskctlRun r = chart({u"--by"_qs, u"key"_qs, u"--out"_qs, out});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.errText()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5).startsWith("%PDF-"));
        QCOMPARE(pdfPages(out), u"1"_qs);
    }

    void formatComesFromTheOptionOverTheSuffix() {
        const QString out = m_dir.filePath(u"chart.out"_qs);
        const DeskctlRun r = chart({u"--by"_qs, u"model"_qs, u"--out"_qs, out, u"--format"_qs, u"svg"_qs});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.errText()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("<svg"));
    }

    // A model chart names models by their public names, as the Usage page and "usage --by model" do.
    void modelsAreNamedByTheirPublicNames() {
        const QString out = m_dir.filePath(u"models.svg"_qs);
        const DeskctlRun r = chart({u"--by"_qs, u"model"_qs, u"--out"_qs, out});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.errText()));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        QVERIFY(svg.contains("claude-3-5-sonnet"));
        QVERIFY(!svg.contains("claude-3-5-sonnet-20241022"));
    }

    void fromSavedResponsesWithoutAProxy() {
        const QString saved = m_dir.filePath(u"saved.json"_qs);
        const DeskctlRun fetch =
            DeskctlRun::run({u"usage"_qs, u"fetch"_qs, u"--url"_qs, m_sim->url().toString(), u"--from"_qs,
                             u"2025-03-05"_qs, u"--to"_qs, u"2025-03-28"_qs, u"--out"_qs, saved},
                            DeskctlRun::environment({}, m_sim->masterKey()), 60000);
        QVERIFY2(fetch.finished && fetch.exitCode == 0, qPrintable(fetch.errText()));
        const QString out = m_dir.filePath(u"offline.png"_qs);
        const DeskctlRun r = DeskctlRun::run({u"usage"_qs, u"chart"_qs, u"--input"_qs, saved, u"--by"_qs,
                                              u"day"_qs, u"--out"_qs, out, u"--size"_qs, u"640x400"_qs},
                                             headless(), 60000);
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.errText()));
        QCOMPARE(QImage(out).size(), QSize(640, 400));
        QVERIFY(distinctColours(QImage(out)) >= 8);
    }

    void badOptionsSayWhatToDo_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no --by") << QStringList{u"--out"_qs, u"x.png"_qs} << u"--by is required"_qs;
        QTest::newRow("unknown chart")
            << QStringList{u"--by"_qs, u"week"_qs, u"--out"_qs, u"x.png"_qs} << u"model, key, day"_qs;
        QTest::newRow("no --out") << QStringList{u"--by"_qs, u"model"_qs} << u"--out FILE is required"_qs;
        QTest::newRow("bad size") << QStringList{u"--by"_qs,  u"model"_qs,  u"--out"_qs,
                                                 u"x.png"_qs, u"--size"_qs, u"big"_qs}
                                  << u"WIDTHxHEIGHT"_qs;
        QTest::newRow("bad format") << QStringList{u"--by"_qs, u"model"_qs,    u"--out"_qs,
                                                   u"x"_qs,    u"--format"_qs, u"gif"_qs}
                                    << u"png, svg, pdf"_qs;
        QTest::newRow("bad theme") << QStringList{u"--by"_qs,  u"model"_qs,   u"--out"_qs,
                                                  u"x.png"_qs, u"--theme"_qs, u"neon"_qs}
                                   << u"light, dark, print"_qs;
    }
    void badOptionsSayWhatToDo() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const DeskctlRun r = DeskctlRun::run(QStringList{u"usage"_qs, u"chart"_qs} + arguments,
                                             headless(u"http://127.0.0.1:9"_qs, u"sk-x"_qs));
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), qPrintable(r.errText()));
    }

    void anUnwritableFileIsAnError() {
        const DeskctlRun r = chart({u"--by"_qs, u"model"_qs, u"--out"_qs, u"/nonexistent-dir/c.png"_qs});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errText().contains(u"cannot be written"), qPrintable(r.errText()));
    }
};

QTEST_GUILESS_MAIN(TestDeskctlUsageChart)
#include "tst_DeskctlUsageChart.moc"
