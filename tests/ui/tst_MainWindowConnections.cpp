#include "core/api/PeopleApi.h"
#include "core/api/ProxyClient.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "sim/Simulator.h"
#include "ui/ConnectionHeader.h"
#include "ui/KeyPrompt.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

namespace {

constexpr int kTimeoutMs = 10000;

// A keychain that cannot be used: no Secret Service, a locked keyring, or access denied.
class FailingStore : public SecretStore {
public:
    explicit FailingStore(SecretError::Kind kind)
        : m_kind(kind) {}
    void read(const QString &, QObject *c, ReadDone done) override {
        QTimer::singleShot(0, c, [done, e = error()] { done({}, e); });
    }
    void write(const QString &, const QString &, QObject *c, Done done) override {
        QTimer::singleShot(0, c, [done, e = error()] { done(e); });
    }
    void remove(const QString &, QObject *c, Done done) override {
        QTimer::singleShot(0, c, [done, e = error()] { done(e); });
    }
    QString backendName() const override { return QStringLiteral("failing"); }
    SecretError error() const {
        return {m_kind, QStringLiteral("The keychain cannot be used."), QStringLiteral("Hint.")};
    }

private:
    SecretError::Kind m_kind;
};

template <typename T> T *child(const QObject &parent, const QString &name) {
    auto *w = parent.findChild<T *>(name);
    if (!w)
        qFatal("no child named %s", qPrintable(name));
    return w;
}

} // namespace

Q_DECLARE_METATYPE(SecretError::Kind)

class TestMainWindowConnections : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensASavedProfileWithItsKeyInTheKeychain();
    void missingKeyIsAskedForAndStored();
    void unusableKeychainOffersSessionOnly_data();
    void unusableKeychainOffersSessionOnly();
    void wrongKeyShowsTheAuthMessage();
    void aTypedKeyTheProxyRefusesIsNotKept();
    void switcherConnectsToTheOtherProxy();
    void ctrlShiftPOpensTheSwitcher();
    void logoutDisconnectsAndDropsTheClient();
    void logoutWipesASessionOnlyKey();
    void lastProfileReopensInANewWindow();
    void roleGatesIssuingKeys_data();
    void roleGatesIssuingKeys();
    void removingTheOpenProfileDisconnects();
    void demoSessionSavesNothing();
    void pagesFollowTheConnection();

private:
    MainWindow *makeWindow(SecretStore *keychain = nullptr);
    QString saveProfile(const QString &name, const QString &environment, const QString &color,
                        const QUrl &url);
    void putKey(SecretStore &store, const QString &profileId, const QString &key);
    QString readKey(SecretStore &store, const QString &profileId);
    QString viewerKey(const QString &role);
    KeyPrompt *waitForPrompt(MainWindow &w);
    void connectAndSettle(MainWindow &w, const QString &profileId);
    void shoot(QWidget *widget, const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_simA;
    std::unique_ptr<Simulator> m_simB;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MemorySecretStore> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindowConnections::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMainWindowConnections::init() {
    SimOptions a;
    a.litellmVersion = QStringLiteral("1.77.1");
    a.masterKey = QStringLiteral("sk-alpha-master");
    a.models = 5;
    m_simA = std::make_unique<Simulator>(a);
    SimOptions b;
    b.litellmVersion = QStringLiteral("1.80.2");
    b.masterKey = QStringLiteral("sk-beta-master");
    b.models = 9;
    m_simB = std::make_unique<Simulator>(b);
    QVERIFY(m_simA->listen());
    QVERIFY(m_simB->listen());
    QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(QStringLiteral("settings.ini")));
    m_keychain = std::make_unique<MemorySecretStore>();
    m_session = std::make_unique<MemorySecretStore>();
}

void TestMainWindowConnections::cleanup() {
    m_window.reset();
    m_session.reset();
    m_keychain.reset();
    m_profiles.reset();
    m_simA.reset();
    m_simB.reset();
}

MainWindow *TestMainWindowConnections::makeWindow(SecretStore *keychain) {
    m_window = std::make_unique<MainWindow>(
        MainWindow::Services{m_profiles.get(), keychain ? keychain : m_keychain.get(), m_session.get(),
                             m_dir.filePath(QStringLiteral("roles.json"))});
    m_window->show();
    return m_window.get();
}

