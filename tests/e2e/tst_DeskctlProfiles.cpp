// litellm-deskctl profiles against a real Secret Service (GNOME Keyring in a private D-Bus session, see
// tests/support/run-with-keyring.sh), and again with a locked keyring and with no keychain at all.
#include "DeskctlRun.h"

#include "core/connection/ProfileStore.h"
#include "sim/Simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

// The secret as the Secret Service holds it, read with libsecret's own tool.
QString keychainEntry(const QString &profileId) {
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("litellm-desk"),
             QStringLiteral("user"), QStringLiteral("profile/") + profileId});
    p.waitForFinished(10000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool keyringUnlocked() {
    return qgetenv("DESK_TEST_KEYRING") == "unlocked";
}

} // namespace

class TestDeskctlProfiles : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_config;

    QString settingsFile() const { return m_config->filePath(QStringLiteral("litellm-desk.conf")); }

    // No proxy variables; profiles live in this test's own folder.
    QProcessEnvironment env() const {
        QProcessEnvironment e = DeskctlRun::environment();
        e.insert(QStringLiteral("LITELLM_DESK_CONFIG_DIR"), m_config->path());
        return e;
    }

    DeskctlRun run(const QStringList &arguments) const { return DeskctlRun::run(arguments, env()); }

    QJsonArray listJson() const {
        const auto r = run({u"profiles"_qs, u"list"_qs, u"--format"_qs, u"json"_qs});
        if (r.exitCode != 0)
            return {};
        return QJsonDocument::fromJson(r.out).array();
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH);
        QVERIFY(!qEnvironmentVariableIsEmpty("DESK_TEST_KEYRING"));
    }

    void init() {
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
        SimOptions o;
        o.keys = 20;
        o.litellmVersion = u"1.81.0-profiles"_qs;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }

    void cleanup() {
        m_sim.reset();
        m_config.reset();
    }

    void addListTestStatusRemove() {
        if (!keyringUnlocked())
            QSKIP("needs a working keychain");
        const QString key = m_sim->masterKey();
        const QString url = m_sim->url().toString();

        auto r = DeskctlRun::runWithInput(
            {u"profiles"_qs, u"add"_qs, u"Sim Local"_qs, u"--url"_qs, url, u"--environment"_qs, u"dev"_qs},
            env(), key.toUtf8() + '\n');
        QVERIFY(r.finished);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.outText().contains(key));

        // Listed without the key, in both formats.
        const QJsonArray profiles = listJson();
        QCOMPARE(profiles.size(), 1);
        const QJsonObject p = profiles.first().toObject();
        QCOMPARE(p.value(u"name").toString(), u"Sim Local"_qs);
        QCOMPARE(p.value(u"url").toString(), url);
        QCOMPARE(p.value(u"environment").toString(), u"dev"_qs);
        QCOMPARE(p.value(u"color").toString(), Profile::defaultColor(u"dev"_qs));
        const QString id = p.value(u"id").toString();
        QVERIFY(!id.isEmpty());
        r = run({u"profiles"_qs, u"list"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"Sim Local") && r.outText().contains(url));
        QVERIFY(!r.outText().contains(key));

        // The key is in the keychain, and nowhere in the settings.
        QCOMPARE(keychainEntry(id), key);
        const QByteArray settings = readAll(settingsFile());
        QVERIFY(settings.contains("Sim Local"));
        QVERIFY(!settings.contains(key.toUtf8()));

        r = run({u"profiles"_qs, u"test"_qs, u"sim local"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.outText().contains(u"1.81.0-profiles"), r.out.constData());
        QVERIFY(r.outText().contains(u"alive"));
        QVERIFY(r.outText().contains(u"connected"));
        QVERIFY(r.outText().contains(u"master key"));

        // Any proxy command takes the profile: URL from the settings, key from the keychain.
        r = run({u"status"_qs, u"--profile"_qs, u"Sim Local"_qs, u"--format"_qs, u"json"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject status = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(status.value(u"url").toString(), url);
        QCOMPARE(status.value(u"user_role").toString(), u"proxy_admin"_qs);
        QCOMPARE(status.value(u"master_key").toBool(), true);

        // Roles belong to the profile, not to its URL; keys are issued with the keychain's key.
        r = run(
            {u"roles"_qs, u"write"_qs, u"ci"_qs, u"--ttl"_qs, u"1h"_qs, u"--profile"_qs, u"Sim Local"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({u"roles"_qs, u"list"_qs, u"--format"_qs, u"json"_qs, u"--profile"_qs, u"Sim Local"_qs});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 1);
        r = run({u"roles"_qs, u"list"_qs, u"--format"_qs, u"json"_qs, u"--url"_qs, url});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);
        r = run({u"keys"_qs, u"create"_qs, u"--role"_qs, u"ci"_qs, u"--format"_qs, u"json"_qs,
                 u"--profile"_qs, u"Sim Local"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QJsonDocument::fromJson(r.out).object().value(u"key").toString().startsWith(u"sk-"));
        // Usage reads its own options (it also works offline): the profile's key still comes from the
        // keychain.
        r = run({u"usage"_qs, u"--by"_qs, u"model"_qs, u"--format"_qs, u"json"_qs, u"--profile"_qs,
                 u"Sim Local"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QJsonDocument::fromJson(r.out).array().isEmpty());

        r = run({u"profiles"_qs, u"remove"_qs, u"Sim Local"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(keychainEntry(id), QString());
        QCOMPARE(listJson().size(), 0);
        r = run({u"status"_qs, u"--profile"_qs, u"Sim Local"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(u"no profile named \"Sim Local\""));
    }

    void missingKeySaysHowToStoreOne() {
        if (!keyringUnlocked())
            QSKIP("needs a working keychain");
        // A profile saved without a key (as the GUI does for a session-only key).
        Profile p;
        p.name = u"nokey"_qs;
        p.baseUrl = m_sim->url();
        QCOMPARE(ProfileStore(settingsFile()).save(p), QString());

        auto r = run({u"models"_qs, u"list"_qs, u"--profile"_qs, u"nokey"_qs});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.errText().contains(u"profiles edit nokey --key-from-stdin"), r.err.constData());
        QCOMPARE(r.errText().count(u'\n'), 1);
        QVERIFY(!m_sim->requestLog().join(u' ').contains(u"/model/info"));

        r = DeskctlRun::runWithInput({u"profiles"_qs, u"edit"_qs, u"nokey"_qs, u"--key-from-stdin"_qs}, env(),
                                     m_sim->masterKey().toUtf8());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({u"models"_qs, u"list"_qs, u"--profile"_qs, u"nokey"_qs, u"--format"_qs, u"json"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), m_sim->options().models);
    }

    void editChangesOnlyTheGivenFields() {
        if (!keyringUnlocked())
            QSKIP("needs a working keychain");
        auto r = DeskctlRun::runWithInput({u"profiles"_qs, u"add"_qs, u"prod"_qs, u"--url"_qs,
                                           m_sim->url().toString(), u"--environment"_qs, u"production"_qs,
                                           u"--timeout"_qs, u"12"_qs},
                                          env(), m_sim->masterKey().toUtf8());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({u"profiles"_qs, u"edit"_qs, u"prod"_qs, u"--auth-header"_qs, u"x-litellm-api-key"_qs,
                 u"--rename"_qs, u"prod-eu"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject p = listJson().first().toObject();
        QCOMPARE(p.value(u"name").toString(), u"prod-eu"_qs);
        QCOMPARE(p.value(u"auth_header").toString(), u"x-litellm-api-key"_qs);
        QCOMPARE(p.value(u"timeout_seconds").toInt(), 12);
        QCOMPARE(p.value(u"environment").toString(), u"production"_qs);
        // The key is still found under the profile's id, and sent in the new header.
        r = run({u"status"_qs, u"--profile"_qs, u"prod-eu"_qs, u"--format"_qs, u"json"_qs});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"master_key").toBool(), true);
    }

    void unusableKeychainSavesNothing() {
        if (keyringUnlocked())
            QSKIP("runs with a locked keyring or without a keychain");
        const auto r = DeskctlRun::runWithInput(
            {u"profiles"_qs, u"add"_qs, u"sim"_qs, u"--url"_qs, m_sim->url().toString()}, env(),
            m_sim->masterKey().toUtf8() + '\n');
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QByteArray());
        QVERIFY2(r.errText().contains(u"keychain", Qt::CaseInsensitive), r.err.constData());
        QVERIFY2(r.errText().contains(u"no session to keep a key in"), r.err.constData());
        QVERIFY(!r.errText().contains(u"this session only"));
        QVERIFY(!r.errText().contains(m_sim->masterKey()));
        QCOMPARE(r.errText().count(u'\n'), 1);
        QCOMPARE(listJson().size(), 0);
        QVERIFY(!readAll(settingsFile()).contains(m_sim->masterKey().toUtf8()));
    }

    void invalidProfileIsRefusedBeforeTheKey_data() {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("plain http to another machine")
            << QStringList{u"--url"_qs, u"http://10.20.30.40:4000"_qs} << u"--allow-http"_qs;
        QTest::newRow("no url") << QStringList{u"--environment"_qs, u"dev"_qs} << u"--url is required"_qs;
        QTest::newRow("colour not #rrggbb")
            << QStringList{u"--url"_qs, u"https://proxy.example"_qs, u"--color"_qs, u"red"_qs}
            << u"The colour must be written #rrggbb"_qs;
        QTest::newRow("timeout out of range")
            << QStringList{u"--url"_qs, u"https://proxy.example"_qs, u"--timeout"_qs, u"900"_qs}
            << u"The timeout must be between 1 and 600 seconds"_qs;
        QTest::newRow("pin not a fingerprint")
            << QStringList{u"--url"_qs, u"https://proxy.example"_qs, u"--pin"_qs, u"abc"_qs}
            << u"SHA-256 fingerprint"_qs;
        QTest::newRow("nothing on stdin")
            << QStringList{u"--url"_qs, u"https://proxy.example"_qs} << u"no key on stdin"_qs;
    }

    void invalidProfileIsRefusedBeforeTheKey() {
        QFETCH(QStringList, options);
        QFETCH(QString, message);
        const QByteArray input =
            message == u"no key on stdin" ? QByteArray() : QByteArray("sk-never-stored\n");
        const auto r = DeskctlRun::runWithInput(QStringList{u"profiles"_qs, u"add"_qs, u"bad"_qs} + options,
                                                env(), input);
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
        QCOMPARE(r.errText().count(u'\n'), 1);
        QCOMPARE(listJson().size(), 0);
    }

    void plainHttpAllowedWhenAsked() {
        if (!keyringUnlocked())
            QSKIP("needs a working keychain");
        const auto r = DeskctlRun::runWithInput({u"profiles"_qs, u"add"_qs, u"lan"_qs, u"--url"_qs,
                                                 u"http://10.20.30.40:4000"_qs, u"--allow-http"_qs},
                                                env(), QByteArray("sk-lan-key\n"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listJson().first().toObject().value(u"allow_http").toBool(), true);
        QVERIFY(run({u"profiles"_qs, u"remove"_qs, u"lan"_qs}).exitCode == 0);
    }
};

QTEST_GUILESS_MAIN(TestDeskctlProfiles)
#include "tst_DeskctlProfiles.moc"
