// The connection header's database state: red only when the proxy says its database is down, never for
// a healthy proxy that does not report it.
#include "ui/ConnectionHeader.h"

#include "core/connection/ProxyProbe.h"

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
};

QTEST_MAIN(TestConnectionHeader)
#include "tst_ConnectionHeader.moc"
