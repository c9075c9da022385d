#include "DeskctlRun.h"

#include "CannedServer.h"
#include "core/export/CsvReader.h"
#include "sim/SimKeyStore.h"
#include "sim/Simulator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include "core/api/Json.h"

#include <algorithm>
#include <memory>
#include <optional>

// litellm-deskctl keys ... as a script sees it: the built binary against a simulator in this test.
class TestDeskctlKeys : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;

    Simulator &startSim(int keys = 250) {
        SimOptions o;
        o.keys = keys;
        m_sim = std::make_unique<Simulator>(o);
        if (!m_sim->listen())
            qFatal("the simulator could not listen");
        return *m_sim;
    }

    DeskctlRun run(QStringList args, const QString &key = {}) {
        args << u"--url"_qs << m_sim->url().toString();
        return DeskctlRun::run(args, DeskctlRun::environment({}, key.isEmpty() ? m_sim->masterKey() : key));
    }

    static QJsonArray jsonArray(const DeskctlRun &r) { return QJsonDocument::fromJson(r.out).array(); }

    qint64 liveKeys() const { return m_sim->data().keys().list({}, 0, 1).total; }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }
    void cleanup() { m_sim.reset(); }

    void listJsonHasLiteLlmFieldsStatusAndRisks() {
        startSim();
        const auto r = run({u"keys"_qs, u"list"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray keys = jsonArray(r);
        QCOMPARE(keys.size(), 100);
        for (const auto &v : keys) {
            const QJsonObject k = v.toObject();
            for (const auto field : {u"token", u"key_name", u"key_alias", u"team_id", u"user_id", u"spend",
                                     u"max_budget", u"expires", u"models", u"blocked", u"status", u"risks"})
                QVERIFY2(k.contains(field), qPrintable(QString::fromUtf16(field)));
            QVERIFY(k.value(u"risks").isArray());
            const bool noBudget = k.value(u"max_budget").isNull();
            QCOMPARE(k.value(u"risks").toArray().contains(u"no_budget"_qs), noBudget);
            QCOMPARE(k.value(u"risks").toArray().contains(u"never_expires"_qs), k.value(u"expires").isNull());
            QVERIFY(!k.contains(u"key")); // never a raw key
        }
    }

    void filtersSortAndLimit_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("field");
        QTest::newRow("team") << QStringList{u"--team"_qs, u"TEAM"_qs} << u"team_id"_qs;
        QTest::newRow("user") << QStringList{u"--user"_qs, u"USER"_qs} << u"user_id"_qs;
        QTest::newRow("blocked") << QStringList{u"--status"_qs, u"blocked"_qs} << u"blocked"_qs;
        QTest::newRow("expired") << QStringList{u"--status"_qs, u"expired"_qs} << u"expires"_qs;
    }
    void filtersSortAndLimit() {
        QFETCH(QStringList, args);
        QFETCH(QString, field);
        startSim();
        const SimKey first = m_sim->data().keys().key(0);
        args.replaceInStrings(u"TEAM"_qs,
                              first.teamId.isEmpty() ? m_sim->data().teams().first().teamId : first.teamId);
        args.replaceInStrings(u"USER"_qs, first.userId);
        const QString wanted = args.at(1);
        const auto r =
            run(QStringList{u"keys"_qs, u"list"_qs, u"--all"_qs, u"--format"_qs, u"json"_qs} + args);
        QCOMPARE(r.exitCode, 0);
        const QJsonArray keys = jsonArray(r);
        QVERIFY(!keys.isEmpty());
        for (const auto &v : keys) {
            const QJsonValue got = v.toObject().value(field);
            if (field == u"blocked")
                QCOMPARE(got.toBool(), true);
            else if (field ==
                     u"expires") // expired, whatever else it is (a blocked key's status says blocked)
                QVERIFY(json::dateTime(got) < QDateTime::currentDateTimeUtc());
            else
                QCOMPARE(got.toString(), wanted);
        }
    }

    void sortAndLimit() {
        startSim();
        const auto r = run({u"keys"_qs, u"list"_qs, u"--sort"_qs, u"spend:asc"_qs, u"--limit"_qs, u"150"_qs,
                            u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray keys = jsonArray(r);
        QCOMPARE(keys.size(), 150);
        for (qsizetype i = 1; i < keys.size(); ++i)
            QVERIFY(keys.at(i - 1).toObject().value(u"spend").toDouble() <=
                    keys.at(i).toObject().value(u"spend").toDouble());
    }

    void allCountsEveryKeyAndCsvParses() {
        startSim(1234);
        const auto r = run({u"keys"_qs, u"list"_qs, u"--all"_qs, u"--format"_qs, u"csv"_qs});
        QCOMPARE(r.exitCode, 0);
        QString why;
        const auto rows = CsvReader::parse(r.outText(), &why);
        QVERIFY2(rows, qPrintable(why));
        QCOMPARE(rows->size() - 1, liveKeys());
        QCOMPARE(rows->first().first(), u"token"_qs);
        QCOMPARE(rows->first().last(), u"risks"_qs);
        QSet<QString> tokens;
        for (qsizetype i = 1; i < rows->size(); ++i)
            tokens.insert(rows->at(i).first());
        QCOMPARE(tokens.size(), liveKeys());
        QVERIFY(m_sim->peakConcurrent() <= 4);
    }

    void csvCellsAreTheKeysOwn() {
        startSim(300);
        // A key with a team, a user and two models, so that swapped columns or a wrong separator show.
        const SimKeyStore &store = m_sim->data().keys();
        std::optional<SimKey> sample;
        for (qint64 i = 0; i < 300 && !sample; ++i) {
            const SimKey k = store.key(i);
            if (!k.deleted && !k.teamId.isEmpty() && !k.userId.isEmpty() && k.models.size() >= 2 &&
                !k.alias.isEmpty())
                sample = k;
        }
        QVERIFY(sample);
        const auto r = run({u"keys"_qs, u"list"_qs, u"--all"_qs, u"--format"_qs, u"csv"_qs});
        QCOMPARE(r.exitCode, 0);
        const auto rows = CsvReader::parse(r.outText());
        QVERIFY(rows);
        const QStringList header = rows->first();
        QCOMPARE(header.mid(0, 10), (QStringList{u"token"_qs, u"key_name"_qs, u"key_alias"_qs, u"team_id"_qs,
                                                 u"user_id"_qs, u"spend"_qs, u"max_budget"_qs,
                                                 u"budget_duration"_qs, u"expires"_qs, u"models"_qs}));
        const auto row = std::find_if(rows->begin() + 1, rows->end(), [&](const QStringList &cells) {
            return cells.first() == sample->token;
        });
        QVERIFY(row != rows->end());
        const auto cell = [&](const char *name) { return row->at(header.indexOf(QLatin1String(name))); };
        QCOMPARE(cell("key_alias"), sample->alias);
        QCOMPARE(cell("team_id"), sample->teamId);
        QCOMPARE(cell("user_id"), sample->userId);
        QCOMPARE(cell("models"), sample->models.join(u';'));
        QVERIFY(!cell("models").contains(u','));
    }

    void rawKeysAreRedactedInErrorLines() {
        // LiteLLM names the key as passed in some messages ("Key sk-... not found"): a raw key given on the
        // command line never reaches the terminal.
        const QString raw = u"sk-e2e-secret-raw-key-0123456789"_qs;
        CannedServer server;
        const QJsonObject error{{u"message"_qs, u"Key %1 not found"_qs.arg(raw)},
                                {u"type"_qs, u"bad_request_error"_qs},
                                {u"param"_qs, u"key"_qs},
                                {u"code"_qs, u"404"_qs}};
        server.on(u"/key/block"_qs, 404, QJsonDocument(QJsonObject{{u"error"_qs, error}}).toJson());
        const auto r = DeskctlRun::run({u"keys"_qs, u"block"_qs, raw, u"--url"_qs, server.url().toString()},
                                       DeskctlRun::environment({}, u"sk-e2e-master"_qs));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.errText().contains(u"[redacted]"), r.err.constData());
        QVERIFY2(!r.errText().contains(raw), r.err.constData());
        QVERIFY(!r.outText().contains(raw));
    }

    void showUpdateBlockDelete() {
        startSim();
        const QString token = m_sim->data().keys().key(3).token;
        auto r = run({u"keys"_qs, u"show"_qs, token, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(u"token").toString(), token);

        r = run({u"keys"_qs, u"update"_qs, token, u"--alias"_qs, u"e2e-alias"_qs, u"--max-budget"_qs,
                 u"12.5"_qs, u"--models"_qs, u"gpt-4o,claude"_qs, u"--metadata"_qs, u"owner=ops"_qs,
                 u"--expires-in"_qs, u"30d"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().startsWith(u"updated "), r.out.constData());
        QVERIFY2(!r.errText().contains(u"warning"), r.err.constData());
        r = run({u"keys"_qs, u"show"_qs, token, u"--format"_qs, u"json"_qs});
        const QJsonObject shown = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(shown.value(u"key_alias").toString(), u"e2e-alias"_qs);
        QCOMPARE(shown.value(u"max_budget").toDouble(), 12.5);
        QCOMPARE(shown.value(u"models").toArray().size(), 2);
        QCOMPARE(shown.value(u"metadata").toObject().value(u"owner").toString(), u"ops"_qs);

        r = run({u"keys"_qs, u"update"_qs, token, u"--no-alias"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(m_sim->data().keys().key(3).alias.isNull());

        // "none" removes the budget and the limits.
        r = run({u"keys"_qs, u"update"_qs, token, u"--tpm"_qs, u"1000"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(m_sim->data().keys().key(3).tpmLimit, std::optional<qint64>(1000));
        r = run({u"keys"_qs, u"update"_qs, token, u"--max-budget"_qs, u"none"_qs, u"--tpm"_qs, u"none"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.errText().contains(u"warning"), r.err.constData());
        QVERIFY(!m_sim->data().keys().key(3).maxBudget);
        QVERIFY(!m_sim->data().keys().key(3).tpmLimit);
        r = run({u"keys"_qs, u"update"_qs, token, u"--rpm"_qs, u"lots"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(u"--rpm must be a whole number, or none"), r.err.constData());

        r = run({u"keys"_qs, u"block"_qs, token});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(m_sim->data().keys().key(3).blocked.value_or(false));
        r = run({u"keys"_qs, u"unblock"_qs, token});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!m_sim->data().keys().key(3).blocked.value_or(false));

        r = run({u"keys"_qs, u"delete"_qs, token});
        QCOMPARE(r.exitCode, 2); // no --yes
        r = run({u"keys"_qs, u"delete"_qs, token, u"--yes"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().startsWith(u"deleted "));
        r = run({u"keys"_qs, u"delete"_qs, token, u"--yes"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.outText().startsWith(u"already gone "), r.out.constData());
    }

    // Several keys at once, one of them missing: one line for each key given, each once, and the missing
    // key's failure decides the exit code; the others stay blocked, then deleted.
    void blockAndDeleteSeveralReportEachKeyOnce() {
        startSim();
        const QString a = m_sim->data().keys().key(5).token, b = m_sim->data().keys().key(6).token;
        const QString missing = QString(64, u'e');
        auto r = run({u"keys"_qs, u"block"_qs, a, missing, b});
        QCOMPARE(r.exitCode, 5);
        // "blocked <hash> (alias)": one line for each key that was blocked, none for the missing one.
        const auto linesFor = [](const QString &text, const QString &start) {
            return text.split(u'\n', Qt::SkipEmptyParts).filter(QRegularExpression(u'^' + start)).size();
        };
        QCOMPARE(r.outText().split(u'\n', Qt::SkipEmptyParts).size(), 2);
        QCOMPARE(linesFor(r.outText(), u"blocked "_qs + a.left(12)), 1);
        QCOMPARE(linesFor(r.outText(), u"blocked "_qs + b.left(12)), 1);
        QVERIFY2(r.errText().contains(missing.left(12)), r.err.constData());
        QVERIFY2(r.errText().contains(u"1 of 3 keys failed"), r.err.constData());
        QVERIFY(m_sim->data().keys().key(5).blocked.value_or(false));
        QVERIFY(m_sim->data().keys().key(6).blocked.value_or(false));

        r = run({u"keys"_qs, u"delete"_qs, a, b, u"--yes"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText().split(u'\n', Qt::SkipEmptyParts).size(), 2);
        QCOMPARE(linesFor(r.outText(), u"deleted "_qs + a.left(12)), 1);
        QCOMPARE(linesFor(r.outText(), u"deleted "_qs + b.left(12)), 1);
        QVERIFY(!m_sim->data().keys().isLive(5));
        QVERIFY(!m_sim->data().keys().isLive(6));
    }

    void errorsExitCodes_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("exitCode");
        const QStringList list{u"keys"_qs, u"list"_qs};
        QTest::newRow("bad status") << (list + QStringList{u"--status"_qs, u"gone"_qs}) << QString() << 2;
        QTest::newRow("bad sort") << (list + QStringList{u"--sort"_qs, u"color"_qs}) << QString() << 2;
        QTest::newRow("limit and all")
            << (list + QStringList{u"--limit"_qs, u"5"_qs, u"--all"_qs}) << QString() << 2;
        QTest::newRow("update nothing")
            << QStringList{u"keys"_qs, u"update"_qs, QString(64, u'a')} << QString() << 2;
        QTest::newRow("update bad expiry")
            << QStringList{u"keys"_qs, u"update"_qs, QString(64, u'a'), u"--expires-in"_qs, u"soon"_qs}
            << QString() << 2;
        QTest::newRow("show missing key")
            << QStringList{u"keys"_qs, u"show"_qs, QString(64, u'a')} << QString() << 5;
        QTest::newRow("block missing key")
            << QStringList{u"keys"_qs, u"block"_qs, QString(64, u'a')} << QString() << 5;
        QTest::newRow("list 401") << list << u"/key/list=status:401"_qs << 4;
        QTest::newRow("list 500") << list << u"/key/list=status:500"_qs << 5;
        QTest::newRow("list malformed") << list << u"/key/list=bad-json"_qs << 5;
    }
    void errorsExitCodes() {
        QFETCH(QStringList, args);
        QFETCH(QString, fault);
        QFETCH(int, exitCode);
        startSim();
        if (!fault.isEmpty()) {
            const auto parsed = SimFault::parse(fault);
            QVERIFY2(parsed.has_value(), qPrintable(fault));
            m_sim->addFault(*parsed);
        }
        const auto r = run(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.errText().contains(u"error: "), r.err.constData());
        QVERIFY(!r.errText().contains(m_sim->masterKey()));
    }
};

QTEST_GUILESS_MAIN(TestDeskctlKeys)
#include "tst_DeskctlKeys.moc"
