#include "core/itemmodels/KeyFilterProxy.h"
#include "core/itemmodels/KeyTableModel.h"

#include "core/api/ProxyClient.h"
#include "core/format/Money.h"
#include "core/keys/KeyDirectory.h"
#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

#include <memory>

using Column = KeyTableModel::Column;

// KeyTableModel and KeyFilterProxy over a KeyDirectory talking to the in-process simulator.
class TestKeyTableModel : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    KeyDirectory *m_directory = nullptr;
    std::unique_ptr<KeyTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    // The model tester asks for more rows whenever it checks the model, which pages through every key:
    // tests of paging itself run without it.
    void start(int keys = 250, bool tested = false) {
        SimOptions o;
        o.keys = keys;
        m_sim = std::make_unique<Simulator>(o);
        if (!m_sim->listen())
            qFatal("the simulator could not listen");
        ClientConfig c;
        c.baseUrl = m_sim->url();
        m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
        m_directory = new KeyDirectory(m_client.get(), m_client.get());
        m_model = std::make_unique<KeyTableModel>();
        if (tested)
            m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setDirectory(m_directory);
    }

    bool load() {
        m_directory->reload();
        return QTest::qWaitFor([&] { return !m_directory->isLoading(); }, 10000);
    }

    QUrlQuery lastListQuery() const {
        for (qsizetype i = m_sim->requestLog().size() - 1; i >= 0; --i) {
            const QString line = m_sim->requestLog().at(i);
            const qsizetype at = line.indexOf(u"/key/list?");
            if (at >= 0)
                return QUrlQuery(line.mid(at + 10).section(u' ', 0, 0));
        }
        return {};
    }

