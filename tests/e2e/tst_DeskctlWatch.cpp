// litellm-deskctl watch against a simulator: exit codes, the JSON scripts read, rules files, alerts that
// open once and clear, and the webhook (kept in a real Secret Service, see run-with-keyring.sh).
#include "DeskctlRun.h"

#include "CannedServer.h"

#include "sim/Simulator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

bool keyringUnlocked() {
    return qgetenv("DESK_TEST_KEYRING") == "unlocked";
}

} // namespace

class TestDeskctlWatch : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;

    QProcessEnvironment env(bool withProxy = true) const {
        QProcessEnvironment e = withProxy
                                    ? DeskctlRun::environment(m_sim->url().toString(), m_sim->masterKey())
                                    : DeskctlRun::environment();
        e.insert(QStringLiteral("LITELLM_DESK_CONFIG_DIR"), m_dir->filePath(QStringLiteral("config")));
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
        return e;
    }
    DeskctlRun watch(QStringList more = {}) const {
        return DeskctlRun::run(QStringList{u"watch"_qs, u"--once"_qs} + more, env(), 60000);
    }
    QString rulesFile(const QByteArray &json) const {
        const QString path = m_dir->filePath(QStringLiteral("rules-%1.json").arg(qHash(json)));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(json);
        return path;
    }
    // "kind subject_type subject" of each alert in a JSON run.
    static QStringList names(const DeskctlRun &r) {
        QStringList out;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array()) {
            const QJsonObject o = v.toObject();
            out << o.value(u"kind").toString() + u' ' + o.value(u"subject_type").toString() + u' ' +
                       o.value(u"subject").toString();
        }
        out.sort();
        return out;
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }

    void init() {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        SimOptions o;
        o.keys = 400;
        o.teams = 6;
        o.users = 30;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }

    void cleanup() {
        m_sim.reset();
        m_dir.reset();
    }

    // No alerts: 0; some: 10, printed. Health only, so the simulator's own data raises nothing.
    void exitCodesSayWhetherThereAreAlerts() {
        const QString healthOnly = rulesFile(R"({"spikes": false, "budgets": false, "expiry": false})");
        DeskctlRun r = watch({u"--rules"_qs, healthOnly});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().startsWith(QStringLiteral("No alerts (")), r.out.constData());

        m_sim->setDatabaseDown(true);
        r = watch({u"--rules"_qs, healthOnly, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 10);
        QCOMPARE(r.err, QByteArray());
        const QJsonArray alerts = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(alerts.size(), 1);
        const QJsonObject a = alerts.first().toObject();
        QCOMPARE(a.value(u"kind").toString(), QStringLiteral("proxy_unhealthy"));
        QCOMPARE(a.value(u"subject_type").toString(), QStringLiteral("proxy"));
        QCOMPARE(a.value(u"subject").toString(), QStringLiteral("database"));
        for (const char *field : {"subject_name", "value", "threshold", "message", "since"})
            QVERIFY2(a.contains(QLatin1String(field)), field);
        QVERIFY(a.value(u"since").toString().endsWith(u'Z'));

        m_sim->setDatabaseDown(false);
        QCOMPARE(watch({u"--rules"_qs, healthOnly}).exitCode, 0); // cleared
    }

    void anInjectedSpikeIsListedUntilItEnds() {
        const DeskctlRun before = watch({u"--format"_qs, u"json"_qs});
        QVERIFY(before.exitCode == 0 || before.exitCode == 10);
        const QString token = m_sim->injectSpike();
        QVERIFY(!token.isEmpty());
        DeskctlRun r = watch({u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 10);
        QStringList expected = names(before);
        expected << QStringLiteral("spend_spike key ") + token;
        expected.sort();
        QCOMPARE(names(r), expected);
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out).array())
            if (v[u"subject"].toString() == token) {
                QVERIFY(v[u"value"].toDouble() > v[u"threshold"].toDouble());
                QVERIFY(!v[u"subject_name"].toString().isEmpty());
            }
        m_sim->clearSpike();
        QCOMPARE(names(watch({u"--format"_qs, u"json"_qs})), names(before));
    }

    void rulesFilesAreCheckedBeforeAnyRequest() {
        const qint64 served = m_sim->requestsServed();
        DeskctlRun r = watch({u"--rules"_qs, rulesFile(R"({"expiry_dayz": 3})")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("unknown rule \"expiry_dayz\"")), r.err.constData());
        r = watch({u"--rules"_qs, rulesFile("{not json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("is not a JSON object of rules")), r.err.constData());
        r = watch({u"--rules"_qs, m_dir->filePath(QStringLiteral("missing.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("could not be read")), r.err.constData());
        QCOMPARE(m_sim->requestsServed(), served);
    }

    void anUnreachableProxyIsAnAlert() {
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("LITELLM_PROXY_URL"), QStringLiteral("http://127.0.0.1:1"));
        const DeskctlRun r =
            DeskctlRun::run({u"watch"_qs, u"--once"_qs, u"--format"_qs, u"json"_qs}, e, 60000);
        QCOMPARE(r.exitCode, 10);
        QCOMPARE(names(r), QStringList{QStringLiteral("proxy_unhealthy proxy unreachable")});
    }

    // A refused key is not an alert about the proxy: the pass cannot run, exit 4 as for any command.
    void aRefusedKeyExitsWith4() {
        QProcessEnvironment e = env();
        e.insert(QStringLiteral("LITELLM_PROXY_API_KEY"), QStringLiteral("sk-not-the-master-key"));
        const DeskctlRun r = DeskctlRun::run({u"watch"_qs, u"--once"_qs}, e, 60000);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.errText().contains(QStringLiteral("401")), r.err.constData());
        QCOMPARE(r.out, QByteArray());
    }

    // The webhook gets each new alert once, with Slack's text; a failed post is retried with the next
    // pass; the URL never shows.
    void theWebhookGetsNewAlertsOnce() {
        const QString profile = QStringLiteral("Watched");
        DeskctlRun r = DeskctlRun::runWithInput(
            {u"profiles"_qs, u"add"_qs, profile, u"--url"_qs, m_sim->url().toString()}, env(false),
            m_sim->masterKey().toUtf8() + '\n');
        if (!keyringUnlocked()) {
            QVERIFY(r.exitCode != 0);
            r = DeskctlRun::runWithInput({u"watch"_qs, u"webhook"_qs, u"--profile"_qs, profile}, env(false),
                                         "https://x/y\n");
            QVERIFY(r.exitCode != 0);
            return;
        }
        QCOMPARE(r.exitCode, 0);
        CannedServer hook;
        int status = 500;
        hook.on(QStringLiteral("/services/T0/B0/secret"), [&](const HttpRequest &) {
            return CannedServer::Answer{status, "ok"};
        });
        const QString url = hook.url().toString() + QStringLiteral("/services/T0/B0/secret");
        r = DeskctlRun::runWithInput({u"watch"_qs, u"webhook"_qs, u"--profile"_qs, profile}, env(false),
                                     url.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.outText().contains(QStringLiteral("secret")));

        const QString healthOnly = rulesFile(R"({"spikes": false, "budgets": false, "expiry": false})");
        const QStringList args{u"watch"_qs,     u"--once"_qs,  u"--profile"_qs, profile,
                               u"--webhook"_qs, u"--rules"_qs, healthOnly};
        m_sim->setDatabaseDown(true);
        r = DeskctlRun::run(args, env(false), 60000);
        QCOMPARE(r.exitCode, 3); // the post failed
        QVERIFY2(r.errText().contains(QStringLiteral("answered HTTP 500")), r.err.constData());
        QVERIFY(!r.errText().contains(QStringLiteral("secret")));
        QCOMPARE(hook.requestsTo(QStringLiteral("/services/T0/B0/secret")), 1);

        status = 200;
        r = DeskctlRun::run(args, env(false), 60000);
        QCOMPARE(r.exitCode, 10);
        QCOMPARE(hook.requestsTo(QStringLiteral("/services/T0/B0/secret")), 2);
        const QJsonObject body = QJsonDocument::fromJson(hook.last().body).object();
        QVERIFY(body.value(u"text").toString().startsWith(
            QStringLiteral("LiteLLM Desk: 1 new alert on Watched")));
        QCOMPARE(body.value(u"alerts").toArray().first()[u"subject"].toString(), QStringLiteral("database"));

        r = DeskctlRun::run(args, env(false), 60000);
        QCOMPARE(r.exitCode, 10);
        QCOMPARE(hook.requestsTo(QStringLiteral("/services/T0/B0/secret")), 2); // not again
    }
};

QTEST_GUILESS_MAIN(TestDeskctlWatch)
#include "tst_DeskctlWatch.moc"
