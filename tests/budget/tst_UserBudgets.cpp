// The budgets that apply to a user: their own and each of their teams' (and their budget within a team),
// nearest to its cap first, an exhausted one first of all; teams without a budget are not listed.
#include "core/budget/UserBudgets.h"

#include <QTest>

namespace {

TeamRecord team(const QString &id, double spend, std::optional<double> maxBudget) {
    TeamRecord t;
    t.teamId = id;
    t.teamAlias = id + u"-alias";
    t.spend = spend;
    t.maxBudget = maxBudget;
    return t;
}

QStringList order(const QList<Budget> &budgets) {
    QStringList out;
    for (const Budget &b : budgets)
        out << budgetladder::kindName(b.kind) + u':' + b.id;
    return out;
}

} // namespace

class TestUserBudgets : public QObject {
    Q_OBJECT
private slots:
    void nearestToItsCapFirst();
    void anExhaustedBudgetComesFirst();
    void memberBudgetWithinATeam();
    void noBudgetNoLadder();
};

void TestUserBudgets::nearestToItsCapFirst() {
    UserRecord u;
    u.userId = QStringLiteral("u1");
    u.userEmail = QStringLiteral("u1@example.com");
    u.spend = 10;
    u.maxBudget = 110; // $100 left
    u.teams = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("unknown")};
    const QList<TeamRecord> teams{team(QStringLiteral("a"), 450, 500), // $50 left
                                  team(QStringLiteral("b"), 99, 100),  // $1 left
                                  team(QStringLiteral("c"), 5, std::nullopt),
                                  team(QStringLiteral("other"), 0, 1)}; // not the user's
    QCOMPARE(order(userbudgets::ladder(u, teams)),
             (QStringList{QStringLiteral("team:b"), QStringLiteral("team:a"), QStringLiteral("user:u1")}));
    QCOMPARE(budgetladder::describe(userbudgets::ladder(u, teams).first()),
             QStringLiteral("team b-alias, $99.00 of $100.00"));
}

void TestUserBudgets::anExhaustedBudgetComesFirst() {
    UserRecord u;
    u.userId = QStringLiteral("u1");
    u.spend = 100;
    u.maxBudget = 100; // a user's budget is exhausted at spend >= max_budget
    u.teams = {QStringLiteral("a")};
    // A team's is exhausted only above it: at $0 left it still serves, so the user's comes first.
    QList<Budget> budgets = userbudgets::ladder(u, {team(QStringLiteral("a"), 100, 100)});
    QCOMPARE(order(budgets), (QStringList{QStringLiteral("user:u1"), QStringLiteral("team:a")}));
    QVERIFY(budgets.at(0).isExhausted());
    QVERIFY(!budgets.at(1).isExhausted());
    // Both exhausted: the one furthest over its cap first.
    budgets = userbudgets::ladder(u, {team(QStringLiteral("a"), 100.01, 100)});
    QCOMPARE(order(budgets), (QStringList{QStringLiteral("team:a"), QStringLiteral("user:u1")}));
    QVERIFY(budgets.at(0).isExhausted() && budgets.at(1).isExhausted());
}

void TestUserBudgets::memberBudgetWithinATeam() {
    UserRecord u;
    u.userId = QStringLiteral("u1");
    u.teams = {QStringLiteral("a")};
    TeamRecord a = team(QStringLiteral("a"), 10, 1000);
    TeamMember m = TeamMember::withRole(QStringLiteral("u1"), QStringLiteral("user"));
    m.spend = 8;
    m.maxBudgetInTeam = 10; // $2 left
    a.members << m;
    QCOMPARE(order(userbudgets::ladder(u, {a})),
             (QStringList{QStringLiteral("team_member:u1"), QStringLiteral("team:a")}));
}

void TestUserBudgets::noBudgetNoLadder() {
    UserRecord u;
    u.userId = QStringLiteral("u1");
    u.teams = {QStringLiteral("a")};
    QVERIFY(userbudgets::ladder(u, {team(QStringLiteral("a"), 10, std::nullopt)}).isEmpty());
}

QTEST_GUILESS_MAIN(TestUserBudgets)
#include "tst_UserBudgets.moc"
