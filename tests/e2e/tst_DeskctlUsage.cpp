#include "DeskctlRun.h"

#include "core/export/CsvReader.h"
#include "core/format/Count.h"
#include "core/format/Money.h"
#include "sim/Simulator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// `litellm-deskctl usage` as a script sees it: the built binary against simulators living in this test.
class TestDeskctlUsage : public QObject {
    Q_OBJECT

private:
    const QDate m_today{2025, 3, 31};
    const QString m_from = u"2025-03-05"_qs;
    const QString m_to = u"2025-03-28"_qs;

    SimOptions options(bool aggregated) const {
        SimOptions o;
        o.today = m_today;
        o.days = 30;
        o.keys = 120;
        o.aggregatedActivity = aggregated;
        return o;
    }

    static std::unique_ptr<Simulator> start(const SimOptions &o) {
        auto sim = std::make_unique<Simulator>(o);
        if (!sim->listen())
            qFatal("the simulator could not listen: %s", qPrintable(sim->errorString()));
        return sim;
    }

    // The metadata totals of the simulator's /aggregated answer for the range.
    QJsonObject aggregatedTotals(Simulator &sim) const {
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(sim.url().toString() +
                                     u"/user/daily/activity/aggregated?start_date="_qs + m_from +
                                     u"&end_date="_qs + m_to));
        request.setRawHeader("Authorization", "Bearer " + sim.masterKey().toUtf8());
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return {};
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object().value(u"metadata").toObject();
    }

    DeskctlRun usage(Simulator &sim, QStringList arguments) const {
        arguments.prepend(u"usage"_qs);
        arguments << u"--url"_qs << sim.url().toString() << u"--from"_qs << m_from << u"--to"_qs << m_to;
        return DeskctlRun::run(arguments, DeskctlRun::environment({}, sim.masterKey()), 60000);
    }

    static double sum(const QJsonArray &rows, const QString &field) {
        double total = 0;
        for (const auto &r : rows)
            total += r.toObject().value(field).toDouble();
        return total;
    }