QString TestMainWindowConnections::saveProfile(const QString &name, const QString &environment,
                                               const QString &color, const QUrl &url) {
    Profile p;
    p.id = Profile::newId();
    p.name = name;
    p.environment = environment;
    p.color = color;
    p.baseUrl = url;
    p.timeoutSeconds = 5;
    const QString error = m_profiles->save(p);
    if (!error.isEmpty())
        qFatal("profile not saved: %s", qPrintable(error));
    return p.id;
}

void TestMainWindowConnections::putKey(SecretStore &store, const QString &profileId, const QString &key) {
    bool written = false;
    store.write(m_profiles->byId(profileId)->secretKey(), key, this, [&](SecretError) { written = true; });
    QTRY_VERIFY(written);
}

QString TestMainWindowConnections::readKey(SecretStore &store, const QString &profileId) {
    bool done = false;
    QString out;
    store.read(m_profiles->byId(profileId)->secretKey(), this, [&](QString key, SecretError) {
        out = key;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs))
        qWarning("the key was not read in time");
    return out;
}

// A key of a new user with `role`, made on simulator A with its master key.
QString TestMainWindowConnections::viewerKey(const QString &role) {
    ClientConfig config;
    config.baseUrl = m_simA->url();
    ProxyClient admin(config, m_simA->masterKey());
    api::NewUserRequest request;
    request.userId = QStringLiteral("user-") + role;
    request.userRole = role;
    request.autoCreateKey = true;
    QString key;
    bool done = false;
    api::newUser(admin, request, this, [&](Expected<api::NewUser> user) {
        if (user)
            key = user->key;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, kTimeoutMs))
        qWarning("the user was not made in time");
    return key;
}

KeyPrompt *TestMainWindowConnections::waitForPrompt(MainWindow &w) {
    if (!QTest::qWaitFor([&] { return w.keyPrompt() && w.keyPrompt()->isVisible(); }, kTimeoutMs))
        qFatal("no key prompt appeared");
    return w.keyPrompt();
}

void TestMainWindowConnections::connectAndSettle(MainWindow &w, const QString &profileId) {
    QSignalSpy settled(&w, &MainWindow::settled);
    QVERIFY(w.openProfile(profileId));
    QVERIFY(settled.wait(kTimeoutMs));
}

void TestMainWindowConnections::shoot(QWidget *widget, const QString &name) {
    if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
        widget->grab().save(dir + u'/' + name);
}

void TestMainWindowConnections::opensASavedProfileWithItsKeyInTheKeychain() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), QStringLiteral("#c62828"),
                                   m_simA->url());
    putKey(*m_keychain, id, m_simA->masterKey());
    MainWindow &w = *makeWindow();
    connectAndSettle(w, id);
    auto *header = child<ConnectionHeader>(w, QStringLiteral("connectionHeader"));
    QCOMPARE(header->state(), ConnectionHeader::State::Connected);
    QCOMPARE(header->profileText(), QStringLiteral("Alpha · prod"));
    QCOMPARE(header->profileColor(), QColor(QStringLiteral("#c62828")));
    // The chip is painted in the profile's colour.
    auto *chip = child<QLabel>(w, QStringLiteral("profileChip"));
    QVERIFY(chip->isVisible());
    const QImage image = chip->grab().toImage();
    QCOMPARE(image.pixelColor(image.width() - 4, image.height() / 2).name(), QStringLiteral("#c62828"));
    QCOMPARE(child<QLabel>(w, QStringLiteral("litellmVersion"))->text(), QStringLiteral("LiteLLM 1.77.1"));
    QCOMPARE(child<QLabel>(w, QStringLiteral("callerRole"))->text(),
             QStringLiteral("Admin (All Permissions)"));
    QVERIFY(w.windowTitle().startsWith(u"Alpha"));
    QCOMPARE(w.client()->baseUrl(), m_simA->url());
    QCOMPARE(m_profiles->lastUsedId(), id);
    QVERIFY(!w.keyPrompt());
}

