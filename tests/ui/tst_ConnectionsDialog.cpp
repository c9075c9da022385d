#include "ui/connections/ConnectionsDialog.h"

#include "SelfSignedCertificate.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "sim/Simulator.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

namespace {

// A keychain that cannot be used, as on a system without a Secret Service.
class UnavailableStore : public SecretStore {
public:
    void read(const QString &, QObject *c, ReadDone done) override {
        QTimer::singleShot(0, c, [done] { done({}, error()); });
    }
    void write(const QString &, const QString &, QObject *c, Done done) override {
        QTimer::singleShot(0, c, [done] { done(error()); });
    }
    void remove(const QString &, QObject *c, Done done) override {
        QTimer::singleShot(0, c, [done] { done(error()); });
    }
    QString backendName() const override { return QStringLiteral("none"); }
    static SecretError error() {
        return {SecretError::Kind::NoBackend, QStringLiteral("No keychain is available on this system."),
                QStringLiteral("Install a Secret Service provider, or use the key for this session only.")};
    }
};

} // namespace

class TestConnectionsDialog : public QObject {
    Q_OBJECT
private slots:
    void init();
    void addTestAndConnect();
    void wrongKeyGivesTheAuthMessage();
    void unreachableHostGivesTheNetworkMessage();
    void keychainUnavailableOffersSessionOnly();
    void removeDeletesTheKey();
    void untrustedCertificateCanBePinned();

private:
    void fill(ConnectionsDialog &d, const QString &name, const QString &url, const QString &key);
    QString settingsFile() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProfileStore> m_profiles;
};

void TestConnectionsDialog::init() {
    QFile::remove(settingsFile());
    SimOptions o;
    o.keys = 20;
    o.litellmVersion = QStringLiteral("1.79.1");
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    m_profiles = std::make_unique<ProfileStore>(settingsFile());
}

void TestConnectionsDialog::fill(ConnectionsDialog &d, const QString &name, const QString &url,
                                 const QString &key) {
    auto *nameEdit = d.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *urlEdit = d.findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    auto *keyEdit = d.findChild<QLineEdit *>(QStringLiteral("keyEdit"));
    QVERIFY(nameEdit && urlEdit && keyEdit);
    QCOMPARE(keyEdit->echoMode(), QLineEdit::Password);
    nameEdit->clear();
    QTest::keyClicks(nameEdit, name);
    urlEdit->clear();
    QTest::keyClicks(urlEdit, url);
    keyEdit->clear();
    QTest::keyClicks(keyEdit, key);
}

