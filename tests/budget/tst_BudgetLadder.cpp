#include "core/budget/BudgetLadder.h"

#include <QTest>
#include <QTimeZone>

// The ladder of budgets LiteLLM checks before it serves a key, at and around each cap.
class TestBudgetLadder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void eachKindAtAndAroundItsCap_data();
    void eachKindAtAndAroundItsCap();
    void aKeyWithoutABudgetIsStoppedByItsTeam();
    void theUserBudgetAppliesToPersonalKeysOnly();
    void theMemberBudgetAppliesToTheKeysUserOnly();
    void nearestIsTheLeastMoneyLeft();
    void aTieGoesToTheBudgetLiteLLMChecksFirst();
    void anExhaustedBudgetWinsInLiteLLMsOrder();
    void noBudgetsNoLimit();
    void saysWhichBudgetLimitsAndWhenItResets();
    void jsonNamesEveryBudget();

private:
    static KeyRecord key(std::optional<double> maxBudget = {}, double spend = 0) {
        KeyRecord k;
        k.token = QStringLiteral("hash");
        k.keyAlias = QStringLiteral("ci-bot");
        k.userId = QStringLiteral("u1");
        k.teamId = QStringLiteral("t1");
        k.maxBudget = maxBudget;
        k.spend = spend;
        return k;
    }
    static TeamRecord team(std::optional<double> maxBudget = {}, double spend = 0) {
        TeamRecord t;
        t.teamId = QStringLiteral("t1");
        t.teamAlias = QStringLiteral("platform-frontend");
        t.maxBudget = maxBudget;
        t.spend = spend;
        return t;
    }
    static UserRecord user(std::optional<double> maxBudget = {}, double spend = 0) {
        UserRecord u;
        u.userId = QStringLiteral("u1");
        u.userEmail = QStringLiteral("ana@example.com");
        u.maxBudget = maxBudget;
        u.spend = spend;
        return u;
    }
    static TeamMember member(std::optional<double> maxBudget, double spend) {
        TeamMember m = TeamMember::withRole(QStringLiteral("u1"), QStringLiteral("user"));
        m.userEmail = QStringLiteral("ana@example.com");
        m.maxBudgetInTeam = maxBudget;
        m.spend = spend;
        return m;
    }
};

void TestBudgetLadder::eachKindAtAndAroundItsCap_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<double>("spend");
    QTest::addColumn<bool>("exhausted");
    // A key, a user and a team member are refused once spend reaches the budget (">=" in LiteLLM);
    // a team and the proxy only once spend is above it (">").
    for (const char *kind : {"key", "user", "team_member"}) {
        QTest::addRow("%s below", kind) << kind << 99.99 << false;
        QTest::addRow("%s at", kind) << kind << 100.0 << true;
        QTest::addRow("%s above", kind) << kind << 100.01 << true;
    }
    for (const char *kind : {"team", "proxy"}) {
        QTest::addRow("%s below", kind) << kind << 99.99 << false;
        QTest::addRow("%s at", kind) << kind << 100.0 << false;
        QTest::addRow("%s above", kind) << kind << 100.01 << true;
    }
}

void TestBudgetLadder::eachKindAtAndAroundItsCap() {
    QFETCH(QString, kind);
    QFETCH(double, spend);
    QFETCH(bool, exhausted);
    KeyRecord k = key();
    TeamRecord t = team();
    UserRecord u = user();
    BudgetOwners owners{&t, &u, {}, {}};
    if (kind == u"key") {
        k.maxBudget = 100;
        k.spend = spend;
    } else if (kind == u"team") {
        t.maxBudget = 100;
        t.spend = spend;
    } else if (kind == u"user") {
        k.teamId.clear();
        u.maxBudget = 100;
        u.spend = spend;
    } else if (kind == u"team_member") {
        t.members << member(100, spend);
    } else {
        owners.proxyMaxBudget = 100;
        owners.proxySpend = spend;
    }
    const BudgetLadder ladder = budgetLadder(k, owners);
    QCOMPARE(ladder.budgets.size(), 1);
    QCOMPARE(budgetladder::kindName(ladder.budgets.first().kind), kind);
    QCOMPARE(ladder.isOverBudget(), exhausted);
    QCOMPARE(ladder.limitedBy()->spend, spend);
    QCOMPARE(budgetladder::summary(ladder).startsWith(exhausted ? u"Over budget: " : u"Limited by: "), true);
}

void TestBudgetLadder::aKeyWithoutABudgetIsStoppedByItsTeam() {
    const KeyRecord k = key();
    const TeamRecord t = team(500, 500.5);
    const BudgetLadder ladder = budgetLadder(k, {&t, nullptr, {}, {}});
    QVERIFY(ladder.isOverBudget());
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::Team);
    QCOMPARE(ladder.limitedBy()->id, QStringLiteral("t1"));
    // Another team's record is not this key's team.
    TeamRecord other = team(1, 5);
    other.teamId = QStringLiteral("t2");
    QVERIFY(budgetLadder(k, {&other, nullptr, {}, {}}).budgets.isEmpty());
}

void TestBudgetLadder::theUserBudgetAppliesToPersonalKeysOnly() {
    const UserRecord u = user(10, 50);
    KeyRecord teamKey = key();
    QVERIFY(budgetLadder(teamKey, {nullptr, &u, {}, {}}).budgets.isEmpty());
    KeyRecord personal = key();
    personal.teamId.clear();
    const BudgetLadder ladder = budgetLadder(personal, {nullptr, &u, {}, {}});
    QCOMPARE(ladder.budgets.size(), 1);
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::User);
    QCOMPARE(ladder.limitedBy()->name, QStringLiteral("ana@example.com"));
    QVERIFY(ladder.isOverBudget());
}

