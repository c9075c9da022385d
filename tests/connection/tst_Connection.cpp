#include "core/connection/Connection.h"

#include "core/api/ErrorReason.h"
#include "core/api/ProxyClient.h"
#include "sim/SimFault.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTest>

namespace {

// A keychain that cannot be used, as on a system without a Secret Service.
class UnavailableStore : public SecretStore {
public:
    void read(const QString &, QObject *context, ReadDone done) override {
        QTimer::singleShot(0, context, [done] { done({}, error()); });
    }
    void write(const QString &, const QString &, QObject *context, Done done) override {
        ++writes;
        QTimer::singleShot(0, context, [done] { done(error()); });
    }
    void remove(const QString &, QObject *context, Done done) override {
        QTimer::singleShot(0, context, [done] { done(error()); });
    }
    QString backendName() const override { return QStringLiteral("none"); }
    static SecretError error() {
        return {SecretError::Kind::NoBackend, QStringLiteral("No keychain is available on this system."),
                QStringLiteral("use the key for this session only")};
    }
    int writes = 0;
};

Profile profileFor(const QUrl &url) {
    Profile p;
    p.id = Profile::newId();
    p.name = QStringLiteral("Simulator");
    p.baseUrl = url;
    p.timeoutSeconds = 5;
    return p;
}

} // namespace

class TestConnection : public QObject {
    Q_OBJECT
private slots:
    void init();
    void asksForKeyThenStoresItAndConnects();
    void reusesTheStoredKey();
    void wrongKeyAsksAgain();
    void aRefusedKeyNeverReachesTheKeychain();
    void aPermissionRefusalIsNotAWrongKey();
    void aKeyIsKeptOnlyOnceTheProxyAnswers();
    void keychainUnavailableOffersSessionOnly();
    void keychainIsOfferedOnlyWhenItCanKeepTheKey_data();
    void keychainIsOfferedOnlyWhenItCanKeepTheKey();
    void logoutForgetsTheKey();
    void unreachableProxyIsANetworkError();

private:
    std::unique_ptr<Simulator> m_sim;
};

void TestConnection::init() {
    SimOptions o;
    o.keys = 20;
    o.litellmVersion = QStringLiteral("1.77.0");
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
}

void TestConnection::asksForKeyThenStoresItAndConnects() {
    MemorySecretStore keychain, session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    QSignalSpy connected(&c, &Connection::connected);
    c.open();
    QTRY_COMPARE(needs.count(), 1);
    QCOMPARE(c.state(), Connection::State::NeedsKey);
    QCOMPARE(c.keyError().kind, SecretError::Kind::NotFound);

    c.provideKey(QStringLiteral("  ") + m_sim->masterKey() + QStringLiteral("\n"),
                 Connection::KeyStorage::Keychain);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(c.state(), Connection::State::Connected);
    QCOMPARE(c.probe().readiness.litellmVersion, QStringLiteral("1.77.0"));
    QVERIFY(c.probe().caller.isMasterKey);
    QCOMPARE(c.probe().caller.role, QStringLiteral("proxy_admin"));
    QVERIFY(keychain.contains(c.profile().secretKey()));
    QVERIFY(!session.contains(c.profile().secretKey()));
    QCOMPARE(c.keyStorage(), Connection::KeyStorage::Keychain);
}

void TestConnection::reusesTheStoredKey() {
    MemorySecretStore keychain, session;
    const Profile p = profileFor(m_sim->url());
    bool written = false;
    keychain.write(p.secretKey(), m_sim->masterKey(), this, [&](SecretError) { written = true; });
    QTRY_VERIFY(written);
    Connection c(p, &keychain, &session);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    QSignalSpy connected(&c, &Connection::connected);
    c.open();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(needs.count(), 0);
}

void TestConnection::wrongKeyAsksAgain() {
    MemorySecretStore keychain, session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    c.provideKey(QStringLiteral("sk-wrong"), Connection::KeyStorage::SessionOnly);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.httpStatus, 401);
    QVERIFY(error.message.contains(u"Authentication Error"));
    QVERIFY(!error.toString().contains(u"sk-wrong"));
    QCOMPARE(needs.count(), 1);
    QCOMPARE(c.state(), Connection::State::NeedsKey);
}

