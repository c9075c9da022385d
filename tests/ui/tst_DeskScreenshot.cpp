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
    void printsWithoutADisplay_data();
    void printsWithoutADisplay();

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

void TestDeskScreenshot::printsWithoutADisplay_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("expected"); // the whole output, or a line of it for --help
    QTest::newRow("--list-pages") << QStringLiteral("--list-pages")
                                  << QByteArray(
                                         "overview\nusage\nmodels\nkeys\nroles\nusers\nteams\nwatch\n");
    QTest::newRow("--version") << QStringLiteral("--version")
                               << QByteArray("litellm-desk " DESK_VERSION "\n");
    QTest::newRow("--help") << QStringLiteral("--help") << QByteArray("  --list-pages");
    QTest::newRow("-h") << QStringLiteral("-h") << QByteArray("  --screenshot <FILE>");
}

// A terminal without a display (an SSH session, a container, CI) still gets help, the version and the
// page names: nothing that only prints needs a window system.
void TestDeskScreenshot::printsWithoutADisplay() {
    QFETCH(QString, option);
    QFETCH(QByteArray, expected);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    QTemporaryDir home;
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DESK_APP_PATH), {option});
    QVERIFY(p.waitForFinished(30000));
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 0, err.constData());
    if (option.contains(u"help") || option == u"-h")
        QVERIFY2(out.contains(expected), out.constData());
    else
        QCOMPARE(out, expected);
}

QTEST_GUILESS_MAIN(TestDeskScreenshot)
#include "tst_DeskScreenshot.moc"
