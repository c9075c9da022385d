// The teams table: pages of /v2/team/list on demand with the proxy's sort and alias filter, the whole
// /team/list of older proxies filtered and sorted here, the columns people read, and the risk flags.
#include "core/itemmodels/TeamTableModel.h"

#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

namespace {

std::unique_ptr<Simulator> startSimulator(int teams, bool v2 = true) {
    SimOptions options;
    options.teams = teams;
    options.v2TeamList = v2;
    auto sim = std::make_unique<Simulator>(options);
    if (!sim->listen(0))
        qFatal("simulator did not start: %s", qPrintable(sim->errorString()));
    return sim;
}

std::unique_ptr<ProxyClient> clientFor(Simulator &sim) {
    ClientConfig config;
    config.baseUrl = sim.url();
    return std::make_unique<ProxyClient>(config, sim.masterKey());
}

QList<QUrlQuery> requestsTo(const Simulator &sim, const QString &path) {
    QList<QUrlQuery> out;
    for (const QString &line : sim.requestLog())
        if (line.section(u'?', 0, 0) == path)
            out << QUrlQuery(line.section(u'?', 1));
    return out;
}

TeamRecord team(const QString &id, double spend, std::optional<double> maxBudget) {
    TeamRecord t;
    t.teamId = id;
    t.teamAlias = id;
    t.spend = spend;
    t.maxBudget = maxBudget;
    return t;
}

QString cell(const TeamTableModel &model, int row, TeamTableModel::Column column) {
    return model.index(row, int(column)).data().toString();
}

} // namespace

class TestTeamTableModel : public QObject {
    Q_OBJECT
private slots:
    void pagesOnDemand();
    void sortAndFilterGoToTheProxy();
    void anOlderProxyListsEveryTeamAtOnce();
    void riskFlags_data();
    void riskFlags();
    void columnsReadAsPeopleSayThem();
    void failureIsReported();
};

void TestTeamTableModel::pagesOnDemand() {
    auto sim = startSimulator(120);
    auto client = clientFor(*sim);
    TeamTableModel model;
    model.setClient(client.get());
    QVERIFY(!model.canFetchMore({}));
    model.reload();
    QTRY_COMPARE(model.rowCount(), 50);
    QCOMPARE(model.totalCount().value_or(-1), 120);
    QVERIFY(!model.isWholeList());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one page on the wire at a time
    QTRY_COMPARE(model.rowCount(), 100);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 120);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    const auto requests = requestsTo(*sim, QStringLiteral("/v2/team/list"));
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.last().queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
}

void TestTeamTableModel::sortAndFilterGoToTheProxy() {
    auto sim = startSimulator(30);
    auto client = clientFor(*sim);
    TeamTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    model.reload();
    QTRY_VERIFY(model.rowCount() > 0);
    model.sort(int(TeamTableModel::Column::Alias), Qt::DescendingOrder);
    QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
    auto last = requestsTo(*sim, QStringLiteral("/v2/team/list")).last();
    QCOMPARE(last.queryItemValue(QStringLiteral("sort_by")), QStringLiteral("team_alias"));
    QCOMPARE(last.queryItemValue(QStringLiteral("sort_order")), QStringLiteral("desc"));
    const QString alias = model.teamAt(0)->teamAlias;
    QVERIFY(!alias.isEmpty());
    model.setAliasFilter(alias.left(alias.size() - 1).toUpper());
    model.reload();
    QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
    last = requestsTo(*sim, QStringLiteral("/v2/team/list")).last();
    QCOMPARE(last.queryItemValue(QStringLiteral("team_alias")), alias.left(alias.size() - 1).toUpper());
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.teamAt(row)->teamAlias.contains(alias.left(alias.size() - 1), Qt::CaseInsensitive));
}

void TestTeamTableModel::anOlderProxyListsEveryTeamAtOnce() {
    auto sim = startSimulator(70, false);
    auto client = clientFor(*sim);
    TeamTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    model.reload();
    QTRY_COMPARE(model.rowCount(), 70);
    QVERIFY(model.isWholeList());
    QVERIFY(!model.canFetchMore({}));
    const QString first = model.teamAt(0)->teamAlias;
    model.sort(int(TeamTableModel::Column::Alias), Qt::DescendingOrder);
    QCOMPARE(model.rowCount(), 70);
    QCOMPARE(model.teamAt(69)->teamAlias, first); // sorted here, not asked again
    const int asked = int(requestsTo(*sim, QStringLiteral("/team/list")).size());
    model.setAliasFilter(first);
    QVERIFY(model.rowCount() >= 1);
    QVERIFY(model.rowCount() < 70);
    QCOMPARE(requestsTo(*sim, QStringLiteral("/team/list")).size(), asked);
    model.setAliasFilter({});
    QCOMPARE(model.rowCount(), 70);
}