void TestBudgetLadder::theMemberBudgetAppliesToTheKeysUserOnly() {
    TeamRecord t = team(1000, 10);
    TeamMember other = member(5, 5);
    other.userId = QStringLiteral("u2");
    t.members << other << member(std::nullopt, 3);
    BudgetLadder ladder = budgetLadder(key(), {&t, nullptr, {}, {}});
    QCOMPARE(ladder.budgets.size(), 1); // u1 has no budget in the team; u2's is not this key's
    QCOMPARE(ladder.budgets.first().kind, BudgetKind::Team);
    t.members.last().maxBudgetInTeam = 20;
    ladder = budgetLadder(key(), {&t, nullptr, {}, {}});
    QCOMPARE(ladder.budgets.size(), 2);
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::TeamMember);
    QCOMPARE(ladder.limitedBy()->remaining(), 17.0);
    QVERIFY(!ladder.isOverBudget());
}

void TestBudgetLadder::nearestIsTheLeastMoneyLeft() {
    // The key is at 90% of $10 ($1 left), the team at 50% of $1000 ($500 left): the key stops first.
    const TeamRecord t = team(1000, 500);
    BudgetLadder ladder = budgetLadder(key(10, 9), {&t, nullptr, {}, {}});
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::Key);
    // The team has $0.50 left, the key $1: the team stops first though its share is lower.
    const TeamRecord tight = team(1000, 999.5);
    ladder = budgetLadder(key(10, 9), {&tight, nullptr, {}, {}});
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::Team);
    QVERIFY(!ladder.isOverBudget());
}

void TestBudgetLadder::aTieGoesToTheBudgetLiteLLMChecksFirst() {
    const TeamRecord t = team(100, 90);
    const BudgetLadder ladder = budgetLadder(key(20, 10), {&t, nullptr, {}, {}});
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::Key);
}

void TestBudgetLadder::anExhaustedBudgetWinsInLiteLLMsOrder() {
    // The team is over by $1, the proxy by $50; LiteLLM checks the team first and says so.
    const TeamRecord t = team(100, 101);
    const BudgetLadder ladder = budgetLadder(key(), {&t, nullptr, 1050.0, 1000.0});
    QCOMPARE(ladder.budgets.size(), 2);
    QCOMPARE(ladder.limitedBy()->kind, BudgetKind::Team);
    QVERIFY(ladder.isOverBudget());
}

void TestBudgetLadder::noBudgetsNoLimit() {
    const TeamRecord t = team();
    const UserRecord u = user();
    const BudgetLadder ladder = budgetLadder(key(), {&t, &u, 10.0, 0.0}); // max_budget 0: the proxy has none
    QVERIFY(ladder.budgets.isEmpty());
    QVERIFY(!ladder.limitedBy());
    QVERIFY(!ladder.isOverBudget());
    QCOMPARE(budgetladder::summary(ladder), QStringLiteral("No budget applies"));
    KeyRecord hashOnly = key(10, 50);
    hashOnly.hashOnly = true;
    QVERIFY(budgetLadder(hashOnly, {}).budgets.isEmpty());
}

void TestBudgetLadder::saysWhichBudgetLimitsAndWhenItResets() {
    TeamRecord t = team(500, 412);
    t.budgetDuration = QStringLiteral("30d");
    t.budgetResetAt = QDateTime(QDate(2026, 12, 31), QTime(0, 0), QTimeZone::utc());
    const BudgetLadder ladder = budgetLadder(key(), {&t, nullptr, {}, {}});
    QCOMPARE(budgetladder::summary(ladder),
             QStringLiteral("Limited by: team platform-frontend, $412.00 of $500.00, resets Dec 31"));
    const BudgetLadder over = budgetLadder(key(5, 5), {});
    QCOMPARE(budgetladder::summary(over), QStringLiteral("Over budget: key ci-bot, $5.00 of $5.00"));
}

void TestBudgetLadder::jsonNamesEveryBudget() {
    TeamRecord t = team(500, 412);
    t.budgetResetAt = QDateTime(QDate(2026, 12, 31), QTime(0, 0), QTimeZone::utc());
    t.members << member(50, 50);
    const QJsonArray json = budgetladder::toJson(budgetLadder(key(100, 1), {&t, nullptr, 412.0, 10000.0}));
    QCOMPARE(json.size(), 4);
    QStringList kinds;
    for (const auto &b : json)
        kinds << b.toObject().value("kind").toString();
    QCOMPARE(kinds, (QStringList{"key", "team", "team_member", "proxy"}));
    const QJsonObject team = json.at(1).toObject();
    QCOMPARE(team.value("id").toString(), QStringLiteral("t1"));
    QCOMPARE(team.value("remaining").toDouble(), 88.0);
    QCOMPARE(team.value("exhausted").toBool(), false);
    QCOMPARE(team.value("reset_at").toString(), QStringLiteral("2026-12-31T00:00:00.000000Z"));
    QCOMPARE(json.at(2).toObject().value("exhausted").toBool(), true);
    QVERIFY(json.at(3).toObject().value("id").isNull());
}

QTEST_GUILESS_MAIN(TestBudgetLadder)
#include "tst_BudgetLadder.moc"