private slots:
    void totalsEqualTheAggregatedMetadata_data() {
        QTest::addColumn<QString>("by");
        QTest::addColumn<bool>("aggregated");
        QTest::addColumn<QString>("groupField");
        for (const bool aggregated : {true, false}) {
            const char *how = aggregated ? "from /aggregated" : "every page merged";
            QTest::addRow("by model, %s", how) << u"model"_qs << aggregated << u"model"_qs;
            QTest::addRow("by day, %s", how) << u"day"_qs << aggregated << u"date"_qs;
            QTest::addRow("by key, %s", how) << u"key"_qs << aggregated << u"key"_qs;
        }
    }

    void totalsEqualTheAggregatedMetadata() {
        QFETCH(QString, by);
        QFETCH(bool, aggregated);
        QFETCH(QString, groupField);
        auto reference = start(options(true));
        const QJsonObject expected = aggregatedTotals(*reference);
        QVERIFY(expected.value(u"total_api_requests").toInteger() > 0);

        auto sim = start(options(aggregated));
        const auto r = usage(*sim, {u"--by"_qs, by, u"--format"_qs, u"json"_qs});
        QVERIFY(r.finished);
        QCOMPARE(r.err, QByteArray());
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QVERIFY(!rows.isEmpty());
        const QJsonObject first = rows.first().toObject();
        QVERIFY(first.contains(groupField));
        // Each object starts with its group field, then the metrics in the CSV's order.
        const QByteArray head = QByteArray("[\n    {\"") + groupField.toUtf8() + "\": ";
        QVERIFY2(r.out.startsWith(head), r.out.left(80).constData());
        QVERIFY(r.out.indexOf("\"spend\"") < r.out.indexOf("\"prompt_tokens\""));
        if (by == u"day")
            QCOMPARE(rows.size(), 24); // every day of the range, with or without usage
        QVERIFY(qAbs(sum(rows, u"spend"_qs) - expected.value(u"total_spend").toDouble()) < 1e-6);
        for (const auto &[field, total] : {std::pair{u"prompt_tokens"_qs, u"total_prompt_tokens"_qs},
                                           {u"completion_tokens"_qs, u"total_completion_tokens"_qs},
                                           {u"total_tokens"_qs, u"total_tokens"_qs},
                                           {u"api_requests"_qs, u"total_api_requests"_qs},
                                           {u"successful_requests"_qs, u"total_successful_requests"_qs},
                                           {u"failed_requests"_qs, u"total_failed_requests"_qs}})
            QCOMPARE(qint64(sum(rows, field)), expected.value(total).toInteger());
    }

    // LiteLLM counts a request under each of its tags: the tag rows stay, their sum is called a sum, and
    // the proxy's own total for the range stands beside it.
    void tagsShowTheProxyTotalBesideTheirSum() {
        auto sim = start(options(true));
        const QJsonObject expected = aggregatedTotals(*sim);
        const auto r = usage(*sim, {u"--by"_qs, u"tag"_qs});
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.outText().split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 3);
        QVERIFY2(lines.at(lines.size() - 2).startsWith(u"sum over tags"), qPrintable(r.outText()));
        const QString proxyRow = lines.constLast();
        QVERIFY2(proxyRow.startsWith(u"proxy total"), qPrintable(r.outText()));
        QVERIFY2(proxyRow.contains(QString::number(expected.value(u"total_spend").toDouble(), 'f', 4)),
                 qPrintable(proxyRow));
        QVERIFY2(
            !r.outText().contains(QRegularExpression(u"^total "_qs, QRegularExpression::MultilineOption)),
            qPrintable(r.outText()));
        const QString note = u"Tags overlap: a request with several tags counts under each. Proxy total for "
                             "the range: "_qs +
                             formatUsd(expected.value(u"total_spend").toDouble()) + u", "_qs +
                             formatCount(expected.value(u"total_api_requests").toInteger()) + u" requests"_qs;
        QVERIFY2(r.errText().contains(note), qPrintable(r.errText()));

        // One tag counts each request once: a plain total and no note.
        const auto one = usage(*sim, {u"--by"_qs, u"tag"_qs, u"--scope"_qs, u"tag:batch"_qs});
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(one.outText().split(u'\n', Qt::SkipEmptyParts).constLast().startsWith(u"total"),
                 qPrintable(one.outText()));
        QVERIFY2(!one.errText().contains(u"overlap"), qPrintable(one.errText()));
    }

    // The proxy filters on deployment names, recorded without their provider by older proxies and with
    // it by the newest; --model takes the public name too (all its deployments), and a deployment in
    // either form, on every version.
    void modelTakesAPublicOrADeploymentName_data() {
        QTest::addColumn<QString>("version");
        QTest::newRow("1.7x") << u"1.7x"_qs;
        QTest::newRow("newest") << u"newest"_qs;
    }

    void modelTakesAPublicOrADeploymentName() {
        QFETCH(QString, version);
        SimOptions o = *SimOptions::forVersion(version);
        o.today = m_today;
        o.days = 30;
        o.keys = 120;
        auto sim = start(o);
        const auto spendFor = [&](const QString &model) {
            const auto r =
                usage(*sim, {u"--by"_qs, u"day"_qs, u"--format"_qs, u"json"_qs, u"--model"_qs, model});
            if (r.exitCode != 0)
                qWarning("%s", r.err.constData());
            return sum(QJsonDocument::fromJson(r.out).array(), u"spend"_qs);
        };
        const double publicName = spendFor(u"claude-3-5-sonnet"_qs);
        QVERIFY(publicName > 0);
        QCOMPARE(spendFor(u"claude-3-5-sonnet-20241022"_qs), publicName);
        QCOMPARE(spendFor(u"anthropic/claude-3-5-sonnet-20241022"_qs), publicName);
        QCOMPARE(spendFor(u"no-such-model"_qs), 0.0);
    }

    void endlessPagingFailsClearly() {
        auto sim = start(options(false));
        SimFault fault;
        fault.path = u"/user/daily/activity"_qs;
        fault.kind = SimFault::Kind::EndlessPaging;
        sim->addFault(fault);
        const auto r = usage(*sim, {u"--by"_qs, u"model"_qs});
        QVERIFY2(r.finished, "usage hung on endless paging");
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(u"paging does not end"), r.err.constData());
        QCOMPARE(r.out, QByteArray());
    }

    // Saved responses from a newer proxy's /aggregated hold only the top keys: the key rows say so on
    // stderr; other groupings are complete and say nothing.
    void savedTopKeysAreCalledSo() {
        const QString file = QFINDTESTDATA("../data/usage/newest-user-aggregated-top-keys.json");
        const auto keys = DeskctlRun::run(
            {u"usage"_qs, u"--input"_qs, file, u"--by"_qs, u"key"_qs, u"--format"_qs, u"csv"_qs},
            DeskctlRun::environment());
        QCOMPARE(keys.exitCode, 0);
        QCOMPARE(keys.out.count('\n'), 3); // header and the two keys kept
        QVERIFY2(
            keys.errText().startsWith(u"warning: keys: the saved responses hold only the top 2 of 5 keys"),
            keys.err.constData());
        const auto models = DeskctlRun::run({u"usage"_qs, u"--input"_qs, file, u"--by"_qs, u"deployment"_qs},
                                            DeskctlRun::environment());
        QCOMPARE(models.exitCode, 0);
        QCOMPARE(models.err, QByteArray());
    }

    // Bad bytes in a saved file end in one clear error naming the file and the byte, never a crash.
    void savedBadBytesFailClearly() {
        const QString file = QFINDTESTDATA("../data/usage/latin1-alias.json");
        const auto r = DeskctlRun::run({u"usage"_qs, u"--input"_qs, file, u"--by"_qs, u"key"_qs},
                                       DeskctlRun::environment());
        QVERIFY(r.finished);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QByteArray());
        QVERIFY2(r.err.count('\n') == 1 && r.errText().contains(u"latin1-alias.json") &&
                     r.errText().contains(u"not UTF-8 (byte 0xe9)"),
                 r.err.constData());
    }

    // Dates far apart: the days present are listed, not the 3.65 million days between them.
    void farApartDatesListOnlyTheirDays() {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"far.json"_qs);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"results":[{"date":"9999-12-31","metrics":{"spend":2}},{"date":"0001-01-01","metrics":{"spend":1}}]})");
        f.close();
        const auto r = DeskctlRun::run(
            {u"usage"_qs, u"--input"_qs, file, u"--by"_qs, u"day"_qs, u"--format"_qs, u"csv"_qs},
            DeskctlRun::environment());
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 3);
        QVERIFY(r.out.contains("0001-01-01,1") && r.out.contains("9999-12-31,2"));
    }

    void fetchThenInputGivesTheSameOutput() {
        auto sim = start(options(false));
        QTemporaryDir dir;
        const QString file = dir.filePath(u"activity.json"_qs);
        const auto saved = usage(*sim, {u"fetch"_qs, u"--out"_qs, file});
        QCOMPARE(saved.exitCode, 0);
        QVERIFY(QFileInfo::exists(file));
        // Saved responses hold no model list: offline, models are as their deployments recorded them.
        for (const QString &by : {u"deployment"_qs, u"key"_qs, u"day"_qs}) {
            const auto live = usage(*sim, {u"--by"_qs, by, u"--format"_qs, u"json"_qs});
            const auto offline =
                DeskctlRun::run({u"usage"_qs, u"--input"_qs, file, u"--by"_qs, by, u"--format"_qs, u"json"_qs,
                                 u"--from"_qs, m_from, u"--to"_qs, m_to},
                                DeskctlRun::environment());
            QCOMPARE(live.exitCode, 0);
            QCOMPARE(offline.exitCode, 0);
            QCOMPARE(offline.err, QByteArray());
            QCOMPARE(offline.out, live.out);
        }
    }

    // --by model sums each deployment under its public name (as the Usage page does), --by deployment
    // lists them as recorded; offline, without a model list, --by model says it lists deployments.
    void modelsByPublicNameOrDeployment() {
        auto sim = start(options(false));
        const auto rows = [](const QByteArray &json, const QString &column) {
            QHash<QString, double> out;
            for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
                out.insert(v[column].toString(), v[u"spend"].toDouble());
            return out;
        };
        const auto byModel = usage(*sim, {u"--by"_qs, u"model"_qs, u"--format"_qs, u"json"_qs});
        const auto byDeployment = usage(*sim, {u"--by"_qs, u"deployment"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(byModel.exitCode, 0);
        QCOMPARE(byDeployment.exitCode, 0);
        const auto models = rows(byModel.out, u"model"_qs);
        const auto deployments = rows(byDeployment.out, u"deployment"_qs);
        QVERIFY2(models.contains(u"claude-3-5-sonnet"_qs), byModel.out.constData());
        QVERIFY(!models.contains(u"claude-3-5-sonnet-20241022"_qs));
        QVERIFY2(deployments.contains(u"claude-3-5-sonnet-20241022"_qs), byDeployment.out.constData());
        QVERIFY(qAbs(models.value(u"claude-3-5-sonnet"_qs) -
                     deployments.value(u"claude-3-5-sonnet-20241022"_qs)) < 1e-6);
        double a = 0, b = 0;
        for (double v : models)
            a += v;
        for (double v : deployments)
            b += v;
        QVERIFY(qAbs(a - b) < 1e-6);

        QTemporaryDir dir;
        const QString file = dir.filePath(u"activity.json"_qs);
        QCOMPARE(usage(*sim, {u"fetch"_qs, u"--out"_qs, file}).exitCode, 0);
        const auto offline =
            DeskctlRun::run({u"usage"_qs, u"--input"_qs, file, u"--by"_qs, u"model"_qs, u"--format"_qs,
                             u"json"_qs, u"--from"_qs, m_from, u"--to"_qs, m_to},
                            DeskctlRun::environment());
        QCOMPARE(offline.exitCode, 0);
        QVERIFY(rows(offline.out, u"model"_qs).contains(u"claude-3-5-sonnet-20241022"_qs));
        QVERIFY2(offline.errText().contains(u"listed as their deployments recorded them"),
                 offline.err.constData());
    }

    void csvParsesBack() {
        auto sim = start(options(true));
        const auto csv = usage(*sim, {u"--by"_qs, u"key"_qs, u"--format"_qs, u"csv"_qs});
        const auto json = usage(*sim, {u"--by"_qs, u"key"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(csv.exitCode, 0);
        QString why;
        const auto records = CsvReader::parse(csv.outText(), &why);
        QVERIFY2(records, qPrintable(why));
        QCOMPARE(records->first(),
                 (QStringList{u"key"_qs, u"key_alias"_qs, u"team_id"_qs, u"spend"_qs, u"prompt_tokens"_qs,
                              u"completion_tokens"_qs, u"total_tokens"_qs, u"api_requests"_qs,
                              u"successful_requests"_qs, u"failed_requests"_qs}));
        const QJsonArray rows = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(records->size() - 1, rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject o = rows.at(i).toObject();
            const QStringList &rec = records->at(i + 1);
            QCOMPARE(rec.at(0), o.value(u"key").toString());
            QCOMPARE(rec.at(1), o.value(u"key_alias").toString());
            QCOMPARE(rec.at(3).toDouble(), o.value(u"spend").toDouble());
            QCOMPARE(rec.at(7).toLongLong(), o.value(u"api_requests").toInteger());
        }
    }

    // Without --by the rows are days, as the Usage page shows first; --help says so.
    void groupsByDayWithoutBy() {
        auto sim = start(options(true));
        const auto byDefault = usage(*sim, {u"--format"_qs, u"json"_qs});
        QCOMPARE(byDefault.err, QByteArray());
        QCOMPARE(byDefault.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(byDefault.out).array();
        QCOMPARE(rows.size(), 24); // every day of the range
        QVERIFY(rows.first().toObject().contains(u"date"_qs));
        QCOMPARE(byDefault.out, usage(*sim, {u"--by"_qs, u"day"_qs, u"--format"_qs, u"json"_qs}).out);
        // An explicit grouping still wins.
        const auto byModel = usage(*sim, {u"--by"_qs, u"model"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(byModel.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(byModel.out).array().first().toObject().contains(u"model"_qs));
        QVERIFY(!QJsonDocument::fromJson(byModel.out).array().first().toObject().contains(u"date"_qs));

        const auto help = DeskctlRun::run({u"usage"_qs, u"--help"_qs}, DeskctlRun::environment());
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.outText().contains(u"Group by day (default"_qs), help.out.constData());
    }

    void badArgumentsExitWithUsage_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown grouping")
            << QStringList{u"usage"_qs, u"--by"_qs, u"week"_qs} << u"--by must be"_qs;
        QTest::newRow("bad date") << QStringList{u"usage"_qs, u"--by"_qs, u"day"_qs, u"--from"_qs,
                                                 u"03/01/2025"_qs}
                                  << u"YYYY-MM-DD"_qs;
        QTest::newRow("from after to")
            << QStringList{u"usage"_qs,      u"--by"_qs, u"day"_qs,       u"--from"_qs,
                           u"2025-03-02"_qs, u"--to"_qs, u"2025-03-01"_qs}
            << u"is after"_qs;
        QTest::newRow("bad scope") << QStringList{u"usage"_qs, u"--by"_qs, u"model"_qs, u"--scope"_qs,
                                                  u"org:1"_qs}
                                   << u"--scope must be"_qs;
        QTest::newRow("input with a filter")
            << QStringList{u"usage"_qs,  u"--by"_qs,    u"model"_qs, u"--input"_qs,
                           u"x.json"_qs, u"--model"_qs, u"m"_qs}
            << u"cannot be used with --input"_qs;
        QTest::newRow("fetch without --out") << QStringList{u"usage"_qs, u"fetch"_qs} << u"--out"_qs;
    }

    void badArgumentsExitWithUsage() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const auto r =
            DeskctlRun::run(arguments, DeskctlRun::environment(u"http://127.0.0.1:9"_qs, u"sk-x"_qs));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(message), r.err.constData());
        QCOMPARE(r.out, QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestDeskctlUsage)
#include "tst_DeskctlUsage.moc"