void TestConnectionsDialog::addTestAndConnect() {
    MemorySecretStore keychain, session;
    ConnectionsDialog d(m_profiles.get(), &keychain, &session);
    d.show();
    fill(d, QStringLiteral("Simulator"), m_sim->url().toString(), m_sim->masterKey());
    auto *test = d.findChild<QPushButton *>(QStringLiteral("testButton"));
    QVERIFY(test->isEnabled());
    QTest::mouseClick(test, Qt::LeftButton);
    auto *result = d.findChild<QLabel *>(QStringLiteral("testResultLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(u"Connected"), 10000);
    QVERIFY(result->text().contains(u"LiteLLM 1.79.1"));
    QVERIFY(result->text().contains(u"database connected"));
    QVERIFY(result->text().contains(u"Admin (All Permissions)"));
    if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
        d.grab().save(dir + QStringLiteral("/connections-dialog.png"));

    QSignalSpy connectRequested(&d, &ConnectionsDialog::connectRequested);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QTRY_COMPARE(connectRequested.count(), 1);
    const QString id = connectRequested.first().first().toString();
    const auto saved = m_profiles->byId(id);
    QVERIFY(saved.has_value());
    QCOMPARE(saved->name, QStringLiteral("Simulator"));
    QVERIFY(keychain.contains(saved->secretKey()));
    QVERIFY(!session.contains(saved->secretKey()));
    QVERIFY(d.findChild<QLineEdit *>(QStringLiteral("keyEdit"))->text().isEmpty());
    QFile f(settingsFile());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray settings = f.readAll();
    QVERIFY(settings.contains("Simulator"));
    QVERIFY(!settings.contains(m_sim->masterKey().toUtf8()));
}

void TestConnectionsDialog::wrongKeyGivesTheAuthMessage() {
    MemorySecretStore keychain, session;
    ConnectionsDialog d(m_profiles.get(), &keychain, &session);
    d.show();
    fill(d, QStringLiteral("Wrong"), m_sim->url().toString(), QStringLiteral("sk-not-the-key"));
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    auto *result = d.findChild<QLabel *>(QStringLiteral("testResultLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"Authentication Error"), 10000);
    QVERIFY(result->text().contains(u"Check the master key"));
    QVERIFY(!result->text().contains(u"sk-not-the-key"));
}

void TestConnectionsDialog::unreachableHostGivesTheNetworkMessage() {
    const QString url = m_sim->url().toString();
    m_sim.reset();
    MemorySecretStore keychain, session;
    ConnectionsDialog d(m_profiles.get(), &keychain, &session);
    d.show();
    fill(d, QStringLiteral("Gone"), url, QStringLiteral("sk-any"));
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    auto *result = d.findChild<QLabel *>(QStringLiteral("testResultLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"connection refused"), 10000);
    QVERIFY(result->text().contains(u"Is the proxy running"));
}

void TestConnectionsDialog::keychainUnavailableOffersSessionOnly() {
    UnavailableStore keychain;
    MemorySecretStore session;
    ConnectionsDialog d(m_profiles.get(), &keychain, &session);
    d.show();
    fill(d, QStringLiteral("No keychain"), m_sim->url().toString(), m_sim->masterKey());
    QSignalSpy connectRequested(&d, &ConnectionsDialog::connectRequested);
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = d.findChild<QMessageBox *>(QStringLiteral("keychainFailedBox"))) != nullptr);
    QVERIFY(box->text().contains(u"No keychain"));
    QCOMPARE(connectRequested.count(), 0);
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("sessionOnlyButton")), Qt::LeftButton);
    QTRY_COMPARE(connectRequested.count(), 1);
    const auto saved = m_profiles->byId(connectRequested.first().first().toString());
    QVERIFY(session.contains(saved->secretKey()));
}

void TestConnectionsDialog::removeDeletesTheKey() {
    MemorySecretStore keychain, session;
    Profile p;
    p.name = QStringLiteral("Old");
    p.baseUrl = m_sim->url();
    QCOMPARE(m_profiles->save(p), QString());
    const Profile saved = m_profiles->profiles().first();
    bool written = false;
    keychain.write(saved.secretKey(), QStringLiteral("sk-old"), this, [&](SecretError) { written = true; });
    QTRY_VERIFY(written);

    ConnectionsDialog d(m_profiles.get(), &keychain, &session);
    d.show();
    QCOMPARE(d.selectedId(), saved.id);
    // Answer the confirmation when it appears.
    QTimer::singleShot(0, this, [] {
        QTRY_VERIFY(QApplication::activeModalWidget() != nullptr);
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
    QTest::mouseClick(d.findChild<QPushButton *>(QStringLiteral("removeButton")), Qt::LeftButton);
    QVERIFY(m_profiles->profiles().isEmpty());
    QTRY_VERIFY(!keychain.contains(saved.secretKey()));
}

void TestConnectionsDialog::untrustedCertificateCanBePinned() {
    // A proxy with a self-signed certificate made for the test.
    const SelfSignedCertificate tls = SelfSignedCertificate::create(m_dir.path());
    QVERIFY(!tls.isNull());
    m_sim = std::make_unique<Simulator>(SimOptions{});
    QVERIFY(m_sim->listenTls(tls.serverConfiguration()));

    MemorySecretStore keychain, session;
    ConnectionsDialog d(m_profiles.get(), &keychain, &session);
    d.show();
    fill(d, QStringLiteral("Self-signed"), m_sim->url().toString(), m_sim->masterKey());
    auto *test = d.findChild<QPushButton *>(QStringLiteral("testButton"));
    auto *result = d.findChild<QLabel *>(QStringLiteral("testResultLabel"));
    auto *pin = d.findChild<QPushButton *>(QStringLiteral("pinButton"));
    QTest::mouseClick(test, Qt::LeftButton);
    // Refused, with the certificate shown and an offer to pin it.
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"not trusted"), 10000);
    const QString sha = tls.sha256();
    QVERIFY(result->text().contains(sha));
    QVERIFY(result->text().contains(u"127.0.0.1"));
    QVERIFY(pin->isVisible());
    QTest::mouseClick(pin, Qt::LeftButton);
    QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("pinEdit"))->text(), sha);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(u"Connected"), 10000);
}

QTEST_MAIN(TestConnectionsDialog)
#include "tst_ConnectionsDialog.moc"
