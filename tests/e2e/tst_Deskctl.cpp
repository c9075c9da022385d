#include "DeskctlRun.h"

#include "core/api/Health.h"
#include "core/export/CsvReader.h"
#include "core/export/ModelExport.h"
#include "sim/Simulator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
#include <memory>

// litellm-deskctl as a script sees it: the built binary, run as a child process against a simulator
// that lives in this test (a fresh one, on its own free port, per test).
class TestDeskctl : public QObject {
    Q_OBJECT

private:
    enum class Target { Simulator, ClosedPort, None };

    std::unique_ptr<Simulator> m_sim;

    Simulator &startSim(SimOptions options = {}) {
        m_sim = std::make_unique<Simulator>(options);
        if (!m_sim->listen())
            qFatal("the simulator could not listen: %s", qPrintable(m_sim->errorString()));
        return *m_sim;
    }

    QString simUrl() const { return m_sim->url().toString(); }

    // A loopback port nothing listens on (it was free a moment ago).
    static QString closedPortUrl() {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return {};
        const quint16 port = probe.serverPort();
        probe.close();
        return QStringLiteral("http://127.0.0.1:%1").arg(port);
    }

    static quint16 freePort() {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
    }

    QList<SimModel> simModelsByName() const {
        QList<SimModel> models = m_sim->data().models();
        std::stable_sort(models.begin(), models.end(), [](const SimModel &a, const SimModel &b) {
            const int c = a.name.compare(b.name, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.id < b.id;
        });
        return models;
    }

    static QJsonValue jsonOf(const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(); }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }

    void cleanup() { m_sim.reset(); }