void TestMainWindowConnections::missingKeyIsAskedForAndStored() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("dev"), {}, m_simA->url());
    MainWindow &w = *makeWindow();
    QVERIFY(w.openProfile(id));
    KeyPrompt *prompt = waitForPrompt(w);
    QCOMPARE(prompt->reason(), KeyPrompt::Reason::Missing);
    QVERIFY(child<QLabel>(*prompt, QStringLiteral("keyPromptReason"))
                ->text()
                .contains(u"No master key is saved for Alpha"));
    auto *edit = child<QLineEdit>(*prompt, QStringLiteral("keyPromptEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!prompt->findChild<QPushButton *>(QStringLiteral("keyPromptSessionButton")));
    auto *save = child<QPushButton>(*prompt, QStringLiteral("keyPromptKeychainButton"));
    QVERIFY(!save->isEnabled());
    QCOMPARE(child<ConnectionHeader>(w, QStringLiteral("connectionHeader"))->state(),
             ConnectionHeader::State::Disconnected);
    QCOMPARE(child<QLabel>(w, QStringLiteral("proxyUrl"))->text(), m_simA->url().toDisplayString());
    QTest::keyClicks(edit, m_simA->masterKey());
    shoot(&w, QStringLiteral("window-key-prompt.png"));
    shoot(prompt, QStringLiteral("key-prompt.png"));
    QSignalSpy settled(&w, &MainWindow::settled);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(settled.wait(kTimeoutMs));
    QCOMPARE(child<ConnectionHeader>(w, QStringLiteral("connectionHeader"))->state(),
             ConnectionHeader::State::Connected);
    QCOMPARE(readKey(*m_keychain, id), m_simA->masterKey());
    QVERIFY(!m_session->contains(m_profiles->byId(id)->secretKey()));
}

void TestMainWindowConnections::unusableKeychainOffersSessionOnly_data() {
    QTest::addColumn<SecretError::Kind>("kind");
    QTest::addColumn<KeyPrompt::Reason>("reason");
    QTest::addColumn<QString>("says");
    QTest::newRow("no keychain on this system")
        << SecretError::Kind::NoBackend << KeyPrompt::Reason::NoKeychain
        << QStringLiteral("No keychain is available");
    QTest::newRow("keychain locked") << SecretError::Kind::Locked << KeyPrompt::Reason::KeychainLocked
                                     << QStringLiteral("keychain is locked");
    QTest::newRow("access denied") << SecretError::Kind::AccessDenied << KeyPrompt::Reason::KeychainDenied
                                   << QStringLiteral("Access to the keychain was denied");
}

void TestMainWindowConnections::unusableKeychainOffersSessionOnly() {
    QFETCH(SecretError::Kind, kind);
    QFETCH(KeyPrompt::Reason, reason);
    QFETCH(QString, says);
    FailingStore keychain(kind);
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("dev"), {}, m_simA->url());
    MainWindow &w = *makeWindow(&keychain);
    QVERIFY(w.openProfile(id));
    KeyPrompt *prompt = waitForPrompt(w);
    QCOMPARE(prompt->reason(), reason);
    QVERIFY2(child<QLabel>(*prompt, QStringLiteral("keyPromptReason"))->text().contains(says),
             qPrintable(child<QLabel>(*prompt, QStringLiteral("keyPromptReason"))->text()));
    QVERIFY(!prompt->findChild<QPushButton *>(QStringLiteral("keyPromptKeychainButton")));
    QTest::keyClicks(child<QLineEdit>(*prompt, QStringLiteral("keyPromptEdit")), m_simA->masterKey());
    QSignalSpy settled(&w, &MainWindow::settled);
    QTest::mouseClick(child<QPushButton>(*prompt, QStringLiteral("keyPromptSessionButton")), Qt::LeftButton);
    QVERIFY(settled.wait(kTimeoutMs));
    QCOMPARE(w.connection()->state(), Connection::State::Connected);
    QVERIFY(m_session->contains(m_profiles->byId(id)->secretKey()));
}