// A key typed for the keychain goes there only once the proxy accepts it: a 401 leaves nothing behind,
// and the right key typed next is the one kept.
void TestConnection::aRefusedKeyNeverReachesTheKeychain() {
    MemorySecretStore keychain, session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    QSignalSpy connected(&c, &Connection::connected);
    QSignalSpy states(&c, &Connection::stateChanged);
    const auto saved = [&] {
        for (const auto &args : states)
            if (args.first().value<Connection::State>() == Connection::State::SavingKey)
                return true;
        return false;
    };
    c.provideKey(QStringLiteral("sk-wrong"), Connection::KeyStorage::Keychain);
    QTRY_COMPARE_WITH_TIMEOUT(needs.count(), 1, 10000);
    QCOMPARE(failed.first().first().value<ApiError>().httpStatus, 401);
    QVERIFY(!keychain.contains(c.profile().secretKey()));
    QVERIFY(!session.contains(c.profile().secretKey()));
    QCOMPARE(c.state(), Connection::State::NeedsKey);
    QVERIFY(!saved());
    // The keychain is offered again: it was never the problem.
    QVERIFY(c.canStoreKeyInKeychain(c.keyError(), true));

    c.provideKey(m_sim->masterKey(), Connection::KeyStorage::Keychain);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QVERIFY(saved()); // after the proxy answered, before Connected
    QCOMPARE(states.last().first().value<Connection::State>(), Connection::State::Connected);
    QVERIFY(keychain.contains(c.profile().secretKey()));
    Connection again(c.profile(), &keychain, &session);
    QSignalSpy connectedAgain(&again, &Connection::connected);
    again.open();
    QTRY_COMPARE_WITH_TIMEOUT(connectedAgain.count(), 1, 10000);
}

// 403: the proxy knew the key and refused the role a permission; the key is right and is kept.
void TestConnection::aPermissionRefusalIsNotAWrongKey() {
    SimFault forbidden;
    forbidden.path = QStringLiteral("/key/info");
    forbidden.kind = SimFault::Kind::Status;
    forbidden.arg = 403;
    m_sim->addFault(forbidden);
    MemorySecretStore keychain, session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    c.provideKey(m_sim->masterKey(), Connection::KeyStorage::Keychain);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(errorReason(failed.first().first().value<ApiError>()), ErrorReason::Forbidden);
    QVERIFY(keychain.contains(c.profile().secretKey()));
    QCOMPARE(needs.count(), 0);
    QCOMPARE(c.state(), Connection::State::Failed);
}

// A proxy that does not answer says nothing about the key: it is not stored, and is once a reconnect
// reaches the proxy.
void TestConnection::aKeyIsKeptOnlyOnceTheProxyAnswers() {
    SimFault down;
    down.path = QStringLiteral("*");
    down.kind = SimFault::Kind::Status;
    down.arg = 503;
    m_sim->addFault(down);
    MemorySecretStore keychain, session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy connected(&c, &Connection::connected);
    c.provideKey(m_sim->masterKey(), Connection::KeyStorage::Keychain);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(c.state(), Connection::State::Failed);
    QVERIFY(!keychain.contains(c.profile().secretKey()));
    m_sim->clearFaults();
    c.reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QVERIFY(keychain.contains(c.profile().secretKey()));
    QCOMPARE(c.keyStorage(), Connection::KeyStorage::Keychain);
}