    void statusShowsVersionAndRole() {
        SimOptions o;
        o.litellmVersion = u"1.80.7-e2e"_qs;
        Simulator &sim = startSim(o);
        const auto r = DeskctlRun::run({u"status"_qs, u"--url"_qs, simUrl()},
                                       DeskctlRun::environment({}, sim.masterKey()));
        QVERIFY(r.finished);
        QCOMPARE(r.err, QByteArray());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().contains(u"1.80.7-e2e"), r.out.constData());
        QVERIFY2(r.outText().contains(u"Admin"), r.out.constData());
        QVERIFY(r.outText().contains(u"master key"));
        QVERIFY(!r.outText().contains(sim.masterKey()));
    }

    void statusJson_data() {
        QTest::addColumn<QString>("authHeader");
        QTest::newRow("Authorization: Bearer") << u"bearer"_qs;
        QTest::newRow("x-litellm-api-key header") << u"x-litellm-api-key"_qs;
    }

    void statusJson() {
        QFETCH(QString, authHeader);
        Simulator &sim = startSim();
        // The URL comes from the environment this time.
        const auto r =
            DeskctlRun::run({u"status"_qs, u"--format"_qs, u"json"_qs, u"--auth-header"_qs, authHeader},
                            DeskctlRun::environment(simUrl(), sim.masterKey()));
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(u"litellm_version").toString(), sim.options().litellmVersion);
        QCOMPARE(o.value(u"user_role").toString(), u"proxy_admin"_qs);
        QCOMPARE(o.value(u"role_label").toString(), roleLabel(u"proxy_admin"_qs));
        QCOMPARE(o.value(u"master_key").toBool(), true);
        QCOMPARE(o.value(u"db").toString(), u"connected"_qs);
    }

    // A key given as an option (where a shell history would keep it) is refused, and the error says where
    // the key is read from; another unknown option gets no such hint.
    void aKeyOptionSaysWhereTheKeyGoes_data() {
        QTest::addColumn<QString>("option");
        QTest::addColumn<bool>("hint");
        QTest::newRow("--key") << u"--key"_qs << true;
        QTest::newRow("--master-key") << u"--master-key"_qs << true;
        QTest::newRow("--api-key") << u"--api-key"_qs << true;
        QTest::newRow("--keys") << u"--keys"_qs << false;
    }

    void aKeyOptionSaysWhereTheKeyGoes() {
        QFETCH(QString, option);
        QFETCH(bool, hint);
        const auto r = DeskctlRun::run({u"status"_qs, option, u"sk-secret-1"_qs}, DeskctlRun::environment());
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.errText().contains(u"the key is read only from LITELLM_PROXY_API_KEY"), hint);
        QVERIFY(!r.errText().contains(u"sk-secret-1"));
    }

    // Bad --sort, --limit and --all are refused before anything is sent, alike in every list command.
    void listOptionsAreCheckedAlike_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        for (const QString &what : {u"keys"_qs, u"teams"_qs, u"users"_qs}) {
            QTest::addRow("%s: unknown field", qPrintable(what))
                << QStringList{what, u"list"_qs, u"--sort"_qs, u"colour"_qs}
                << u"--sort must be FIELD[:asc|desc]"_qs;
            QTest::addRow("%s: unknown order", qPrintable(what))
                << QStringList{what, u"list"_qs, u"--sort"_qs, u"created_at:up"_qs}
                << u"--sort order must be asc or desc, not \"up\""_qs;
            QTest::addRow("%s: limit 0", qPrintable(what))
                << QStringList{what, u"list"_qs, u"--limit"_qs, u"0"_qs}
                << u"--limit must be a whole number of %1, 1 or more"_qs.arg(what);
            QTest::addRow("%s: limit and all", qPrintable(what))
                << QStringList{what, u"list"_qs, u"--limit"_qs, u"5"_qs, u"--all"_qs}
                << u"--limit and --all cannot be used together"_qs;
        }
    }

    void listOptionsAreCheckedAlike() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto r =
            DeskctlRun::run(arguments, DeskctlRun::environment(u"http://127.0.0.1:1"_qs, u"sk-x"_qs));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
    }

    void statusWithoutKeySkipsTheRole() {
        startSim();
        const auto r = DeskctlRun::run({u"status"_qs, u"--url"_qs, simUrl()}, DeskctlRun::environment());
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"LITELLM_PROXY_API_KEY is not set"));
        QVERIFY(!m_sim->requestLog().join(u' ').contains(u"/key/info"));
    }

    void modelsJson_data() {
        QTest::addColumn<int>("models");
        QTest::addColumn<bool>("paged");
        QTest::addColumn<int>("requests");
        QTest::newRow("one page") << 12 << true << 1;
        QTest::newRow("several pages") << 230 << true << 3;
        QTest::newRow("old proxy sends everything unpaged") << 130 << false << 1;
    }

    void modelsJson() {
        QFETCH(int, models);
        QFETCH(bool, paged);
        QFETCH(int, requests);
        SimOptions o;
        o.models = models;
        o.pagedModelInfo = paged;
        Simulator &sim = startSim(o);
        const auto r =
            DeskctlRun::run({u"models"_qs, u"list"_qs, u"--format"_qs, u"json"_qs, u"--url"_qs, simUrl()},
                            DeskctlRun::environment({}, sim.masterKey()));
        QVERIFY(r.finished);
        QCOMPARE(r.err, QByteArray());
        QCOMPARE(r.exitCode, 0);
        const QStringList modelRequests = sim.requestLog().filter(u"/v2/model/info"_qs);
        QCOMPARE(modelRequests.size(), requests);

        QJsonParseError error;
        const QJsonArray array = QJsonDocument::fromJson(r.out, &error).array();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QList<SimModel> expected = simModelsByName();
        QCOMPARE(array.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QJsonObject m = array.at(i).toObject();
            QCOMPARE(m.keys().size(), ModelExport::fieldNames().size());
            QCOMPARE(m.value(u"model_name").toString(), expected.at(i).name);
            QCOMPARE(m.value(u"id").toString(), expected.at(i).id);
            QCOMPARE(m.value(u"litellm_provider").toString(), expected.at(i).provider);
            QCOMPARE(m.value(u"input_cost_per_token"), jsonOf(expected.at(i).inputCost));
            QCOMPARE(m.value(u"output_cost_per_token"), jsonOf(expected.at(i).outputCost));
        }
    }

    void modelsSurviveNumbersSentAsStrings() {
        SimOptions o;
        o.models = 120; // two pages, whose paging fields arrive as strings too
        Simulator &sim = startSim(o);
        sim.addFault(*SimFault::parse(u"/v2/model/info=wrong-types"_qs));
        const auto r = DeskctlRun::run({u"models"_qs, u"list"_qs, u"--format"_qs, u"json"_qs},
                                       DeskctlRun::environment(simUrl(), sim.masterKey()));
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(sim.requestLog().filter(u"/v2/model/info"_qs).size(), 2);
        const QJsonArray array = QJsonDocument::fromJson(r.out).array();
        const QList<SimModel> expected = simModelsByName();
        QCOMPARE(array.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(array.at(i)[u"model_name"].toString(), expected.at(i).name);
            QCOMPARE(array.at(i)[u"input_cost_per_token"], jsonOf(expected.at(i).inputCost));
            QCOMPARE(array.at(i)[u"max_input_tokens"].isDouble(), expected.at(i).maxInput.has_value());
        }
    }

    void modelsCsv() {
        SimOptions o;
        o.models = 20;
        Simulator &sim = startSim(o);
        const auto r = DeskctlRun::run({u"models"_qs, u"list"_qs, u"--format"_qs, u"csv"_qs},
                                       DeskctlRun::environment(simUrl(), sim.masterKey()));
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QString why;
        const auto rows = CsvReader::parse(r.outText(), &why);
        QVERIFY2(rows.has_value(), qPrintable(why));
        const QList<SimModel> expected = simModelsByName();
        QCOMPARE(rows->size(), expected.size() + 1);
        const QStringList header = rows->first();
        QCOMPARE(header, ModelExport::fieldNames());
        const auto col = [&](const char *name) { return header.indexOf(QString::fromLatin1(name)); };
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QStringList &row = rows->at(i + 1);
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row.at(col("model_name")), expected.at(i).name);
            QCOMPARE(row.at(col("model")), expected.at(i).litellmModel);
            const QString input = row.at(col("input_cost_per_token"));
            QCOMPARE(input.isEmpty(), !expected.at(i).inputCost.has_value());
            if (!input.isEmpty())
                QCOMPARE(input.toDouble(), *expected.at(i).inputCost);
        }
    }

    void modelsTable() {
        Simulator &sim = startSim();
        const auto r =
            DeskctlRun::run({u"models"_qs, u"list"_qs}, DeskctlRun::environment(simUrl(), sim.masterKey()));
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.outText().split(u'\n', Qt::SkipEmptyParts);
        const QList<SimModel> expected = simModelsByName();
        QCOMPARE(lines.size(), expected.size() + 1);
        QVERIFY(lines.first().startsWith(u"NAME "));
        QVERIFY(lines.first().contains(u"INPUT $/1M"));
        QVERIFY(lines.first().endsWith(u"OUTPUT $/1M"));
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY2(lines.at(i + 1).startsWith(expected.at(i).name + u' '), qPrintable(lines.at(i + 1)));
        // Every line is as long as the header: the price columns are right-aligned to it.
        for (const auto &line : lines.mid(1))
            if (!line.endsWith(u'-'))
                QCOMPARE(line.size(), lines.first().size());
    }

    void failures_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");

        const QString master = u"{master}"_qs;
        const QString wrong = u"sk-wrong-e2e-7f3a9c"_qs;
        const QStringList models{u"models"_qs, u"list"_qs};
        const int sim = int(Target::Simulator);
        QTest::newRow("wrong key is an auth error")
            << models << sim << wrong << QString() << 4 << u"HTTP 401"_qs;
        QTest::newRow("wrong key on status") << QStringList{u"status"_qs} << sim << wrong << QString() << 4
                                             << u"Invalid proxy server token"_qs;
        QTest::newRow("unreachable proxy")
            << models << int(Target::ClosedPort) << master << QString() << 3 << u"connection refused"_qs;
        QTest::newRow("unreachable proxy on status")
            << QStringList{u"status"_qs} << int(Target::ClosedPort) << master << QString() << 3
            << u"Nothing is listening"_qs;
        QTest::newRow("missing url") << models << int(Target::None) << master << QString() << 2
                                     << u"pass --url URL or set LITELLM_PROXY_URL"_qs;
        QTest::newRow("missing key") << models << sim << QString() << QString() << 2
                                     << u"LITELLM_PROXY_API_KEY is not set"_qs;
        QTest::newRow("model info server error")
            << models << sim << master << u"/v2/model/info=status:500"_qs << 5 << u"HTTP 500"_qs;
        QTest::newRow("model info forbidden")
            << models << sim << master << u"/v2/model/info=status:403"_qs << 4 << u"HTTP 403"_qs;
        QTest::newRow("unreadable model list")
            << models << sim << master << u"/v2/model/info=bad-json"_qs << 5 << u"could not be read"_qs;
        QTest::newRow("hanging proxy times out")
            << QStringList{u"models"_qs, u"list"_qs, u"--timeout"_qs, u"1"_qs} << sim << master
            << u"/v2/model/info=hang"_qs << 3 << u"did not answer in time"_qs;
        QTest::newRow("unknown format")
            << QStringList{u"models"_qs, u"list"_qs, u"--format"_qs, u"xml"_qs} << sim << master << QString()
            << 2 << u"--format must be one of table, json, csv"_qs;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_qs} << sim << master << QString() << 2
                                         << u"unknown command \"frobnicate\""_qs;
        QTest::newRow("group without subcommand")
            << QStringList{u"models"_qs} << sim << master << QString() << 2 << u"needs a subcommand: list"_qs;
        QTest::newRow("bad auth header style")
            << QStringList{u"status"_qs, u"--auth-header"_qs, u"basic"_qs} << sim << master << QString() << 2
            << u"--auth-header must be bearer or x-litellm-api-key"_qs;
        QTest::newRow("timeout not a number")
            << QStringList{u"status"_qs, u"--timeout"_qs, u"soon"_qs} << sim << master << QString() << 2
            << u"--timeout expects a number of seconds"_qs;
        QTest::newRow("key as an argument is refused")
            << QStringList{u"status"_qs, u"--key"_qs, u"sk-in-argv"_qs} << sim << master << QString() << 2
            << u"read only from LITELLM_PROXY_API_KEY"_qs;
        QTest::newRow("stray argument") << QStringList{u"status"_qs, u"now"_qs} << sim << master << QString()
                                        << 2 << u"unexpected argument \"now\""_qs;
    }

    void failures() {
        QFETCH(QStringList, arguments);
        QFETCH(int, target);
        QFETCH(QString, key);
        QFETCH(QString, fault);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        Simulator &sim = startSim();
        if (!fault.isEmpty()) {
            QString why;
            const auto f = SimFault::parse(fault, &why);
            QVERIFY2(f.has_value(), qPrintable(why));
            sim.addFault(*f);
        }
        if (key == u"{master}")
            key = sim.masterKey();
        QString url;
        if (Target(target) == Target::Simulator)
            url = simUrl();
        else if (Target(target) == Target::ClosedPort)
            url = closedPortUrl();
        const auto r = DeskctlRun::run(arguments, DeskctlRun::environment(url, key));
        QVERIFY(r.finished);
        QCOMPARE(r.exitStatus, QProcess::NormalExit);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.out, QByteArray());
        QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, r.err.constData()); // one line
        QVERIFY2(r.errText().startsWith(u"error: "), r.err.constData());
        QVERIFY2(r.errText().contains(message), r.err.constData());
        if (!key.isEmpty()) {
            QVERIFY(!r.errText().contains(key));
            QVERIFY(!r.outText().contains(key));
        }
    }

    void help_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("global help lists the commands")
            << QStringList{u"--help"_qs}
            << QStringList{u"status"_qs, u"models list"_qs, u"demo"_qs, u"--url"_qs, u"Exit codes"_qs};
        QTest::newRow("command help shows its options") << QStringList{u"models"_qs, u"list"_qs, u"--help"_qs}
                                                        << QStringList{u"--format"_qs, u"--timeout"_qs};
        QTest::newRow("group help lists subcommands")
            << QStringList{u"models"_qs, u"-h"_qs} << QStringList{u"list"_qs};
        QTest::newRow("demo help shows faults") << QStringList{u"demo"_qs, u"--help"_qs}
                                                << QStringList{u"--fault"_qs, u"bad-json"_qs, u"--port"_qs};
        QTest::newRow("version") << QStringList{u"--version"_qs}
                                 << QStringList{u"litellm-deskctl " DESK_VERSION ""_qs};
    }

    void help() {
        QFETCH(QStringList, arguments);
        QFETCH(QStringList, mentions);
        const auto r = DeskctlRun::run(arguments, DeskctlRun::environment());
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QByteArray());
        for (const auto &m : mentions)
            QVERIFY2(r.outText().contains(m), qPrintable(m));
    }

    void demoServesUntilTerminated() {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        QProcess demo;
        demo.setProcessEnvironment(DeskctlRun::environment());
        QByteArray out;
        connect(&demo, &QProcess::readyReadStandardOutput, this,
                [&] { out += demo.readAllStandardOutput(); });
        demo.start(QStringLiteral(DESKCTL_PATH),
                   {u"demo"_qs, u"--port"_qs, QString::number(port), u"--models"_qs, u"5"_qs,
                    u"--litellm-version"_qs, u"1.91.2"_qs, u"--seed"_qs, u"7"_qs});
        QTRY_VERIFY_WITH_TIMEOUT(out.contains("Press Ctrl+C"), 20000);

        const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const QString text = QString::fromUtf8(out);
        QVERIFY2(text.contains(u"listening on " + url), out.constData());
        const auto exported = [&](const QString &name) {
            const auto m = QRegularExpression(u"^export "_qs + name + u"=(\\S+)$"_qs,
                                              QRegularExpression::MultilineOption)
                               .match(text);
            return m.hasMatch() ? m.captured(1) : QString();
        };
        QCOMPARE(exported(u"LITELLM_PROXY_URL"_qs), url);
        QCOMPARE(exported(u"LITELLM_PROXY_API_KEY"_qs), SimOptions().masterKey);

        QNetworkAccessManager nam;
        QNetworkReply *alive = nam.get(QNetworkRequest(QUrl(url + u"/health/liveliness")));
        QSignalSpy aliveDone(alive, &QNetworkReply::finished);
        QVERIFY(aliveDone.wait(10000));
        QCOMPARE(alive->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(alive->readAll(), QByteArray("\"I'm alive!\""));
        alive->deleteLater();

        // 1.91.2 behaves as the newest LiteLLM: /aggregated keeps only the top keys and says so.
        QNetworkRequest activity(QUrl(url + u"/user/daily/activity/aggregated?start_date=2020-01-01&"
                                            u"end_date=2030-01-01"_qs));
        activity.setRawHeader("Authorization", "Bearer " + SimOptions().masterKey.toUtf8());
        QNetworkReply *aggregated = nam.get(activity);
        QSignalSpy aggregatedDone(aggregated, &QNetworkReply::finished);
        QVERIFY(aggregatedDone.wait(10000));
        const QJsonObject meta =
            QJsonDocument::fromJson(aggregated->readAll()).object().value(u"metadata").toObject();
        QCOMPARE(meta.value(u"api_key_limit").toInt(), 100);
        QVERIFY(meta.value(u"total_api_keys").toInt() > 0);
        aggregated->deleteLater();

        // What the export lines say is enough for the other commands.
        const auto env =
            DeskctlRun::environment(exported(u"LITELLM_PROXY_URL"_qs), exported(u"LITELLM_PROXY_API_KEY"_qs));
        const auto status = DeskctlRun::run({u"status"_qs}, env);
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.outText().contains(u"1.91.2"));
        const auto models = DeskctlRun::run({u"models"_qs, u"list"_qs, u"--format"_qs, u"json"_qs}, env);
        QCOMPARE(models.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(models.out).array().size(), 5);

        QSignalSpy stopped(&demo, &QProcess::finished);
        demo.terminate(); // SIGTERM
        QVERIFY(stopped.wait(10000));
        QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
        QCOMPARE(demo.exitCode(), 0);
        out += demo.readAllStandardOutput();
        QVERIFY2(out.contains("Stopped after"), out.constData());
        QCOMPARE(demo.readAllStandardError(), QByteArray());
    }

    void demoRefuses_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("keys not a number")
            << QStringList{u"--keys"_qs, u"many"_qs} << 2 << u"--keys expects a whole number"_qs;
        QTest::newRow("too many keys")
            << QStringList{u"--keys"_qs, u"1000001"_qs} << 2 << u"from 0 to 1000000"_qs;
        QTest::newRow("port out of range")
            << QStringList{u"--port"_qs, u"70000"_qs} << 2 << u"--port expects a port"_qs;
        QTest::newRow("negative seed") << QStringList{u"--seed"_qs, u"-1"_qs} << 2 << u"--seed expects"_qs;
        QTest::newRow("unknown fault")
            << QStringList{u"--fault"_qs, u"/key/list=explode"_qs} << 2 << u"unknown fault \"explode\""_qs;
        QTest::newRow("unknown LiteLLM version")
            << QStringList{u"--litellm-version"_qs, u"latest-ish"_qs} << 2
            << u"--litellm-version expects oldest, 1.7x, newest or a version number"_qs;
        QTest::newRow("port in use") << QStringList{u"--port"_qs, u"{busy}"_qs} << 1
                                     << u"cannot listen on 127.0.0.1"_qs;
    }

    void demoRefuses() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost));
        arguments.replaceInStrings(u"{busy}"_qs, QString::number(busy.serverPort()));
        const auto r = DeskctlRun::run(QStringList{u"demo"_qs} + arguments, DeskctlRun::environment());
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.out, QByteArray());
        QVERIFY2(r.err.count('\n') == 1 && r.errText().contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDeskctl)
#include "tst_Deskctl.moc"
