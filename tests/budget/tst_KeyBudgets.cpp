#include "core/api/KeyApi.h"
#include "core/budget/KeyBudgets.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTest>

// Ladders read from a simulated proxy over HTTP: team budgets with their members' budgets, personal
// keys' users and the proxy-wide budget.
class TestKeyBudgets : public QObject {
    Q_OBJECT
private slots:
    void init();
    void aKeyOfAnExhaustedTeamIsOverBudget();
    void aTeamAtItsBudgetIsNotExhausted();
    void memberAndUserAndProxyBudgetsAreOnTheLadder();
    void unreadableOwnersAreNamedNotFatal();

private:
    QList<KeyRecord> keys(const QString &teamId = {}, const QString &userId = {});
    QHash<QString, BudgetLadder> ladders(const QList<KeyRecord> &keys, QStringList *warnings = nullptr,
                                         ProxyClient *client = nullptr);
    SimTeam &teamWithSpend();

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
};

void TestKeyBudgets::init() {
    SimOptions o;
    o.keys = 300;
    o.teams = 10;
    o.users = 40;
    o.proxyMaxBudget = 1e9;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    ClientConfig c;
    c.baseUrl = m_sim->url();
    m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
}

QList<KeyRecord> TestKeyBudgets::keys(const QString &teamId, const QString &userId) {
    api::KeyListQuery q;
    q.teamId = teamId;
    q.userId = userId;
    q.size = 100;
    std::optional<Expected<api::KeyPage>> page;
    api::listKeys(*m_client, q, this, [&page](Expected<api::KeyPage> p) { page = std::move(p); });
    if (!QTest::qWaitFor([&] { return page.has_value(); }, 10000) || !page->has_value())
        qFatal("key list failed");
    return page->value().keys;
}

QHash<QString, BudgetLadder> TestKeyBudgets::ladders(const QList<KeyRecord> &list, QStringList *warnings,
                                                     ProxyClient *client) {
    KeyBudgets budgets(client ? client : m_client.get());
    QSignalSpy ready(&budgets, &KeyBudgets::ready);
    budgets.resolve(list);
    if (!ready.wait(10000))
        qFatal("no ladders");
    if (warnings)
        *warnings = ready.first().at(1).toStringList();
    return ready.first().first().value<QHash<QString, BudgetLadder>>();
}

SimTeam &TestKeyBudgets::teamWithSpend() {
    for (auto &t : m_sim->data().teams())
        if (m_sim->data().teamTotals(t.teamId).spend > 10)
            return t;
    qFatal("no team has spent anything");
}

void TestKeyBudgets::aKeyOfAnExhaustedTeamIsOverBudget() {
    SimTeam &team = teamWithSpend();
    const double spend = m_sim->data().teamTotals(team.teamId).spend;
    team.maxBudget = spend - 0.01;
    const auto list = keys(team.teamId);
    QVERIFY(!list.isEmpty());
    const auto all = ladders(list);
    for (const auto &k : list) {
        const BudgetLadder &l = all.value(k.token);
        QVERIFY(l.isOverBudget());
        if (!k.maxBudget || k.spend < *k.maxBudget) // a key over its own budget is named first
            QCOMPARE(l.limitedBy()->kind, BudgetKind::Team);
        QVERIFY(qAbs(l.limitedBy()->spend - spend) < 1e-6 || l.limitedBy()->kind == BudgetKind::Key);
    }
}

void TestKeyBudgets::aTeamAtItsBudgetIsNotExhausted() {
    SimTeam &team = teamWithSpend();
    const double spend = m_sim->data().teamTotals(team.teamId).spend;
    team.maxBudget = spend + 1e6; // far above, so only the team's own comparison matters below
    auto list = keys(team.teamId);
    list.removeIf([](const KeyRecord &k) { return k.maxBudget.has_value(); });
    QVERIFY(!list.isEmpty());
    // The reply rounds spend to JSON doubles; read the team's spend as the proxy reports it.
    team.maxBudget = spend;
    const auto all = ladders(list);
    for (const auto &k : list) {
        const BudgetLadder &l = all.value(k.token);
        const auto teamBudget = std::find_if(l.budgets.begin(), l.budgets.end(),
                                             [](const Budget &b) { return b.kind == BudgetKind::Team; });
        QVERIFY(teamBudget != l.budgets.end());
        QCOMPARE(teamBudget->spend, teamBudget->maxBudget);
        QVERIFY(!teamBudget->isExhausted()); // LiteLLM still serves a team at exactly its budget
    }
}

void TestKeyBudgets::memberAndUserAndProxyBudgetsAreOnTheLadder() {
    // A team key whose user has a budget in the team.
    SimTeam &team = teamWithSpend();
    const auto list = keys(team.teamId);
    KeyRecord key;
    for (const auto &k : list)
        if (!k.userId.isEmpty() && team.memberIndex(k.userId) >= 0)
            key = k;
    QVERIFY(!key.token.isEmpty());
    team.members[team.memberIndex(key.userId)].maxBudgetInTeam = 0.0; // exhausted at once (>=)
    const double memberSpend = m_sim->data().memberTotals(team.teamId, key.userId).spend;
    auto l = ladders({key}).value(key.token);
    QStringList kinds;
    for (const auto &b : l.budgets)
        kinds << budgetladder::kindName(b.kind);
    QVERIFY2(kinds.contains(u"team_member"_qs), qPrintable(kinds.join(u',')));
    QVERIFY(kinds.endsWith(u"proxy"_qs));
    QVERIFY(l.isOverBudget());
    const auto member = std::find_if(l.budgets.begin(), l.budgets.end(),
                                     [](const Budget &b) { return b.kind == BudgetKind::TeamMember; });
    QVERIFY(qAbs(member->spend - memberSpend) < 1e-6);

    // A personal key: its user's budget, not a team's.
    int u = -1;
    for (int i = 0; i < m_sim->data().users().size() && u < 0; ++i) {
        const auto personal = keys({}, m_sim->data().users().at(i).userId);
        for (const auto &k : personal)
            if (k.teamId.isEmpty() && !k.maxBudget)
                u = i, key = k;
    }
    QVERIFY(u >= 0);
    m_sim->data().users()[u].maxBudget = 1e6;
    l = ladders({key}).value(key.token);
    QCOMPARE(l.budgets.first().kind, BudgetKind::User);
    QCOMPARE(l.limitedBy()->kind, BudgetKind::User); // $1M left for the user, about $1G for the proxy
}

void TestKeyBudgets::unreadableOwnersAreNamedNotFatal() {
    const auto list = keys();
    m_sim->addFault(*SimFault::parse(u"/team/info=status:403"_qs)); // a caller who may not read teams
    QStringList warnings;
    const auto all = ladders(list, &warnings);
    QCOMPARE(all.size(), list.size());
    QVERIFY(!warnings.isEmpty());
    QVERIFY2(warnings.first().startsWith(u"team "), qPrintable(warnings.first()));
}

QTEST_GUILESS_MAIN(TestKeyBudgets)
#include "tst_KeyBudgets.moc"