void TestConnection::keychainUnavailableOffersSessionOnly() {
    UnavailableStore keychain;
    MemorySecretStore session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    QSignalSpy connected(&c, &Connection::connected);
    c.open();
    QTRY_COMPARE(needs.count(), 1);
    QVERIFY(c.keyError().keychainUnavailable());

    // Trying to store it in the keychain fails with the reason; nothing connects with a key not kept.
    c.provideKey(m_sim->masterKey(), Connection::KeyStorage::Keychain);
    QTRY_COMPARE(needs.count(), 2);
    QCOMPARE(keychain.writes, 1);
    QCOMPARE(connected.count(), 0);

    c.provideKey(m_sim->masterKey(), Connection::KeyStorage::SessionOnly);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(c.keyStorage(), Connection::KeyStorage::SessionOnly);
    QVERIFY(session.contains(c.profile().secretKey()));
    QCOMPARE(keychain.writes, 1);

    // Opening again in this session uses the session key without asking.
    Connection again(c.profile(), &keychain, &session);
    QSignalSpy connectedAgain(&again, &Connection::connected);
    again.open();
    QTRY_COMPARE_WITH_TIMEOUT(connectedAgain.count(), 1, 10000);
}

void TestConnection::keychainIsOfferedOnlyWhenItCanKeepTheKey_data() {
    QTest::addColumn<bool>("hasKeychain");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("wrongKey");
    QTest::addColumn<bool>("sessionKey"); // the refused key was typed for this session only
    QTest::addColumn<bool>("offered");
    using K = SecretError::Kind;
    QTest::newRow("no entry yet") << true << int(K::NotFound) << false << false << true;
    QTest::newRow("nothing wrong") << true << int(K::None) << false << false << true;
    QTest::newRow("unsaved profile: no keychain") << false << int(K::NotFound) << false << false << false;
    QTest::newRow("no backend") << true << int(K::NoBackend) << false << false << false;
    QTest::newRow("locked") << true << int(K::Locked) << false << false << false;
    QTest::newRow("access denied") << true << int(K::AccessDenied) << false << false << false;
    QTest::newRow("unknown failure") << true << int(K::Other) << false << false << false;
    QTest::newRow("keychain key refused") << true << int(K::None) << true << false << true;
    QTest::newRow("session key refused") << true << int(K::None) << true << true << false;
    QTest::newRow("session key, not refused") << true << int(K::None) << false << true << true;
}

void TestConnection::keychainIsOfferedOnlyWhenItCanKeepTheKey() {
    QFETCH(bool, hasKeychain);
    QFETCH(int, kind);
    QFETCH(bool, wrongKey);
    QFETCH(bool, sessionKey);
    QFETCH(bool, offered);
    MemorySecretStore keychain, session;
    Connection c(profileFor(m_sim->url()), hasKeychain ? &keychain : nullptr, &session);
    if (sessionKey) {
        QSignalSpy failed(&c, &Connection::failed);
        c.provideKey(QStringLiteral("sk-typed"), Connection::KeyStorage::SessionOnly);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(c.keyStorage(), Connection::KeyStorage::SessionOnly);
    }
    SecretError reason;
    reason.kind = SecretError::Kind(kind);
    QCOMPARE(c.canStoreKeyInKeychain(reason, wrongKey), offered);
}

void TestConnection::logoutForgetsTheKey() {
    UnavailableStore keychain;
    MemorySecretStore session;
    Connection c(profileFor(m_sim->url()), &keychain, &session);
    QSignalSpy connected(&c, &Connection::connected);
    c.provideKey(m_sim->masterKey(), Connection::KeyStorage::SessionOnly);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QVERIFY(c.client());
    c.logout();
    QCOMPARE(c.state(), Connection::State::Idle);
    QVERIFY(!c.client());
    QVERIFY(!session.contains(c.profile().secretKey()));
    QSignalSpy needs(&c, &Connection::keyNeeded);
    c.open();
    QTRY_COMPARE(needs.count(), 1);
}

void TestConnection::unreachableProxyIsANetworkError() {
    QUrl url = m_sim->url();
    m_sim.reset(); // nothing listens on that port now
    MemorySecretStore keychain, session;
    Connection c(profileFor(url), &keychain, &session);
    QSignalSpy failed(&c, &Connection::failed);
    c.provideKey(QStringLiteral("sk-any"), Connection::KeyStorage::SessionOnly);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.kind, ApiError::Kind::Network);
    QVERIFY(error.message.contains(u"connection refused"));
    QCOMPARE(c.state(), Connection::State::Failed);
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_Connection.moc"
