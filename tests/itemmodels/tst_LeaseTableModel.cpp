#include "core/itemmodels/LeaseFilterProxy.h"
#include "core/itemmodels/LeaseTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using Column = LeaseTableModel::Column;

namespace {

const QDateTime kNow(QDate(2025, 3, 10), QTime(12, 0), QTimeZone::utc());

LeasedKey lease(const QString &alias, const QString &role, qint64 expiresInSecs, bool never = false) {
    LeasedKey k;
    k.token = QStringLiteral("hash-") + alias;
    k.alias = alias;
    k.userId = alias + QStringLiteral("@example.com");
    k.lease.role = role;
    k.lease.issuedAt = kNow.addDays(-1);
    k.lease.ttl = {1, Duration::Unit::Days};
    k.lease.maxTtl = {30, Duration::Unit::Days};
    if (!never)
        k.lease.expires = kNow.addSecs(expiresInSecs);
    return k;
}

QList<LeasedKey> fixture() {
    return {lease(QStringLiteral("desk-ci-a"), QStringLiteral("ci"), -3600),
            lease(QStringLiteral("desk-ci-b"), QStringLiteral("ci"), 2 * 86400),
            lease(QStringLiteral("desk-ops-c"), QStringLiteral("ops"), 20 * 86400),
            lease(QStringLiteral("desk-ops-d"), QStringLiteral("ops"), 0, true)};
}

} // namespace

class TestLeaseTableModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void hasNoChildrenUnderAValidParent();
    void showsCells_data();
    void showsCells();
    void sortRoleGivesRawValues();
    void tooltipGivesUtc();
    void updateAndRemoveKeepRows();
    void filtersByState_data();
    void filtersByState();
    void filtersByRole();
    void sortsByTimeLeftWithNeverLast();
};

void TestLeaseTableModel::passesTheModelTester() {
    LeaseTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(kNow);
    model.setLeases(fixture());
    auto renewed = fixture().at(1);
    renewed.lease.expires = kNow.addDays(5);
    model.updateLease(renewed);
    model.removeTokens({QStringLiteral("hash-desk-ci-a"), QStringLiteral("hash-missing")});
    model.tick();
    model.setLeases({});
    QCOMPARE(model.rowCount(), 0);
    model.setLeases(fixture());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), LeaseTableModel::kColumnCount);
}

void TestLeaseTableModel::hasNoChildrenUnderAValidParent() {
    LeaseTableModel model;
    model.setLeases(fixture());
    const QModelIndex first = model.index(0, 0);
    QVERIFY(first.isValid());
    QCOMPARE(model.rowCount(first), 0);
    QCOMPARE(model.columnCount(first), 0);
}

void TestLeaseTableModel::showsCells_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<Column>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("alias") << 1 << Column::Alias << QStringLiteral("desk-ci-b");
    QTest::newRow("role") << 2 << Column::Role << QStringLiteral("ops");
    QTest::newRow("owner is the user") << 0 << Column::Owner << QStringLiteral("desk-ci-a@example.com");
    QTest::newRow("expired lease says how long ago")
        << 0 << Column::TimeLeft << QStringLiteral("expired 1 h 0 min ago");
    QTest::newRow("days and hours left") << 1 << Column::TimeLeft << QStringLiteral("2 d 0 h");
    QTest::newRow("a key that never expires") << 3 << Column::TimeLeft << QStringLiteral("never");
    QTest::newRow("no expiry date") << 3 << Column::Expires << QStringLiteral("never");
}

void TestLeaseTableModel::showsCells() {
    QFETCH(int, row);
    QFETCH(Column, column);
    QFETCH(QString, text);
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases(fixture());
    QCOMPARE(model.index(row, int(column)).data().toString(), text);
}

