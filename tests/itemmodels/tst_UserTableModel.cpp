// The users table: pages of /user/list on demand, the proxy's sort and filters, dedup, failures.
#include "core/itemmodels/UserTableModel.h"

#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

namespace {

std::unique_ptr<Simulator> startSimulator(int users) {
    SimOptions options;
    options.users = users;
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

QList<QUrlQuery> userListRequests(const Simulator &sim) {
    QList<QUrlQuery> out;
    for (const QString &line : sim.requestLog())
        if (line.section(u'?', 0, 0) == u"/user/list")
            out << QUrlQuery(line.section(u'?', 1));
    return out;
}

} // namespace

class TestUserTableModel : public QObject {
    Q_OBJECT
private slots:
    void pagesOnDemand();
    void sortIsDoneByTheProxy();
    void filtersGoToTheProxy();
    void showsTeamAliases();
    void failureIsReportedAndStopsPaging();
    void aProxyThatPagesForeverStops();
};

void TestUserTableModel::pagesOnDemand() {
    auto sim = startSimulator(250);
    auto client = clientFor(*sim);
    UserTableModel model; // no model tester here: it calls fetchMore() itself
    model.setClient(client.get());
    QVERIFY(!model.canFetchMore({}));
    model.reload();
    QTRY_COMPARE(model.rowCount(), 100);
    QCOMPARE(model.totalCount().value_or(-1), 250);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one page on the wire at a time
    QTRY_COMPARE(model.rowCount(), 200);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 250);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    const auto requests = userListRequests(*sim);
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.last().queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
    QCOMPARE(requests.last().queryItemValue(QStringLiteral("page_size")), QStringLiteral("100"));
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.insert(model.index(row, 0).data(UserTableModel::UserIdRole).toString());
    QCOMPARE(ids.size(), 250);
}

void TestUserTableModel::sortIsDoneByTheProxy() {
    auto sim = startSimulator(60);
    auto client = clientFor(*sim);
    UserTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClient(client.get());
    model.sort(int(UserTableModel::Column::Spend), Qt::DescendingOrder);
    QTRY_COMPARE(model.rowCount(), 60);
    const auto q = userListRequests(*sim).last();
    QCOMPARE(q.queryItemValue(QStringLiteral("sort_by")), QStringLiteral("spend"));
    QCOMPARE(q.queryItemValue(QStringLiteral("sort_order")), QStringLiteral("desc"));
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(
            model.index(row - 1, int(UserTableModel::Column::Spend))
                .data(UserTableModel::SortRole)
                .toDouble() >=
            model.index(row, int(UserTableModel::Column::Spend)).data(UserTableModel::SortRole).toDouble());

    // A column the proxy cannot sort by sends nothing.
    const auto before = userListRequests(*sim).size();
    model.sort(int(UserTableModel::Column::Teams), Qt::AscendingOrder);
    QVERIFY(!model.isLoading()); // no request was started
    QCOMPARE(model.rowCount(), 60);
    QCOMPARE(userListRequests(*sim).size(), before);
    QVERIFY(model.headerData(int(UserTableModel::Column::Teams), Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("cannot sort")));
}

void TestUserTableModel::filtersGoToTheProxy() {
    auto sim = startSimulator(80);
    const SimUser &someone = sim->data().users().at(3);
    QVERIFY(!someone.teams.isEmpty());
    auto client = clientFor(*sim);
    UserTableModel model;
    model.setClient(client.get());
    model.setTeamFilter(someone.teams.first());
    model.setEmailFilter(someone.email.left(4));
    model.reload();
    QTRY_VERIFY(model.rowCount() > 0);
    QTRY_VERIFY(!model.isLoading());
    const auto q = userListRequests(*sim).last();
    QCOMPARE(q.queryItemValue(QStringLiteral("team")), someone.teams.first());
    QCOMPARE(q.queryItemValue(QStringLiteral("user_email")), someone.email.left(4));
    bool found = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const UserRecord *u = model.userAt(row);
        QVERIFY(u->teams.contains(someone.teams.first()));
        QVERIFY(u->userEmail.contains(someone.email.left(4), Qt::CaseInsensitive));
        found = found || u->userId == someone.userId;
    }
    QVERIFY(found);
    QVERIFY(model.rowCount() < 80);
}

void TestUserTableModel::showsTeamAliases() {
    auto sim = startSimulator(20);
    auto client = clientFor(*sim);
    UserTableModel model;
    model.setClient(client.get());
    model.reload();
    QTRY_COMPARE(model.rowCount(), 20);
    int row = 0;
    while (row < model.rowCount() && model.userAt(row)->teams.isEmpty())
        ++row;
    QVERIFY(row < model.rowCount());
    const QString teamId = model.userAt(row)->teams.first();
    const QModelIndex cell = model.index(row, int(UserTableModel::Column::Teams));
    QVERIFY(cell.data().toString().contains(teamId));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setTeamNames({{teamId, QStringLiteral("Search Team")}});
    QCOMPARE(changed.size(), 1);
    QVERIFY(cell.data().toString().contains(QStringLiteral("Search Team")));
    QVERIFY(!cell.data().toString().contains(teamId));
}

void TestUserTableModel::failureIsReportedAndStopsPaging() {
    auto sim = startSimulator(250);
    sim->addFault(*SimFault::parse(QStringLiteral("/user/list=status:500x1")));
    auto client = clientFor(*sim);
    UserTableModel model;
    QSignalSpy failed(&model, &UserTableModel::failed);
    model.setClient(client.get());
    model.reload();
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().value<ApiError>().httpStatus, 500);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.reload(); // Retry
    QTRY_COMPARE(model.rowCount(), 100);
    QVERIFY(model.canFetchMore({}));
}

void TestUserTableModel::aProxyThatPagesForeverStops() {
    auto sim = startSimulator(30);
    sim->addFault(*SimFault::parse(QStringLiteral("/user/list=endless-paging")));
    auto client = clientFor(*sim);
    UserTableModel model;
    model.setClient(client.get());
    model.reload();
    QTRY_COMPARE(model.rowCount(), 30);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.canFetchMore({})); // the proxy claims one more page
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 30);
    QVERIFY(!model.canFetchMore({})); // an empty page ends it
}

QTEST_GUILESS_MAIN(TestUserTableModel)
#include "tst_UserTableModel.moc"