private slots:
    void cleanup() {
        m_tester.reset();
        m_model.reset();
        m_client.reset();
        m_sim.reset();
    }

    void passesTheModelTester() {
        start(250, true);
        QVERIFY(load());
        QTRY_COMPARE(m_model->rowCount(), 250); // the tester fetched every page
        QTRY_VERIFY(!m_directory->isLoading());
        const QString token = m_model->keyAt(7)->token;
        m_directory->block({token}, this, {});
        QTRY_COMPARE(m_model->index(7, int(Column::Status)).data().toString(), u"Blocked"_qs);
        m_directory->remove({token}, this, {});
        QTRY_COMPARE(m_model->rowCount(), 249);
        m_model->sort(int(Column::Spend), Qt::AscendingOrder);
        QTRY_COMPARE(m_model->rowCount(), 249);
        QTRY_VERIFY(!m_directory->isLoading());
        KeyFilterProxy proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setKeyModel(m_model.get());
        proxy.setTextFilter(m_model->keyAt(0)->token.left(10));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setRiskFilter({KeyRisk::NoBudget, KeyRisk::NeverExpires});
        proxy.setTextFilter({});
        QVERIFY(proxy.rowCount() > 0);
    }

    // With the budgets above the keys, a team key shows the budget nearest its cap and an exhausted team
    // makes the key over budget, in the Risks column and the risk filter alike.
    void limitedByShowsTheBudgetThatApplies() {
        start(250, true);
        QVERIFY(load());
        int row = -1;
        for (int r = 0; r < m_model->rowCount() && row < 0; ++r)
            if (const KeyRecord *k = m_model->keyAt(r);
                !k->teamId.isEmpty() && (!k->maxBudget || *k->maxBudget - k->spend > 88))
                row = r; // the team below ($88 left) is nearer its cap than the key's own budget
        QVERIFY(row >= 0);
        const KeyRecord k = *m_model->keyAt(row);
        const QModelIndex cell = m_model->index(row, int(Column::LimitedBy));
        QCOMPARE(cell.data().toString(), u"—"_qs); // not read yet: nothing is claimed
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(),
                 u"Team, user and proxy budgets have not been read yet"_qs);

        BudgetBook book;
        book.readAt = QDateTime::currentDateTimeUtc();
        m_model->setBudgets(book); // read: no budget above any key
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const KeyRecord *own = m_model->keyAt(r);
            const QString text = m_model->index(r, int(Column::LimitedBy)).data().toString();
            if (!own->maxBudget)
                QCOMPARE(text, u"—"_qs);
            else if (!own->budgetResetAt.isValid())
                QCOMPARE(text, u"%1own budget, %2 of %3"_qs.arg(
                                   keyrisk::isOverBudget(*own) ? u"Over: "_qs : QString(),
                                   formatUsd(own->spend), formatUsd(*own->maxBudget)));
        }
        TeamRecord team;
        team.teamId = k.teamId;
        team.teamAlias = u"platform-frontend"_qs;
        team.maxBudget = 500;
        team.spend = 412;
        team.budgetResetAt = QDateTime(QDate(2026, 12, 31), QTime(0, 0), Qt::UTC);
        book.teams.insert(team.teamId, team);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_model->setBudgets(book);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell.data().toString(), u"team platform-frontend, $412.00 of $500.00, resets Dec 31"_qs);
        QCOMPARE(cell.data(KeyTableModel::SpendShareRole).toDouble(), 412.0 / 500.0);
        QVERIFY(!m_model->index(row, int(Column::Risks)).data().toString().contains(u"over budget"));
        KeyFilterProxy proxy;
        proxy.setKeyModel(m_model.get());
        proxy.setRiskFilter({KeyRisk::OverBudget});
        int ownOver = proxy.rowCount();
        bool listed = false;
        for (int r = 0; r < proxy.rowCount(); ++r)
            listed |= proxy.index(r, 0).data(KeyTableModel::TokenRole).toString() == k.token;
        QVERIFY(!listed);

        // At its budget a team still serves (LiteLLM: spend > max_budget); a cent above, it stops.
        book.teams[k.teamId].spend = 500;
        m_model->setBudgets(book);
        QVERIFY(!m_model->index(row, int(Column::Risks)).data().toString().contains(u"over budget"));
        book.teams[k.teamId].spend = 500.01;
        m_model->setBudgets(book);
        QCOMPARE(cell.data().toString(),
                 u"Over: team platform-frontend, $500.01 of $500.00, resets Dec 31"_qs);
        QVERIFY(m_model->index(row, int(Column::Risks)).data().toString().startsWith(u"over budget"));
        QVERIFY(m_model->index(row, int(Column::Risks))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(u"Over budget: "));
        proxy.invalidate();
        QVERIFY(proxy.rowCount() > ownOver);
        listed = false;
        for (int r = 0; r < proxy.rowCount(); ++r)
            listed |= proxy.index(r, 0).data(KeyTableModel::TokenRole).toString() == k.token;
        QVERIFY(listed);
    }

    void pagesThroughFetchMore() {
        start();
        QVERIFY(load());
        QCOMPARE(m_model->rowCount(), 100);
        QCOMPARE(m_model->countText(), u"Loaded 100 of 250 keys"_qs);
        QVERIFY(m_model->canFetchMore({}));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->fetchMore({});
        QTRY_COMPARE(m_model->rowCount(), 200);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 100);
        QCOMPARE(inserted.first().at(2).toInt(), 199);
        m_model->fetchMore({});
        QTRY_COMPARE(m_model->rowCount(), 250);
        QTRY_VERIFY(!m_directory->isLoading());
        QVERIFY(!m_model->canFetchMore({}));
        QCOMPARE(m_model->countText(), u"Loaded 250 of 250 keys"_qs);
        QSet<QString> tokens;
        for (int r = 0; r < m_model->rowCount(); ++r)
            tokens.insert(m_model->index(r, 0).data(KeyTableModel::TokenRole).toString());
        QCOMPARE(tokens.size(), 250); // one row per key
    }

    void countTextGroupsThousands() {
        start(1000000);
        QVERIFY(load());
        QCOMPARE(m_model->countText(), u"Loaded 100 of 1,000,000 keys"_qs);
    }

    void sortGoesToTheServer_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QString>("field");
        QTest::newRow("spend descending") << int(Column::Spend) << int(Qt::DescendingOrder) << u"spend"_qs;
        QTest::newRow("alias ascending") << int(Column::Alias) << int(Qt::AscendingOrder) << u"key_alias"_qs;
        QTest::newRow("created ascending")
            << int(Column::Created) << int(Qt::AscendingOrder) << u"created_at"_qs;
    }
    void sortGoesToTheServer() {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QString, field);
        start();
        QVERIFY(load());
        m_model->fetchMore({});
        QTRY_COMPARE(m_model->rowCount(), 200);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        KeyFilterProxy proxy;
        proxy.setKeyModel(m_model.get());
        proxy.sort(column, Qt::SortOrder(order)); // through the proxy, as a view does
        QCOMPARE(reset.size(), 1);
        QTRY_COMPARE(m_model->rowCount(), 100); // from the first page again
        const QUrlQuery q = lastListQuery();
        QCOMPARE(q.queryItemValue(u"sort_by"_qs), field);
        QCOMPARE(q.queryItemValue(u"sort_order"_qs), order == Qt::AscendingOrder ? u"asc"_qs : u"desc"_qs);
        QCOMPARE(q.queryItemValue(u"page"_qs), u"1"_qs);
        // The rows stay in the proxy's order; the filter proxy does not sort them again.
        for (int r = 1; r < proxy.rowCount(); ++r) {
            const QVariant a = proxy.index(r - 1, column).data(KeyTableModel::SortRole);
            const QVariant b = proxy.index(r, column).data(KeyTableModel::SortRole);
            QCOMPARE(a, m_model->index(r - 1, column).data(KeyTableModel::SortRole));
            if (field == u"spend")
                QVERIFY(order == Qt::AscendingOrder ? a.toDouble() <= b.toDouble()
                                                    : a.toDouble() >= b.toDouble());
        }
    }

    void unsortableColumnsSendNothing() {
        start();
        QVERIFY(load());
        const qsizetype requests = m_sim->requestLog().size();
        QVERIFY(!KeyTableModel::isSortable(int(Column::Models)));
        m_model->sort(int(Column::Models), Qt::AscendingOrder);
        QCOMPARE(m_sim->requestLog().size(), requests);
        QCOMPARE(m_model->rowCount(), 100);
    }

    void quickAndRiskFiltersNarrowLoadedRows() {
        start();
        QVERIFY(load());
        KeyFilterProxy proxy;
        proxy.setKeyModel(m_model.get());
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString alias = [&] {
            for (int r = 0; r < m_model->rowCount(); ++r)
                if (!m_model->keyAt(r)->keyAlias.isEmpty())
                    return m_model->keyAt(r)->keyAlias;
            return QString();
        }();
        QVERIFY(!alias.isEmpty());
        const qsizetype requests = m_sim->requestLog().size();
        proxy.setTextFilter(alias);
        QVERIFY(proxy.rowCount() >= 1);
        QVERIFY(proxy.rowCount() < m_model->rowCount());
        for (int r = 0; r < proxy.rowCount(); ++r)
            QVERIFY(
                proxy.index(r, int(Column::Alias)).data().toString().contains(alias, Qt::CaseInsensitive));
        proxy.setTextFilter({});
        QCOMPARE(proxy.rowCount(), m_model->rowCount());

        int unrestricted = 0;
        for (int r = 0; r < m_model->rowCount(); ++r)
            unrestricted += m_model->keyAt(r)->modelScope() == ModelScope::AllProxyModels ? 1 : 0;
        QVERIFY(unrestricted > 0);
        proxy.setRiskFilter({KeyRisk::Unrestricted});
        QCOMPARE(proxy.rowCount(), unrestricted);
        for (int r = 0; r < proxy.rowCount(); ++r)
            QCOMPARE(proxy.index(r, int(Column::Models)).data().toString(), u"All proxy models"_qs);
        // "Used in the last 30 days" narrows whatever risks are chosen.
        proxy.setRiskFilter({});
        const QDateTime now = m_model->directory()->now();
        int used = 0, usedUnrestricted = 0;
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const bool recent = keyrisk::isRecentlyUsed(*m_model->keyAt(r), now);
            used += recent;
            usedUnrestricted += recent && m_model->keyAt(r)->modelScope() == ModelScope::AllProxyModels;
        }
        QVERIFY(used > 0 && used < m_model->rowCount());
        proxy.setRecentlyUsedFilter(true);
        QCOMPARE(proxy.rowCount(), used);
        proxy.setRiskFilter({KeyRisk::Unrestricted});
        QCOMPARE(proxy.rowCount(), usedUnrestricted);
        proxy.setRecentlyUsedFilter(false);
        proxy.setRiskFilter({KeyRisk::Unrestricted});
        QCOMPARE(m_sim->requestLog().size(), requests); // nothing asked of the proxy
    }

    void showsFieldsAsAUserReadsThem() {
        start();
        QVERIFY(load());
        bool budgeted = false, never = false;
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const KeyRecord *k = m_model->keyAt(r);
            const QString spend = m_model->index(r, int(Column::Spend)).data().toString();
            if (k->maxBudget) {
                QVERIFY2(spend.contains(u" / $"), qPrintable(spend));
                QVERIFY(m_model->index(r, int(Column::Spend)).data(KeyTableModel::SpendShareRole).isValid());
                budgeted = true;
            }
            const QString expires = m_model->index(r, int(Column::Expires)).data().toString();
            if (!k->expires.isValid()) {
                QCOMPARE(expires, u"Never"_qs);
                never = true;
            } else {
                QVERIFY2(expires.contains(u" ago") || expires.startsWith(u"in "), qPrintable(expires));
                QVERIFY(m_model->index(r, int(Column::Expires))
                            .data(Qt::ToolTipRole)
                            .toString()
                            .endsWith(u"UTC"));
            }
        }
        QVERIFY(budgeted);
        QVERIFY(never);
    }

    void followsActionsOnKeys() {
        start();
        QVERIFY(load());
        const QString token = m_model->keyAt(3)->token;
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_directory->block({token}, this, {});
        QTRY_COMPARE(changed.size(), 1);
        QCOMPARE(m_model->index(3, int(Column::Status)).data().toString(), u"Blocked"_qs);
        m_directory->remove({token}, this, {});
        QTRY_COMPARE(removed.size(), 1);
        QCOMPARE(m_model->rowCount(), 99);
        QCOMPARE(m_model->rowOfToken(token), -1);
        // The proxy's total follows: the deleted key is no longer among them.
        QCOMPARE(m_model->countText(), u"Loaded 99 of 249 keys"_qs);
    }

    void relativeTimes() {
        const QDateTime now = QDateTime::fromString(u"2026-01-10T12:00:00Z"_qs, Qt::ISODate);
        QCOMPARE(KeyTableModel::relativeTime(now.addDays(3), now), u"in 3 days"_qs);
        QCOMPARE(KeyTableModel::relativeTime(now.addDays(-2), now), u"2 days ago"_qs);
        QCOMPARE(KeyTableModel::relativeTime(now.addSecs(-7200), now), u"2 hours ago"_qs);
        QCOMPARE(KeyTableModel::relativeTime(now.addSecs(10), now), u"just now"_qs);
    }
};

QTEST_GUILESS_MAIN(TestKeyTableModel)
#include "tst_KeyTableModel.moc"