void TestLeaseTableModel::sortRoleGivesRawValues() {
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases(fixture());
    const auto sortValue = [&](int row, Column c) {
        return model.index(row, int(c)).data(LeaseTableModel::SortRole);
    };
    QCOMPARE(sortValue(1, Column::TimeLeft).toLongLong(), 2 * 86400);
    QCOMPARE(sortValue(0, Column::TimeLeft).toLongLong(), -3600);
    QCOMPARE(sortValue(1, Column::Expires).toDateTime(), kNow.addDays(2));
    QCOMPARE(sortValue(1, Column::Issued).toDateTime(), kNow.addDays(-1));
    QVERIFY(sortValue(3, Column::Expires).toDateTime() > sortValue(2, Column::Expires).toDateTime());
    QCOMPARE(model.index(0, 0).data(LeaseTableModel::ExpiredRole).toBool(), true);
    QCOMPARE(model.index(1, 0).data(LeaseTableModel::ExpiredRole).toBool(), false);
    QCOMPARE(model.index(1, 0).data(LeaseTableModel::StateRole).toString(), QStringLiteral("soon"));
    QCOMPARE(model.index(2, 0).data(LeaseTableModel::TokenRole).toString(),
             QStringLiteral("hash-desk-ops-c"));
}

void TestLeaseTableModel::tooltipGivesUtc() {
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases(fixture());
    const QString tip = model.index(1, int(Column::Expires)).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.startsWith(u"2025-03-12 12:00:00 UTC"), qPrintable(tip));
    QVERIFY2(tip.contains(u"Renewable until 2025-04-08 12:00:00 UTC"), qPrintable(tip));
    QCOMPARE(model.index(1, int(Column::Expires)).data().toString(),
             LeaseTableModel::formatLocal(kNow.addDays(2)));
    QCOMPARE(LeaseTableModel::formatLocal(kNow),
             kNow.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

void TestLeaseTableModel::updateAndRemoveKeepRows() {
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases(fixture());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    auto renewed = fixture().at(1);
    renewed.lease.expires = kNow.addDays(9);
    model.updateLease(renewed);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(model.index(1, int(Column::TimeLeft)).data().toString(), QStringLiteral("9 d 0 h"));
    model.removeTokens({QStringLiteral("hash-desk-ci-a"), QStringLiteral("hash-desk-ops-d")});
    QCOMPARE(removed.count(), 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(QStringLiteral("hash-desk-ci-b")), 0);
    QCOMPARE(model.rowOf(QStringLiteral("hash-desk-ci-a")), -1);
}

void TestLeaseTableModel::filtersByState_data() {
    QTest::addColumn<LeaseFilterProxy::State>("state");
    QTest::addColumn<QStringList>("aliases");
    QTest::newRow("all") << LeaseFilterProxy::State::All
                         << QStringList{QStringLiteral("desk-ci-a"), QStringLiteral("desk-ci-b"),
                                        QStringLiteral("desk-ops-c"), QStringLiteral("desk-ops-d")};
    QTest::newRow("expiring within 7 days, not the expired one")
        << LeaseFilterProxy::State::ExpiringSoon << QStringList{QStringLiteral("desk-ci-b")};
    QTest::newRow("expired") << LeaseFilterProxy::State::Expired << QStringList{QStringLiteral("desk-ci-a")};
}

void TestLeaseTableModel::filtersByState() {
    QFETCH(LeaseFilterProxy::State, state);
    QFETCH(QStringList, aliases);
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases(fixture());
    LeaseFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setState(state);
    QStringList shown;
    for (int r = 0; r < proxy.rowCount(); ++r)
        shown << proxy.index(r, 0).data().toString();
    QCOMPARE(shown, aliases);
}

void TestLeaseTableModel::filtersByRole() {
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases(fixture());
    LeaseFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setRole(QStringLiteral("ops"));
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setState(LeaseFilterProxy::State::Expired);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setRole({});
    QCOMPARE(proxy.rowCount(), 1);
}

void TestLeaseTableModel::sortsByTimeLeftWithNeverLast() {
    LeaseTableModel model;
    model.setNow(kNow);
    model.setLeases({fixture().at(3), fixture().at(2), fixture().at(0), fixture().at(1)});
    LeaseFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(int(Column::TimeLeft), Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order << proxy.index(r, 0).data().toString();
    QCOMPARE(order, (QStringList{QStringLiteral("desk-ci-a"), QStringLiteral("desk-ci-b"),
                                 QStringLiteral("desk-ops-c"), QStringLiteral("desk-ops-d")}));
}

QTEST_GUILESS_MAIN(TestLeaseTableModel)
#include "tst_LeaseTableModel.moc"