void TestMainWindowConnections::wrongKeyShowsTheAuthMessage() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("dev"), {}, m_simA->url());
    putKey(*m_keychain, id, QStringLiteral("sk-not-the-key"));
    MainWindow &w = *makeWindow();
    QVERIFY(w.openProfile(id));
    KeyPrompt *prompt = waitForPrompt(w);
    QCOMPARE(prompt->reason(), KeyPrompt::Reason::WrongKey);
    const QString text = child<QLabel>(*prompt, QStringLiteral("keyPromptReason"))->text();
    QVERIFY2(text.contains(u"refused") && text.contains(u"authentication error"), qPrintable(text));
    QVERIFY(!text.contains(u"sk-not-the-key"));
    QCOMPARE(child<ConnectionHeader>(w, QStringLiteral("connectionHeader"))->state(),
             ConnectionHeader::State::Error);
    QVERIFY(!w.pageContext().isConnected());
    QTest::keyClicks(child<QLineEdit>(*prompt, QStringLiteral("keyPromptEdit")), m_simA->masterKey());
    QTest::mouseClick(child<QPushButton>(*prompt, QStringLiteral("keyPromptKeychainButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.connection()->state(), Connection::State::Connected, kTimeoutMs);
    QCOMPARE(readKey(*m_keychain, id), m_simA->masterKey());
}

// A key typed with "Save in Keychain and Connect" that the proxy refuses (401) never reaches the
// keychain; the prompt asks again, and the right key is the one kept.
void TestMainWindowConnections::aTypedKeyTheProxyRefusesIsNotKept() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("dev"), {}, m_simA->url());
    MainWindow &w = *makeWindow();
    QVERIFY(w.openProfile(id));
    KeyPrompt *prompt = waitForPrompt(w);
    QCOMPARE(prompt->reason(), KeyPrompt::Reason::Missing);
    QTest::keyClicks(child<QLineEdit>(*prompt, QStringLiteral("keyPromptEdit")), QStringLiteral("sk-typo"));
    QTest::mouseClick(child<QPushButton>(*prompt, QStringLiteral("keyPromptKeychainButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(w.keyPrompt() && w.keyPrompt() != prompt && w.keyPrompt()->isVisible(),
                             kTimeoutMs);
    prompt = w.keyPrompt();
    QCOMPARE(prompt->reason(), KeyPrompt::Reason::WrongKey);
    QVERIFY(prompt->offersKeychain());
    QVERIFY(!m_keychain->contains(m_profiles->byId(id)->secretKey()));
    QVERIFY(!m_session->contains(m_profiles->byId(id)->secretKey()));
    // Closing the prompt and opening the profile again asks again: nothing wrong was kept.
    prompt->reject();
    QVERIFY(w.openProfile(id));
    prompt = waitForPrompt(w);
    QCOMPARE(prompt->reason(), KeyPrompt::Reason::Missing);
    QTest::keyClicks(child<QLineEdit>(*prompt, QStringLiteral("keyPromptEdit")), m_simA->masterKey());
    QTest::mouseClick(child<QPushButton>(*prompt, QStringLiteral("keyPromptKeychainButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.connection()->state(), Connection::State::Connected, kTimeoutMs);
    QCOMPARE(readKey(*m_keychain, id), m_simA->masterKey());
}

void TestMainWindowConnections::switcherConnectsToTheOtherProxy() {
    const QString a = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), QStringLiteral("#c62828"),
                                  m_simA->url());
    const QString b = saveProfile(QStringLiteral("Beta"), QStringLiteral("staging"),
                                  QStringLiteral("#ef8f00"), m_simB->url());
    putKey(*m_keychain, a, m_simA->masterKey());
    putKey(*m_keychain, b, m_simB->masterKey());
    MainWindow &w = *makeWindow();
    connectAndSettle(w, a);
    auto *switcher = child<QToolButton>(w, QStringLiteral("profileSwitcher"));
    QAction *toBeta = nullptr;
    for (QAction *action : switcher->menu()->actions())
        if (action->data().toString() == b)
            toBeta = action;
    QVERIFY(toBeta);
    QCOMPARE(toBeta->text(), QStringLiteral("Beta · staging"));
    QVERIFY(!toBeta->isChecked());
    QSignalSpy settled(&w, &MainWindow::settled);
    toBeta->trigger();
    QVERIFY(settled.wait(kTimeoutMs));
    auto *header = child<ConnectionHeader>(w, QStringLiteral("connectionHeader"));
    QCOMPARE(header->state(), ConnectionHeader::State::Connected);
    QCOMPARE(header->profileText(), QStringLiteral("Beta · staging"));
    QCOMPARE(header->profileColor(), QColor(QStringLiteral("#ef8f00")));
    QCOMPARE(w.client()->baseUrl(), m_simB->url());
    QCOMPARE(child<QLabel>(w, QStringLiteral("litellmVersion"))->text(), QStringLiteral("LiteLLM 1.80.2"));
    QVERIFY(w.pageContext().modelNames.contains(m_simB->data().models().first().name));
    QCOMPARE(m_profiles->lastUsedId(), b);
    for (QAction *action : switcher->menu()->actions())
        if (action->data().toString() == b)
            QVERIFY(action->isChecked());
}

void TestMainWindowConnections::ctrlShiftPOpensTheSwitcher() {
    saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), {}, m_simA->url());
    MainWindow &w = *makeWindow();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QMenu *menu = child<QToolButton>(w, QStringLiteral("profileSwitcher"))->menu();
    QVERIFY(!menu->isVisible());
    QTest::keyClick(&w, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(menu->isVisible());
    QStringList texts;
    for (QAction *action : menu->actions())
        texts << action->text();
    QVERIFY2(texts.contains(QStringLiteral("Alpha · prod")), qPrintable(texts.join(u", ")));
    menu->close();
}

void TestMainWindowConnections::logoutDisconnectsAndDropsTheClient() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), {}, m_simA->url());
    putKey(*m_keychain, id, m_simA->masterKey());
    MainWindow &w = *makeWindow();
    connectAndSettle(w, id);
    QPointer<ProxyClient> client = w.client();
    QVERIFY(client);
    QVERIFY(w.pageContext().isConnected());
    auto *logout = child<QAction>(w, QStringLiteral("logoutAction"));
    QVERIFY(logout->isEnabled());
    logout->trigger();
    QCOMPARE(w.client(), nullptr);
    QTRY_VERIFY(client.isNull());
    QVERIFY(!w.pageContext().isConnected());
    auto *header = child<ConnectionHeader>(w, QStringLiteral("connectionHeader"));
    QCOMPARE(header->state(), ConnectionHeader::State::Disconnected);
    QCOMPARE(child<QLabel>(w, QStringLiteral("connectionState"))->text(), QStringLiteral("Logged out"));
    QVERIFY(!child<QAction>(w, QStringLiteral("issueKeyAction"))->isEnabled());
    // The keychain keeps its entry: F5 connects again without asking.
    QSignalSpy settled(&w, &MainWindow::settled);
    child<QAction>(w, QStringLiteral("refreshAction"))->trigger();
    QVERIFY(settled.wait(kTimeoutMs));
    QCOMPARE(header->state(), ConnectionHeader::State::Connected);
}

