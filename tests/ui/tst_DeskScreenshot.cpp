#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// The litellm-desk binary itself: --demo --screenshot renders the loaded window to a PNG and exits.
class TestDeskScreenshot : public QObject {
    Q_OBJECT
private slots:
    void writesAPngOfTheLoadedWindow();
    void failsWhenTheFileCannotBeWritten();
    void printsItsVersion();

private:
    static int run(const QStringList &args, QByteArray *out = nullptr);
};

int TestDeskScreenshot::run(const QStringList &args, QByteArray *out) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QTemporaryDir home;
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // keep the test's settings apart
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DESK_APP_PATH), args);
    if (!p.waitForFinished(90000))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

void TestDeskScreenshot::writesAPngOfTheLoadedWindow() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("models.png"));
    QCOMPARE(run({QStringLiteral("--demo"), QStringLiteral("--screenshot"), file}), 0);
    const QImage image(file);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800);
    QVERIFY(image.height() >= 500);
}

void TestDeskScreenshot::failsWhenTheFileCannotBeWritten() {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("no-such-dir/models.png"));
    QVERIFY(run({QStringLiteral("--demo"), QStringLiteral("--screenshot"), file}) != 0);
}

void TestDeskScreenshot::printsItsVersion() {
    QByteArray out;
    QCOMPARE(run({QStringLiteral("--version")}, &out), 0);
    QVERIFY2(out.contains(DESK_VERSION), out.constData());
}

QTEST_GUILESS_MAIN(TestDeskScreenshot)
#include "tst_DeskScreenshot.moc"
