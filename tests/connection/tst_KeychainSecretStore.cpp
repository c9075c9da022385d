// Runs against a real Secret Service (GNOME Keyring in a private D-Bus session, see
// tests/support/run-with-keyring.sh), and once more with no keychain at all.
#include "core/connection/KeychainSecretStore.h"

#include "core/connection/Connection.h"
#include "sim/Simulator.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

namespace {

struct ReadResult {
    bool done = false;
    QString secret;
    SecretError error;
};

ReadResult readNow(SecretStore &store, const QString &key, QObject *context) {
    ReadResult r;
    store.read(key, context, [&r](QString secret, SecretError e) {
        r.secret = secret;
        r.error = e;
        r.done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(r.done, 10000); }();
    return r;
}

SecretError writeNow(SecretStore &store, const QString &key, const QString &secret, QObject *context) {
    bool done = false;
    SecretError out;
    store.write(key, secret, context, [&](SecretError e) {
        out = e;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
    return out;
}

SecretError removeNow(SecretStore &store, const QString &key, QObject *context) {
    bool done = false;
    SecretError out;
    store.remove(key, context, [&](SecretError e) {
        out = e;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
    return out;
}

// The secret as the Secret Service itself holds it, read with libsecret's own tool.
QString lookupWithSecretTool(const QString &service, const QString &key) {
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), key});
    p.waitForFinished(10000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestKeychainSecretStore : public QObject {
    Q_OBJECT
private slots:
    void storesReadsReplacesAndDeletes();
    void missingEntryIsNotFound();
    void deletingMissingEntrySucceeds();
    void callbackSkippedWhenContextIsGone();
    void unusableKeychainSaysSoAndWritesNothing();
    void aKeyTheProxyRefusesNeverLands();
};

void TestKeychainSecretStore::storesReadsReplacesAndDeletes() {
    if (qgetenv("DESK_TEST_KEYRING") != "unlocked")
        QSKIP("runs in the keyring session only");
    KeychainSecretStore store(QStringLiteral("litellm-desk-test"));
    QObject ctx;
    const QString key = QStringLiteral("profile/abc");

    QVERIFY(writeNow(store, key, QStringLiteral("sk-first-secret"), &ctx).ok());
    auto r = readNow(store, key, &ctx);
    QVERIFY2(r.error.ok(), qPrintable(r.error.message));
    QCOMPARE(r.secret, QStringLiteral("sk-first-secret"));
    // It really is in the Secret Service, under our service name.
    QVERIFY(lookupWithSecretTool(QStringLiteral("litellm-desk-test"), key).contains(u"sk-first-secret"));

    QVERIFY(writeNow(store, key, QStringLiteral("sk-second-secret"), &ctx).ok());
    r = readNow(store, key, &ctx);
    QCOMPARE(r.secret, QStringLiteral("sk-second-secret"));
    QVERIFY(!lookupWithSecretTool(QStringLiteral("litellm-desk-test"), key).contains(u"sk-first-secret"));

    QVERIFY(removeNow(store, key, &ctx).ok());
    r = readNow(store, key, &ctx);
    QCOMPARE(r.error.kind, SecretError::Kind::NotFound);
    QVERIFY(r.secret.isEmpty());
}

void TestKeychainSecretStore::missingEntryIsNotFound() {
    if (qgetenv("DESK_TEST_KEYRING") != "unlocked")
        QSKIP("runs in the keyring session only");
    KeychainSecretStore store(QStringLiteral("litellm-desk-test"));
    QObject ctx;
    const auto r = readNow(store, QStringLiteral("profile/never-written"), &ctx);
    QCOMPARE(r.error.kind, SecretError::Kind::NotFound);
    QVERIFY(!r.error.message.isEmpty());
    QVERIFY(!r.error.hint.isEmpty());
}

void TestKeychainSecretStore::deletingMissingEntrySucceeds() {
    if (qgetenv("DESK_TEST_KEYRING") != "unlocked")
        QSKIP("runs in the keyring session only");
    KeychainSecretStore store(QStringLiteral("litellm-desk-test"));
    QObject ctx;
    QVERIFY(removeNow(store, QStringLiteral("profile/not-there"), &ctx).ok());
}

void TestKeychainSecretStore::callbackSkippedWhenContextIsGone() {
    if (qgetenv("DESK_TEST_KEYRING") != "unlocked")
        QSKIP("runs in the keyring session only");
    KeychainSecretStore store(QStringLiteral("litellm-desk-test"));
    bool called = false;
    {
        QObject ctx;
        store.read(QStringLiteral("profile/x"), &ctx, [&](QString, SecretError) { called = true; });
    }
    // A later job on the same store finishing proves the first one has finished too.
    QObject ctx2;
    QVERIFY(removeNow(store, QStringLiteral("profile/y"), &ctx2).ok());
    QTest::qWait(0);
    QVERIFY(!called);
}

// A master key typed for the keychain reaches the Secret Service only once the proxy accepted it.
void TestKeychainSecretStore::aKeyTheProxyRefusesNeverLands() {
    const bool usable = qgetenv("DESK_TEST_KEYRING") == "unlocked";
    Simulator sim;
    QVERIFY(sim.listen());
    Profile profile;
    profile.id = Profile::newId();
    profile.name = QStringLiteral("Simulator");
    profile.baseUrl = sim.url();
    profile.timeoutSeconds = 10;
    KeychainSecretStore keychain(QStringLiteral("litellm-desk-test"));
    MemorySecretStore session;
    Connection c(profile, &keychain, &session);
    QSignalSpy needs(&c, &Connection::keyNeeded);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy connected(&c, &Connection::connected);

    c.provideKey(QStringLiteral("sk-refused-by-the-proxy"), Connection::KeyStorage::Keychain);
    QTRY_COMPARE_WITH_TIMEOUT(needs.count(), 1, 10000);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().value<ApiError>().httpStatus, 401);
    QVERIFY(lookupWithSecretTool(QStringLiteral("litellm-desk-test"), profile.secretKey()).isEmpty());
    QObject ctx;
    QVERIFY(readNow(keychain, profile.secretKey(), &ctx).secret.isEmpty());

    c.provideKey(sim.masterKey(), Connection::KeyStorage::Keychain);
    if (usable) {
        QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
        QCOMPARE(lookupWithSecretTool(QStringLiteral("litellm-desk-test"), profile.secretKey()),
                 sim.masterKey());
        QVERIFY(removeNow(keychain, profile.secretKey(), &ctx).ok());
    } else {
        // Accepted, but the keychain cannot keep it: the user is asked to choose this session only.
        QTRY_COMPARE_WITH_TIMEOUT(needs.count(), 2, 10000);
        QVERIFY(c.keyError().keychainUnavailable());
        QCOMPARE(connected.count(), 0);
    }
}

void TestKeychainSecretStore::unusableKeychainSaysSoAndWritesNothing() {
    const QByteArray mode = qgetenv("DESK_TEST_KEYRING");
    if (mode != "none" && mode != "locked")
        QSKIP("runs in the sessions without a usable keychain only");
    KeychainSecretStore store(QStringLiteral("litellm-desk-test"));
    QObject ctx;
    const SecretError w =
        writeNow(store, QStringLiteral("profile/abc"), QStringLiteral("sk-must-not-land"), &ctx);
    QVERIFY(!w.ok());
    QVERIFY2(w.keychainUnavailable(), qPrintable(w.message));
    QCOMPARE(w.kind, mode == "none" ? SecretError::Kind::NoBackend : SecretError::Kind::Locked);
    // The hint says what to do about the keychain; a session-only key is the front end's offer.
    QVERIFY2(w.hint.contains(mode == "none" ? u"Secret Service" : u"Unlock"), qPrintable(w.hint));
    QVERIFY(!w.hint.contains(u"session only"));
    const auto r = readNow(store, QStringLiteral("profile/abc"), &ctx);
    QVERIFY(!r.error.ok());
    QVERIFY(r.secret.isEmpty());
    // No plaintext fallback: nothing under the home or config folders holds the secret.
    QProcess grep;
    grep.start(QStringLiteral("grep"),
               {QStringLiteral("-rl"), QStringLiteral("sk-must-not-land"), qEnvironmentVariable("HOME"),
                qEnvironmentVariable("XDG_CONFIG_HOME"), qEnvironmentVariable("XDG_DATA_HOME")});
    QVERIFY(grep.waitForFinished(10000));
    QCOMPARE(QString::fromUtf8(grep.readAllStandardOutput()), QString());
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_KeychainSecretStore.moc"
