#include "DeskctlRun.h"

#include "core/api/Json.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/keys/KeyRisk.h"
#include "sim/SimPeople.h"
#include "sim/Simulator.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

// litellm-deskctl keys sync / keys changes / keys list from the key index: the built binary against a
// simulator, with its own data folder.
class TestDeskctlKeysIndex : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_data;

    void startSim(int keys) {
        SimOptions o;
        o.keys = keys;
        m_sim = std::make_unique<Simulator>(o);
        if (!m_sim->listen())
            qFatal("the simulator could not listen");
        m_data = std::make_unique<QTemporaryDir>();
    }

    DeskctlRun run(QStringList args) {
        args << u"--url"_qs << m_sim->url().toString();
        QProcessEnvironment env = DeskctlRun::environment({}, m_sim->masterKey());
        env.insert(u"XDG_DATA_HOME"_qs, m_data->path());
        return DeskctlRun::run(args, env, 120000);
    }

    QString indexFile() const {
        QDirIterator it(m_data->path(), {u"*.sqlite"_qs}, QDir::Files, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    static QJsonObject object(const DeskctlRun &r) { return QJsonDocument::fromJson(r.out).object(); }
    static QJsonArray array(const DeskctlRun &r) { return QJsonDocument::fromJson(r.out).array(); }

    // Every live key of the simulator, read as the client reads /key/list's full objects.
    QList<KeyRecord> allKeys() const {
        QList<KeyRecord> out;
        const SimKeyStore &keys = m_sim->data().keys();
        for (qint64 i = 0; i < keys.size(); ++i)
            if (keys.isLive(i))
                out << keyRecordFromJson(keys.key(i).toJson(true));
        return out;
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }
    void cleanup() { m_sim.reset(); }

    void syncReportsWhatItDid() {
        startSim(640);
        auto r = run({u"keys"_qs, u"sync"_qs, u"--format"_qs, u"json"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QJsonObject o = object(r);
        QCOMPARE(o.value(u"keys"_qs).toInteger(), 640);
        QCOMPARE(o.value(u"created"_qs).toInteger(), 640);
        QCOMPARE(o.value(u"requests"_qs).toInteger(), 9); // probe, 7 pages, recent pass
        // Then the budgets above the keys: the proxy's, 1 page of teams, each team's members (8 teams,
        // each with members), 1 page of users.
        QJsonObject budgets = o.value(u"budgets"_qs).toObject();
        QCOMPARE(budgets.value(u"requests"_qs).toInteger(), 11);
        int teamBudgets = 0, memberBudgets = 0, userBudgets = 0;
        for (const SimTeam &t : m_sim->data().teams()) {
            teamBudgets += t.maxBudget.has_value();
            for (const SimMember &m : t.members)
                memberBudgets += m.maxBudgetInTeam.has_value();
        }
        for (const SimUser &u : m_sim->data().users())
            userBudgets += u.maxBudget.has_value();
        QVERIFY(teamBudgets > 0 && memberBudgets > 0 && userBudgets > 0);
        QCOMPARE(budgets.value(u"teams"_qs).toInteger(), teamBudgets);
        QCOMPARE(budgets.value(u"team_members"_qs).toInteger(), memberBudgets);
        QCOMPARE(budgets.value(u"users"_qs).toInteger(), userBudgets);
        QCOMPARE(budgets.value(u"warnings"_qs).toArray().size(), 0);
        QVERIFY(o.value(u"seconds"_qs).isDouble());
        QVERIFY(o.value(u"full"_qs).toBool());
        const QString file = indexFile();
        QVERIFY(!file.isEmpty());
        QCOMPARE(QFileInfo(file).permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFileDevice::Permissions());

        const qint64 before = m_sim->requestLog().size();
        r = run({u"keys"_qs, u"sync"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        o = object(r);
        QVERIFY(m_sim->requestLog().size() - before <= 3);
        QCOMPARE(o.value(u"requests"_qs).toInteger(), m_sim->requestLog().size() - before);
        // Budgets read a moment ago are not read again (5 minutes).
        QCOMPARE(o.value(u"budgets"_qs).toObject().value(u"requests"_qs).toInteger(), 0);
        QCOMPARE(o.value(u"budgets"_qs).toObject().value(u"teams"_qs).toInteger(), teamBudgets);
        QCOMPARE(o.value(u"created"_qs).toInteger() + o.value(u"changed"_qs).toInteger() +
                     o.value(u"deleted"_qs).toInteger(),
                 0);
        r = run({u"keys"_qs, u"sync"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"requests"_qs));
        QVERIFY(!r.outText().contains(m_sim->masterKey()));
    }

    void syncRejectsMoreThanFourInFlight() {
        startSim(10);
        const auto r = run({u"keys"_qs, u"sync"_qs, u"--concurrency"_qs, u"5"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(u"--concurrency"_qs));
    }

    // The journal's keep period is remembered in the connection's index, so the app prunes by it too;
    // entries older than it go at the next sync, younger ones stay.
    void keepChangesIsRememberedAndPrunes() {
        startSim(10);
        QCOMPARE(run({u"keys"_qs, u"sync"_qs, u"--keep-changes"_qs, u"0"_qs}).exitCode, 2);
        QCOMPARE(run({u"keys"_qs, u"sync"_qs, u"--keep-changes"_qs, u"3651"_qs}).exitCode, 2);
        const auto bad = run({u"keys"_qs, u"sync"_qs, u"--keep-changes"_qs, u"a week"_qs});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.errText().contains(u"--keep-changes"_qs));
        QCOMPARE(run({u"keys"_qs, u"sync"_qs}).exitCode, 0);
        {
            KeyIndex index(indexFile());
            QVERIFY(index.open());
            QCOMPARE(KeyIndexSync::keepDays(index), KeyIndexSync::kDefaultKeepDays);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (const int daysAgo : {29, 31}) {
                JournalEntry e;
                e.at = now.addDays(-daysAgo);
                e.kind = JournalEntry::Kind::Changed;
                e.token = u"t%1"_qs.arg(daysAgo);
                e.field = u"max_budget"_qs;
                e.source = u"sync"_qs;
                QVERIFY(index.journal().write(e));
            }
        }
        QCOMPARE(run({u"keys"_qs, u"sync"_qs, u"--keep-changes"_qs, u"30"_qs}).exitCode, 0);
        QCOMPARE(run({u"keys"_qs, u"sync"_qs}).exitCode, 0); // remembered, not reset to 90
        KeyIndex index(indexFile());
        QVERIFY(index.open());
        QCOMPARE(KeyIndexSync::keepDays(index), 30);
        QStringList left;
        for (const JournalEntry &e : index.journal().entries({}))
            left << e.token;
        QCOMPARE(left, QStringList{u"t29"_qs});
    }

    // Each risk over every key, exactly as core/keys/KeyRisk flags the proxy's full key list.
    void listByRiskAnswersOverEveryKey() {
        startSim(1200);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QList<KeyRecord> keys = allKeys();
        // Over budget takes in every budget above a key: the proxy's own key list, with each key's ladder
        // read live team by team and user by user (not from the index), says which keys.
        const auto live =
            run({u"keys"_qs, u"list"_qs, u"--no-index"_qs, u"--all"_qs, u"--format"_qs, u"json"_qs});
        QVERIFY2(live.exitCode == 0, qPrintable(live.errText()));
        QSet<QString> overLive;
        for (const auto &v : QJsonDocument::fromJson(live.out).array())
            if (v[u"risks"_qs].toArray().contains(keyrisk::name(KeyRisk::OverBudget)))
                overLive.insert(v[u"token"_qs].toString());
        for (const KeyRisk risk : keyrisk::allRisks()) {
            const auto r = run({u"keys"_qs, u"list"_qs, u"--risk"_qs, keyrisk::name(risk), u"--all"_qs,
                                u"--format"_qs, u"csv"_qs});
            QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
            QSet<QString> got, expected;
            const QStringList lines = r.outText().split(u'\n', Qt::SkipEmptyParts);
            for (qsizetype i = 1; i < lines.size(); ++i)
                got.insert(lines.at(i).section(u',', 0, 0));
            for (const auto &k : keys)
                if (keyrisk::risks(k, now).contains(risk))
                    expected.insert(k.token);
            if (risk == KeyRisk::OverBudget) {
                QVERIFY(expected.size() < overLive.size() && overLive.contains(expected));
                expected = overLive;
            }
            QVERIFY2(got == expected, qPrintable(keyrisk::name(risk)));
        }
    }

    void listSortsByExpiryOverEveryKey() {
        startSim(800);
        const auto r = run({u"keys"_qs, u"list"_qs, u"--sort"_qs, u"expires:asc"_qs, u"--limit"_qs, u"5"_qs,
                            u"--format"_qs, u"csv"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QList<QDateTime> expiries;
        for (const auto &k : allKeys())
            if (k.expires.isValid())
                expiries << k.expires;
        std::sort(expiries.begin(), expiries.end());
        const QStringList lines = r.outText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines.first().startsWith(u"token,key_name,key_alias"_qs)); // the same CSV fields as today
        const int column = int(lines.first().split(u',').indexOf(u"expires"_qs));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(json::dateTime(lines.at(i + 1).split(u',').at(column)), expiries.at(i));
    }

    void noIndexRefusesWhatOnlyTheIndexCanAnswer() {
        startSim(10);
        const auto r = run({u"keys"_qs, u"list"_qs, u"--risk"_qs, u"idle"_qs, u"--no-index"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.errText().contains(u"--no-index"_qs));
        QVERIFY(indexFile().isEmpty());
        const auto bad = run({u"keys"_qs, u"list"_qs, u"--risk"_qs, u"expensive"_qs});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.errText().contains(u"over_budget"_qs));
    }

    void changesListTheJournal() {
        startSim(300);
        QCOMPARE(run({u"keys"_qs, u"sync"_qs}).exitCode, 0);
        SimKeyStore &store = m_sim->data().keys();
        SimKey k = store.key(3);
        k.maxBudget = 1234;
        k.updatedAt = QDateTime::currentMSecsSinceEpoch();
        store.put(k);
        SimKey spender = store.key(4); // spend written as LiteLLM writes it: updated_at moves too
        spender.spend += 2.5;
        spender.updatedAt = QDateTime::currentMSecsSinceEpoch();
        store.put(spender);
        QCOMPARE(run({u"keys"_qs, u"sync"_qs}).exitCode, 0);

        auto r = run({u"keys"_qs, u"changes"_qs, u"--format"_qs, u"json"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const QJsonArray entries = array(r);
        QCOMPARE(entries.size(), 2);
        QJsonObject budget, spend;
        for (const auto &v : entries)
            (v.toObject().value(u"kind"_qs).toString() == u"spend" ? spend : budget) = v.toObject();
        QCOMPARE(budget.value(u"field"_qs).toString(), u"max_budget"_qs);
        QCOMPARE(budget.value(u"new_value"_qs).toString(), u"1234"_qs);
        QCOMPARE(budget.value(u"token"_qs).toString(), k.token);
        QCOMPARE(spend.value(u"spend_delta"_qs).toDouble(), 2.5);

        r = run({u"keys"_qs, u"changes"_qs, u"--key"_qs, k.token, u"--format"_qs, u"csv"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.outText().split(u'\n', Qt::SkipEmptyParts).size(), 2);
        QVERIFY(
            r.outText().startsWith(u"at,kind,token,key_alias,team_id,field,old_value,new_value,source"_qs));
        r = run({u"keys"_qs, u"changes"_qs, u"--since"_qs, u"2099-01-01"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(array(r).size(), 0);
        r = run({u"keys"_qs, u"changes"_qs, u"--since"_qs, u"1h"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(array(r).size(), 2);
        r = run({u"keys"_qs, u"changes"_qs, u"--since"_qs, u"yesterday-ish"_qs});
        QCOMPARE(r.exitCode, 2);
    }

    // The CLI syncs while another connection (the app) reads the same index: neither fails.
    void theCliSyncsWhileTheAppReads() {
        startSim(1500);
        QCOMPARE(run({u"keys"_qs, u"sync"_qs}).exitCode, 0);
        KeyIndex app(indexFile());
        QVERIFY(app.open());
        int reads = 0;
        bool failed = false;
        QTimer reader;
        connect(&reader, &QTimer::timeout, this, [&] {
            KeyIndexQuery q;
            q.risks = {KeyRisk::NeverExpires};
            const auto keys = app.keys(q, QDateTime::currentDateTimeUtc(), 0, 50);
            failed = failed || keys.isEmpty() || app.keyCount() != 1500;
            ++reads;
        });
        reader.start(5);
        const auto r = run({u"keys"_qs, u"sync"_qs, u"--full"_qs, u"--format"_qs, u"json"_qs});
        reader.stop();
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        QVERIFY(reads > 5);
        QVERIFY(!failed);
        QCOMPARE(object(r).value(u"keys"_qs).toInteger(), 1500);
    }
};

QTEST_GUILESS_MAIN(TestDeskctlKeysIndex)
#include "tst_DeskctlKeysIndex.moc"