void TestMainWindowConnections::logoutWipesASessionOnlyKey() {
    FailingStore keychain(SecretError::Kind::NoBackend);
    const QString id = saveProfile(QStringLiteral("Alpha"), {}, {}, m_simA->url());
    MainWindow &w = *makeWindow(&keychain);
    QVERIFY(w.openProfile(id));
    KeyPrompt *prompt = waitForPrompt(w);
    QTest::keyClicks(child<QLineEdit>(*prompt, QStringLiteral("keyPromptEdit")), m_simA->masterKey());
    QTest::mouseClick(child<QPushButton>(*prompt, QStringLiteral("keyPromptSessionButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(w.connection()->state(), Connection::State::Connected, kTimeoutMs);
    const QString secretKey = m_profiles->byId(id)->secretKey();
    QVERIFY(m_session->contains(secretKey));
    child<QAction>(w, QStringLiteral("logoutAction"))->trigger();
    QVERIFY(!m_session->contains(secretKey));
    // Connecting again has to ask.
    child<QAction>(w, QStringLiteral("refreshAction"))->trigger();
    QVERIFY(waitForPrompt(w));
}

void TestMainWindowConnections::lastProfileReopensInANewWindow() {
    const QString a = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), {}, m_simA->url());
    const QString b = saveProfile(QStringLiteral("Beta"), QStringLiteral("dev"), {}, m_simB->url());
    putKey(*m_keychain, a, m_simA->masterKey());
    putKey(*m_keychain, b, m_simB->masterKey());
    connectAndSettle(*makeWindow(), b);
    m_window.reset();

    // A new run: a new store over the same settings file, a new window.
    m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(QStringLiteral("settings.ini")));
    MainWindow &w = *makeWindow();
    QSignalSpy settled(&w, &MainWindow::settled);
    QVERIFY(w.reopenLastProfile());
    QVERIFY(settled.wait(kTimeoutMs));
    QCOMPARE(child<ConnectionHeader>(w, QStringLiteral("connectionHeader"))->profileText(),
             QStringLiteral("Beta · dev"));
    QCOMPARE(w.client()->baseUrl(), m_simB->url());
}

