// The connection header's database state: red only when the proxy says its database is down, never for
// a healthy proxy that does not report it.
#include "ui/ConnectionHeader.h"

#include "core/connection/ProxyProbe.h"
#include "ui/TextStyle.h"

#include <QApplication>

#include <QLabel>
#include <QTest>

class TestConnectionHeader : public QObject {
    Q_OBJECT
private slots:
    void showsTheDatabaseStateAsReported_data() {
        QTest::addColumn<QString>("db");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("red");
        QTest::newRow("connected") << "connected"
                                   << "Database connected" << false;
        QTest::newRow("not reported by a newer proxy") << ""
                                                       << "Database: not reported" << false;
        QTest::newRow("disconnected") << "disconnected"
                                      << "Database: disconnected" << true;
        QTest::newRow("no database configured") << "Not connected"
                                                << "Database: Not connected" << true;
    }

    void showsTheDatabaseStateAsReported() {
        QFETCH(QString, db);
        QFETCH(QString, text);
        QFETCH(bool, red);
        ConnectionHeader header;
        ProbeResult r;
        r.alive = true;
        r.readinessKnown = true;
        r.readiness.status = QStringLiteral("healthy");
        r.readiness.db = db;
        r.callerKnown = true;
        r.caller.role = QStringLiteral("proxy_admin");
        header.setProbeResult(r);
        auto *label = header.findChild<QLabel *>(QStringLiteral("databaseState"));
        QVERIFY(label);
        QCOMPARE(label->text(), text);
        QCOMPARE(label->styleSheet().contains(u"color"), red);
    }

    // The connection state's colour comes from the palette: it reads on a light and on a dark window,
    // and follows a change of palette while the header is shown.
    void theStateColourFollowsThePalette() {
        ConnectionHeader header;
        header.show();
        ProbeResult failed;
        failed.error = ApiError::fromHttp(500, R"({"error":{"message":"down"}})");
        header.setProbeResult(failed);
        QCOMPARE(header.state(), ConnectionHeader::State::Error);
        auto *state = header.findChild<QLabel *>(QStringLiteral("connectionState"));
        auto *dot = header.findChild<QLabel *>(QStringLiteral("connectionDot"));
        const QColor onLight = textstyle::toneColor(textstyle::Tone::Error, QApplication::palette());
        QVERIFY2(state->styleSheet().contains(onLight.name()), qPrintable(state->styleSheet()));
        QVERIFY(dot->styleSheet().contains(onLight.name()));

        QPalette dark = header.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xf0, 0xf0, 0xf0));
        header.setPalette(dark);
        const QColor onDark = textstyle::toneColor(textstyle::Tone::Error, dark);
        QVERIFY(onDark != onLight);
        QTRY_VERIFY2(state->styleSheet().contains(onDark.name()), qPrintable(state->styleSheet()));
        QVERIFY(dot->styleSheet().contains(onDark.name()));

        header.setDisconnected();
        QVERIFY(!state->styleSheet().contains(onDark.name()));
    }
};

QTEST_MAIN(TestConnectionHeader)
#include "tst_ConnectionHeader.moc"
