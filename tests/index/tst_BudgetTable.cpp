#include "core/index/KeyIndex.h"
#include "core/keys/KeyRisk.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

// The budgets above the keys as the key index keeps them, and the over-budget risk of its queries: a key
// is over budget when any budget on its ladder is exhausted, each kind compared as LiteLLM compares it.
class TestBudgetTable : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    static KeyRecord key(const QString &alias, const QString &teamId, const QString &userId) {
        QJsonObject row{
            {u"token"_qs, QString::fromLatin1(
                              QCryptographicHash::hash(alias.toUtf8(), QCryptographicHash::Sha256).toHex())},
            {u"key_alias"_qs, alias},
            {u"spend"_qs, 1.0},
            {u"models"_qs, QJsonArray{u"gpt-4o"_qs}},
            {u"max_budget"_qs, 100.0}}; // far from its own cap
        if (!teamId.isEmpty())
            row.insert(u"team_id"_qs, teamId);
        if (!userId.isEmpty())
            row.insert(u"user_id"_qs, userId);
        return keyRecordFromJson(row);
    }

    // Keys: a team key of ana in t1, a team key of bo in t1, ana's personal key, bo's personal key, a key
    // of t2 without a user, and a key with neither.
    std::unique_ptr<KeyIndex> index() {
        auto index = std::make_unique<KeyIndex>(m_dir.filePath(u"index-%1.sqlite"_qs.arg(++m_files)));
        if (!index->open())
            qFatal("no index");
        index->begin();
        index->store({key(u"t1-ana"_qs, u"t1"_qs, u"ana"_qs), key(u"t1-bo"_qs, u"t1"_qs, u"bo"_qs),
                      key(u"ana"_qs, {}, u"ana"_qs), key(u"bo"_qs, {}, u"bo"_qs), key(u"t2"_qs, u"t2"_qs, {}),
                      key(u"none"_qs, {}, {})},
                     QDateTime::currentDateTimeUtc(), false, u"sync"_qs);
        index->commit();
        return index;
    }

    static BudgetBook book() {
        BudgetBook b;
        b.readAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
        TeamRecord t1;
        t1.teamId = u"t1"_qs;
        t1.teamAlias = u"platform"_qs;
        t1.maxBudget = 500;
        t1.spend = 10;
        t1.budgetDuration = u"30d"_qs;
        t1.budgetResetAt = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
        TeamMember ana = TeamMember::withRole(u"ana"_qs, u"user"_qs);
        ana.userEmail = u"ana@example.com"_qs;
        ana.maxBudgetInTeam = 50;
        ana.spend = 5;
        t1.members << ana;
        b.teams.insert(t1.teamId, t1);
        TeamRecord t2;
        t2.teamId = u"t2"_qs;
        t2.maxBudget = 80;
        t2.spend = 1;
        b.teams.insert(t2.teamId, t2);
        UserRecord u;
        u.userId = u"ana"_qs;
        u.userEmail = u"ana@example.com"_qs;
        u.maxBudget = 20;
        u.spend = 2;
        b.users.insert(u.userId, u);
        b.warnings << u"User budgets could not be read (HTTP 403)."_qs;
        return b;
    }

    static QSet<QString> overBudget(const KeyIndex &index, bool many = false) {
        KeyIndexQuery q;
        q.risks = {KeyRisk::OverBudget};
        q.manyMatches = many;
        QSet<QString> out;
        for (const KeyRecord &k : index.keys(q, QDateTime::currentDateTimeUtc(), 0, 100))
            out.insert(k.keyAlias);
        if (index.count(q, QDateTime::currentDateTimeUtc()) != out.size())
            qFatal("count and rows differ");
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aBookComesBackAsItWasStored() {
        auto idx = index();
        QVERIFY(!idx->budgets().isRead());
        QVERIFY(idx->budgetsDue(QDateTime::currentDateTimeUtc()));
        const BudgetBook b = book();
        QVERIFY2(idx->storeBudgets(b), qPrintable(idx->lastError()));
        const BudgetBook back = idx->budgets();
        QCOMPARE(back.readAt, b.readAt);
        QCOMPARE(back.warnings, b.warnings);
        QCOMPARE(back.teams.size(), 2);
        const TeamRecord t1 = back.teams.value(u"t1"_qs);
        QCOMPARE(t1.teamAlias, u"platform"_qs);
        QCOMPARE(t1.maxBudget, std::optional<double>(500));
        QCOMPARE(t1.spend, 10.0);
        QCOMPARE(t1.budgetDuration, u"30d"_qs);
        QCOMPARE(t1.budgetResetAt, b.teams.value(u"t1"_qs).budgetResetAt);
        QCOMPARE(t1.members.size(), 1);
        QCOMPARE(t1.members.first().maxBudgetInTeam, std::optional<double>(50));
        QCOMPARE(t1.members.first().userEmail, u"ana@example.com"_qs);
        QCOMPARE(back.users.value(u"ana"_qs).maxBudget, std::optional<double>(20));
        QVERIFY(!back.proxyMaxBudget);
        // Each key's ladder from the stored book is the one from the book itself.
        for (const QString &alias : {u"t1-ana"_qs, u"ana"_qs, u"t2"_qs}) {
            const KeyRecord k = *idx->key(key(alias, {}, {}).token);
            QCOMPARE(budgetladder::toJson(back.ladder(k)), budgetladder::toJson(b.ladder(k)));
        }
        QCOMPARE(back.ladder(*idx->key(key(u"t1-ana"_qs, {}, {}).token)).budgets.size(),
                 3); // key, team, member
    }

    void budgetsAreDueAfterFiveMinutes() {
        auto idx = index();
        BudgetBook b = book();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        b.readAt = now.addSecs(-KeyIndex::kBudgetsMaxAgeSecs + 1);
        QVERIFY(idx->storeBudgets(b));
        QVERIFY(!idx->budgetsDue(now));
        b.readAt = now.addSecs(-KeyIndex::kBudgetsMaxAgeSecs);
        QVERIFY(idx->storeBudgets(b));
        QVERIFY(idx->budgetsDue(now));
    }

    // Each kind at its cap and a cent either side: a team (and the proxy) is exhausted only above its
    // budget, a key's user or team member budget already at it.
    void eachKindStopsItsKeysAtLiteLLMsComparison_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("spendMinusCap");
        QTest::addColumn<QStringList>("over");
        const QStringList none;
        QTest::newRow("team below") << u"team"_qs << -0.01 << none;
        QTest::newRow("team at") << u"team"_qs << 0.0 << none;
        QTest::newRow("team above") << u"team"_qs << 0.01 << QStringList{u"t1-ana"_qs, u"t1-bo"_qs};
        QTest::newRow("member below") << u"member"_qs << -0.01 << none;
        QTest::newRow("member at") << u"member"_qs << 0.0 << QStringList{u"t1-ana"_qs};
        QTest::newRow("member above") << u"member"_qs << 0.01 << QStringList{u"t1-ana"_qs};
        // ana's user budget stops her personal key only: LiteLLM checks it for keys without a team.
        QTest::newRow("user below") << u"user"_qs << -0.01 << none;
        QTest::newRow("user at") << u"user"_qs << 0.0 << QStringList{u"ana"_qs};
        QTest::newRow("user above") << u"user"_qs << 0.01 << QStringList{u"ana"_qs};
        const QStringList all{u"t1-ana"_qs, u"t1-bo"_qs, u"ana"_qs, u"bo"_qs, u"t2"_qs, u"none"_qs};
        QTest::newRow("proxy below") << u"proxy"_qs << -0.01 << none;
        QTest::newRow("proxy at") << u"proxy"_qs << 0.0 << none;
        QTest::newRow("proxy above") << u"proxy"_qs << 0.01 << all;
    }
    void eachKindStopsItsKeysAtLiteLLMsComparison() {
        QFETCH(QString, kind);
        QFETCH(double, spendMinusCap);
        QFETCH(QStringList, over);
        auto idx = index();
        BudgetBook b = book();
        if (kind == u"team")
            b.teams[u"t1"_qs].spend = 500 + spendMinusCap;
        else if (kind == u"member")
            b.teams[u"t1"_qs].members[0].spend = 50 + spendMinusCap;
        else if (kind == u"user")
            b.users[u"ana"_qs].spend = 20 + spendMinusCap;
        else {
            b.proxyMaxBudget = 1000;
            b.proxySpend = 1000 + spendMinusCap;
        }
        QVERIFY(idx->storeBudgets(b));
        const QSet<QString> expected(over.begin(), over.end());
        QCOMPARE(overBudget(*idx), expected);
        QCOMPARE(overBudget(*idx, true), expected);
        // The rule over the stored book agrees, key by key.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const BudgetBook back = idx->budgets();
        KeyIndexQuery all;
        for (const KeyRecord &k : idx->keys(all, now, 0, 100))
            QCOMPARE(keyrisk::risks(k, now, back.ladder(k)).contains(KeyRisk::OverBudget),
                     expected.contains(k.keyAlias));
    }

    void aKeyOverItsOwnBudgetStaysOver() {
        auto idx = index();
        KeyRecord k = key(u"own"_qs, u"t2"_qs, {});
        k.spend = 100; // at its own max_budget: LiteLLM refuses it
        QVERIFY(idx->recordKey(k));
        QVERIFY(idx->storeBudgets(book()));
        QCOMPARE(overBudget(*idx), QSet<QString>{u"own"_qs});
    }

    // A new book replaces the old one: a team whose budget was raised no longer stops its keys.
    void aNewBookReplacesTheOld() {
        auto idx = index();
        BudgetBook b = book();
        b.teams[u"t2"_qs].spend = 81;
        QVERIFY(idx->storeBudgets(b));
        QCOMPARE(overBudget(*idx), QSet<QString>{u"t2"_qs});
        b.teams[u"t2"_qs].maxBudget = 1000;
        b.users.clear();
        QVERIFY(idx->storeBudgets(b));
        QCOMPARE(overBudget(*idx), QSet<QString>());
        QVERIFY(idx->budgets().users.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBudgetTable)
#include "tst_BudgetTable.moc"