void TestTeamTableModel::riskFlags_data() {
    QTest::addColumn<double>("spend");
    QTest::addColumn<std::optional<double>>("maxBudget");
    QTest::addColumn<QStringList>("risks");
    const std::optional<double> none;
    QTest::newRow("79.99% is not near") << 79.99 << std::optional<double>(100) << QStringList{};
    QTest::newRow("80% exactly is not near (LiteLLM's > 80%)")
        << 80.0 << std::optional<double>(100) << QStringList{};
    QTest::newRow("80.01% is near") << 80.01 << std::optional<double>(100)
                                    << QStringList{QStringLiteral("near_budget")};
    QTest::newRow("at the budget is near, not over")
        << 100.0 << std::optional<double>(100) << QStringList{QStringLiteral("near_budget")};
    QTest::newRow("above the budget is over")
        << 100.01 << std::optional<double>(100) << QStringList{QStringLiteral("over_budget")};
    QTest::newRow("no budget") << 5.0 << none << QStringList{QStringLiteral("no_budget")};
}

void TestTeamTableModel::riskFlags() {
    QFETCH(double, spend);
    QFETCH(std::optional<double>, maxBudget);
    QFETCH(QStringList, risks);
    TeamTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.putTeam(team(QStringLiteral("t1"), spend, maxBudget));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(TeamTableModel::RisksRole).toStringList(), risks);
}

void TestTeamTableModel::columnsReadAsPeopleSayThem() {
    TeamTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    TeamRecord t = team(QStringLiteral("t1"), 412, 500);
    t.tpmLimit = 100000;
    t.rpmLimit = 60;
    t.keysCount = 3;
    t.blocked = true;
    model.putTeam(t);
    using C = TeamTableModel::Column;
    QCOMPARE(cell(model, 0, C::Spend), QStringLiteral("$412.00 of $500.00"));
    // The Teams page draws spend against budget as a bar from this share.
    QCOMPARE(model.index(0, int(C::Spend)).data(TeamTableModel::SpendShareRole).toDouble(), 412.0 / 500.0);
    QVERIFY(!model.index(0, int(C::Alias)).data(TeamTableModel::SpendShareRole).isValid());
    QCOMPARE(cell(model, 0, C::Models), QStringLiteral("All proxy models"));
    QCOMPARE(cell(model, 0, C::Limits), QStringLiteral("100,000 / 60"));
    QCOMPARE(cell(model, 0, C::Keys), QStringLiteral("3"));
    QCOMPARE(cell(model, 0, C::Blocked), QStringLiteral("Blocked"));
    QCOMPARE(cell(model, 0, C::Risks), QStringLiteral(">80% budget, blocked"));
    t.models = {QStringLiteral("all-proxy-models")};
    t.blocked = false;
    t.maxBudget.reset();
    model.putTeam(t); // the same team: changed in place
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, C::Models), QStringLiteral("All proxy models"));
    QCOMPARE(cell(model, 0, C::Spend), QStringLiteral("$412.00 · no budget"));
    QVERIFY(!model.index(0, int(C::Spend)).data(TeamTableModel::SpendShareRole).isValid()); // no bar
    QCOMPARE(cell(model, 0, C::Keys), QStringLiteral("3")); // an action's answer keeps the list's count
    t.models = {QStringLiteral("gpt-4o"), QStringLiteral("claude-3")};
    model.putTeam(t);
    QCOMPARE(cell(model, 0, C::Models), QStringLiteral("gpt-4o, claude-3"));
    model.removeTeam(QStringLiteral("t1"));
    QCOMPARE(model.rowCount(), 0);
}

void TestTeamTableModel::failureIsReported() {
    auto sim = startSimulator(10);
    sim->addFault({QStringLiteral("/v2/team/list"), SimFault::Kind::Status, 500});
    auto client = clientFor(*sim);
    TeamTableModel model;
    QSignalSpy failed(&model, &TeamTableModel::failed);
    model.setClient(client.get());
    model.reload();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

QTEST_GUILESS_MAIN(TestTeamTableModel)
#include "tst_TeamTableModel.moc"
