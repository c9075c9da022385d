#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "sim/Simulator.h"
#include "ui/KeyPrompt.h"
#include "ui/MainWindow.h"
#include "ui/connections/ConnectionsDialog.h"

#include <QAction>
#include <QApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The secrets check: after a whole session of profile and key changes, no file the app may
// write (settings, data, config, cache) and no log line holds the master key or any key the user typed.
namespace {

constexpr int kTimeoutMs = 10000;
const QString kMasterKey = QStringLiteral("sk-hygiene-master-7f3a9c51");
const QString kWrongKey = QStringLiteral("sk-typed-wrong-e81b22d4");

QMutex g_logMutex;
QStringList g_log;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message) {
    QMutexLocker lock(&g_logMutex);
    g_log << QStringLiteral("%1: %2").arg(QString::fromLatin1(context.category ? context.category : ""),
                                          message);
}

template <typename T> T *child(const QObject &parent, const QString &name) {
    auto *w = parent.findChild<T *>(name);
    if (!w)
        qFatal("no child named %s", qPrintable(name));
    return w;
}

} // namespace

class TestSecretHygiene : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void aWholeSessionLeavesNoKeyBehind();

private:
    ConnectionsDialog *openConnections(MainWindow &w);
    QStringList foldersToSearch() const;

    QTemporaryDir m_dir;
};

void TestSecretHygiene::initTestCase() {
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationName(QStringLiteral("litellm-desk"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    // Everything the app logs, at every level, goes through the handler.
    qInstallMessageHandler(captureMessage);
}

QStringList TestSecretHygiene::foldersToSearch() const {
    QStringList dirs{m_dir.path()};
    for (auto location : {QStandardPaths::AppDataLocation, QStandardPaths::AppLocalDataLocation,
                          QStandardPaths::AppConfigLocation, QStandardPaths::CacheLocation,
                          QStandardPaths::GenericConfigLocation, QStandardPaths::GenericCacheLocation,
                          QStandardPaths::GenericDataLocation})
        dirs << QStandardPaths::writableLocation(location);
    return dirs;
}

ConnectionsDialog *TestSecretHygiene::openConnections(MainWindow &w) {
    child<QAction>(w, QStringLiteral("connectionsAction"))->trigger();
    ConnectionsDialog *dialog = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (dialog = w.findChild<ConnectionsDialog *>()) != nullptr && dialog->isVisible(); }))
        qFatal("the connection manager did not open");
    return dialog;
}

void TestSecretHygiene::aWholeSessionLeavesNoKeyBehind() {
    SimOptions options;
    options.masterKey = kMasterKey;
    Simulator sim(options);
    QVERIFY(sim.listen());
    QStringList typedKeys{kMasterKey, kWrongKey};
    QString settingsFile;
    {
        ProfileStore profiles; // the application's default settings, as in the app
        MemorySecretStore keychain;
        MemorySecretStore session;
        MainWindow w({&profiles, &keychain, &session, m_dir.filePath(QStringLiteral("data/roles.json"))});
        w.show();

        // Add a connection with its key and connect.
        ConnectionsDialog *dialog = openConnections(w);
        QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("addButton")), Qt::LeftButton);
        QTest::keyClicks(child<QLineEdit>(*dialog, QStringLiteral("nameEdit")), QStringLiteral("Hygiene"));
        QTest::keyClicks(child<QLineEdit>(*dialog, QStringLiteral("urlEdit")), sim.url().toString());
        QTest::keyClicks(child<QLineEdit>(*dialog, QStringLiteral("keyEdit")), kMasterKey);
        QSignalSpy settled(&w, &MainWindow::settled);
        QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("connectButton")), Qt::LeftButton);
        QVERIFY(settled.wait(kTimeoutMs));
        QCOMPARE(w.connection()->state(), Connection::State::Connected);
        const QString id = w.connection()->profile().id;

        // Change the key to a wrong one: the proxy refuses it and the prompt asks; type the right one.
        dialog = openConnections(w);
        QCOMPARE(dialog->selectedId(), id);
        QTest::keyClicks(child<QLineEdit>(*dialog, QStringLiteral("keyEdit")), kWrongKey);
        QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("connectButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(w.keyPrompt() && w.keyPrompt()->isVisible(), kTimeoutMs);
        QCOMPARE(w.keyPrompt()->reason(), KeyPrompt::Reason::WrongKey);
        QTest::keyClicks(child<QLineEdit>(*w.keyPrompt(), QStringLiteral("keyPromptEdit")), kMasterKey);
        QTest::mouseClick(child<QPushButton>(*w.keyPrompt(), QStringLiteral("keyPromptKeychainButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.connection()->state(), Connection::State::Connected, kTimeoutMs);

        // Log out, and remove the connection (its key goes from the keychain too).
        child<QAction>(w, QStringLiteral("logoutAction"))->trigger();
        QCOMPARE(w.client(), nullptr);
        // The saved connection is in the settings file, its key is not.
        settingsFile = profiles.fileName();
        {
            QSettings(settingsFile, QSettings::NativeFormat).sync();
            QFile file(settingsFile);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settingsFile));
            const QByteArray bytes = file.readAll();
            QVERIFY(bytes.contains("Hygiene"));
            for (const QString &key : typedKeys)
                QVERIFY(!bytes.contains(key.toUtf8()));
        }
        dialog = openConnections(w);
        QTimer::singleShot(0, this, [] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()) != nullptr);
            qobject_cast<QMessageBox *>(QApplication::activeModalWidget())->button(QMessageBox::Yes)->click();
        });
        QTest::mouseClick(child<QPushButton>(*dialog, QStringLiteral("removeButton")), Qt::LeftButton);
        QVERIFY(profiles.profiles().isEmpty());
        QTRY_VERIFY(!keychain.contains(QStringLiteral("profile/") + id));
        dialog->close();
    }
    qInstallMessageHandler(nullptr);

    // The settings were really written where we search, and the log really captured the session.
    int files = 0;
    bool sawSettings = false;
    QVERIFY(QFileInfo::exists(settingsFile));
    for (const QString &dir : foldersToSearch()) {
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++files;
            const QByteArray bytes = file.readAll();
            sawSettings = sawSettings ||
                          QFileInfo(file).canonicalFilePath() == QFileInfo(settingsFile).canonicalFilePath();
            for (const QString &key : typedKeys) {
                QVERIFY2(!bytes.contains(key.toUtf8()), qPrintable(file.fileName() + u" holds a key"));
                QVERIFY2(
                    !bytes.contains(QByteArray(reinterpret_cast<const char *>(key.utf16()), key.size() * 2)),
                    qPrintable(file.fileName() + u" holds a key (UTF-16)"));
                QVERIFY2(!bytes.contains(key.toUtf8().toBase64()),
                         qPrintable(file.fileName() + u" holds a key (base64)"));
            }
        }
    }
    QVERIFY2(files > 0 && sawSettings, "no settings file was found where the app writes them");

    const QString log = g_log.join(u'\n');
    QVERIFY2(log.contains(u"opening \"Hygiene\""), qPrintable(log));
    QVERIFY2(log.contains(u"logged out"), qPrintable(log));
    for (const QString &key : typedKeys)
        QVERIFY2(!log.contains(key), "the log holds a key");
}

int main(int argc, char **argv) {
    // Every level of the app's own categories, debug included, before the logging rules are read.
    qputenv("QT_LOGGING_RULES", "desk.*=true");
    QApplication app(argc, argv);
    TestSecretHygiene test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_SecretHygiene.moc"