void TestMainWindowConnections::roleGatesIssuingKeys_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("label");
    QTest::addColumn<bool>("canIssue");
    QTest::newRow("master key") << QString() << QStringLiteral("Admin (All Permissions)") << true;
    QTest::newRow("admin viewer") << QStringLiteral("proxy_admin_viewer")
                                  << QStringLiteral("Admin (View Only)") << false;
    QTest::newRow("internal user viewer")
        << QStringLiteral("internal_user_viewer") << QStringLiteral("Internal User (View Only)") << false;
    QTest::newRow("internal user") << QStringLiteral("internal_user")
                                   << QStringLiteral("Internal User (Create/Delete/View)") << true;
}

void TestMainWindowConnections::roleGatesIssuingKeys() {
    QFETCH(QString, role);
    QFETCH(QString, label);
    QFETCH(bool, canIssue);
    const QString key = role.isEmpty() ? m_simA->masterKey() : viewerKey(role);
    QVERIFY(!key.isEmpty());
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), {}, m_simA->url());
    putKey(*m_keychain, id, key);
    MainWindow &w = *makeWindow();
    auto *issue = child<QAction>(w, QStringLiteral("issueKeyAction"));
    QVERIFY(!issue->isEnabled());
    QVERIFY(issue->toolTip().contains(u"Connect"));
    connectAndSettle(w, id);
    QCOMPARE(w.connection()->state(), Connection::State::Connected);
    QCOMPARE(child<QLabel>(w, QStringLiteral("callerRole"))->text(), label);
    QCOMPARE(issue->isEnabled(), canIssue);
    if (!canIssue)
        QCOMPARE(issue->toolTip(), QStringLiteral("Your role, %1, cannot issue keys.").arg(label));
}

void TestMainWindowConnections::removingTheOpenProfileDisconnects() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), {}, m_simA->url());
    putKey(*m_keychain, id, m_simA->masterKey());
    MainWindow &w = *makeWindow();
    connectAndSettle(w, id);
    QVERIFY(m_profiles->remove(id));
    QCOMPARE(w.client(), nullptr);
    auto *header = child<ConnectionHeader>(w, QStringLiteral("connectionHeader"));
    QCOMPARE(header->state(), ConnectionHeader::State::Disconnected);
    QVERIFY(header->profileText().isEmpty());
    QVERIFY(!w.reopenLastProfile());
}

void TestMainWindowConnections::demoSessionSavesNothing() {
    MainWindow &w = *makeWindow();
    QSignalSpy settled(&w, &MainWindow::settled);
    w.openSession(MainWindow::demoProfile(m_simA->url()), m_simA->masterKey());
    QVERIFY(settled.wait(kTimeoutMs));
    auto *header = child<ConnectionHeader>(w, QStringLiteral("connectionHeader"));
    QCOMPARE(header->state(), ConnectionHeader::State::Connected);
    QCOMPARE(header->profileText(), QStringLiteral("Demo · simulator"));
    QCOMPARE(header->profileColor(), QColor(QStringLiteral("#6a1b9a")));
    QCOMPARE(w.pageContext().scope, QStringLiteral("demo"));
    QVERIFY(m_profiles->profiles().isEmpty());
    QVERIFY(m_profiles->lastUsedId().isEmpty());
    QVERIFY(!m_keychain->contains(QStringLiteral("profile/demo")));
}

void TestMainWindowConnections::pagesFollowTheConnection() {
    const QString id = saveProfile(QStringLiteral("Alpha"), QStringLiteral("prod"), {}, m_simA->url());
    putKey(*m_keychain, id, m_simA->masterKey());
    MainWindow &w = *makeWindow();
    QSignalSpy contexts(&w, &MainWindow::pageContextChanged);
    connectAndSettle(w, id);
    QVERIFY(!contexts.isEmpty());
    const PageContext last = contexts.last().first().value<PageContext>();
    QCOMPARE(last.client.data(), w.client());
    QCOMPARE(last.scope, id);
    QCOMPARE(last.caller.role, QStringLiteral("proxy_admin"));
    for (const auto &model : m_simA->data().models())
        QVERIFY2(last.modelNames.contains(model.name), qPrintable(model.name));
    child<QAction>(w, QStringLiteral("logoutAction"))->trigger();
    QVERIFY(!contexts.last().first().value<PageContext>().isConnected());
}

QTEST_MAIN(TestMainWindowConnections)
#include "tst_MainWindowConnections.moc"
