#include "core/api/ProxyClient.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyIndexModel.h"
#include "core/keys/KeyRisk.h"
#include "sim/Simulator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using Column = KeyIndexModel::Column;

// The index's keys as a table, synced from the simulator over HTTP and checked against the simulator's
// own full key list: every key reachable, order and filters exact over all of them, few rows held.
class TestKeyIndexModel : public QObject {
    Q_OBJECT

    static constexpr int kKeys = 3000;
    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<KeyIndex> m_index;
    QList<KeyRecord> m_all; // every live key of the simulator, as the proxy lists it

    QDateTime now() const { return QDateTime::currentDateTimeUtc(); }

private slots:
    void initTestCase() {
        SimOptions o;
        o.keys = kKeys;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
        ClientConfig c;
        c.baseUrl = m_sim->url();
        m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
        m_index = std::make_unique<KeyIndex>(m_dir.filePath(QStringLiteral("model.sqlite")));
        QVERIFY2(m_index->open(), qPrintable(m_index->errorString()));
        KeyIndexSync sync(*m_client, *m_index);
        QSignalSpy done(&sync, &KeyIndexSync::finished);
        sync.start();
        QVERIFY(done.wait(120000));
        QVERIFY2(sync.report().ok, qPrintable(sync.report().message));
        SimKeyStore &keys = m_sim->data().keys();
        for (qint64 i = 0; i < keys.size(); ++i)
            if (keys.isLive(i))
                m_all << keyRecordFromJson(keys.key(i).toJson(true));
        QCOMPARE(m_index->keyCount(), qint64(m_all.size()));
    }

    void passesTheModelTester() {
        KeyIndexModel model(m_index.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), m_all.size());
        QCOMPARE(model.columnCount(), KeyIndexModel::kColumnCount);
        model.sort(int(Column::Expires), Qt::AscendingOrder);
        KeyIndexQuery q;
        q.risks = {KeyRisk::OverBudget};
        model.setQuery(q);
        QVERIFY(model.rowCount() > 0);
        model.setQuery({});
        QCOMPARE(model.rowCount(), m_all.size());
    }

    // Sorting by Expires ascending: the soonest expiry of all keys first, keys that never expire last.
    void sortsByExpiresOverEveryKey() {
        KeyIndexModel model(m_index.get());
        model.sort(int(Column::Expires), Qt::AscendingOrder);
        QList<KeyRecord> expected = m_all;
        std::stable_sort(expected.begin(), expected.end(), [](const KeyRecord &a, const KeyRecord &b) {
            if (a.expires.isValid() != b.expires.isValid())
                return a.expires.isValid();
            return a.expires < b.expires;
        });
        QCOMPARE(model.data(model.index(0, int(Column::Expires)), KeyTableModel::SortRole).toDateTime(),
                 expected.first().expires);
        QDateTime previous;
        bool sawNever = false;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QDateTime e =
                model.data(model.index(r, int(Column::Expires)), KeyTableModel::SortRole).toDateTime();
            if (!e.isValid()) {
                sawNever = true;
                continue;
            }
            QVERIFY2(!sawNever, "a key that never expires came before one that does");
            QVERIFY(!previous.isValid() || previous <= e);
            previous = e;
            QVERIFY(model.blocksHeld() <= KeyIndexModel::kKeptBlocks);
        }
        QCOMPARE(model.blocksHeld(), KeyIndexModel::kKeptBlocks);
        model.sort(int(Column::Expires), Qt::DescendingOrder);
        QVERIFY(!model.keyAt(0)->expires.isValid()); // nulls first descending, as LiteLLM orders
    }

    // Each risk filter matches exactly the simulator's keys with that risk, judged by KeyRisk's rules.
    void riskFiltersMatchTheFullKeyList_data() {
        QTest::addColumn<int>("risk");
        for (KeyRisk r : {KeyRisk::OverBudget, KeyRisk::NearBudget, KeyRisk::NoBudget, KeyRisk::NeverExpires,
                          KeyRisk::ExpiresSoon, KeyRisk::Unrestricted, KeyRisk::Blocked, KeyRisk::Idle})
            QTest::newRow(qPrintable(keyrisk::name(r))) << int(r);
    }
    void riskFiltersMatchTheFullKeyList() {
        QFETCH(int, risk);
        const QDateTime at = now();
        QSet<QString> expected;
        for (const KeyRecord &k : std::as_const(m_all))
            if (keyrisk::risks(k, at).contains(KeyRisk(risk)))
                expected.insert(k.token);
        KeyIndexModel model(m_index.get());
        KeyIndexQuery q;
        q.risks = {KeyRisk(risk)};
        model.setQuery(q);
        QSet<QString> shown;
        for (int r = 0; r < model.rowCount(); ++r)
            shown.insert(model.data(model.index(r, 0), KeyTableModel::TokenRole).toString());
        QCOMPARE(shown.size(), model.rowCount());
        QCOMPARE(shown, expected);
    }

    // Both ways a risk filter reads rows (few matches: the risks index; many: the sort order) give the
    // same keys in the same order; the model picks by its count.
    void bothRiskReadsAgree_data() { riskFiltersMatchTheFullKeyList_data(); }
    void bothRiskReadsAgree() {
        QFETCH(int, risk);
        const QDateTime at = now();
        KeyIndexQuery q;
        q.risks = {KeyRisk(risk), KeyRisk::Blocked};
        q.sortBy = QStringLiteral("expires");
        const auto tokens = [&](bool many) {
            q.manyMatches = many;
            QStringList out;
            for (const KeyRecord &k : m_index->keys(q, at, 0, kKeys))
                out << k.token;
            return out;
        };
        const QStringList few = tokens(false);
        QVERIFY(!few.isEmpty());
        QCOMPARE(tokens(true), few);
        KeyIndexModel model(m_index.get());
        q.manyMatches = false;
        model.setQuery(q);
        QCOMPARE(model.query().manyMatches, model.rowCount() > KeyIndexModel::kManyRows);
        QCOMPARE(model.data(model.index(0, 0), KeyTableModel::TokenRole).toString(), few.first());
    }

    void teamUserAndTextFiltersAreExact() {
        const KeyRecord probe = *std::find_if(m_all.cbegin(), m_all.cend(), [](const KeyRecord &k) {
            return !k.teamId.isEmpty() && !k.userId.isEmpty() && !k.keyAlias.isEmpty();
        });
        KeyIndexModel model(m_index.get());
        KeyIndexQuery q;
        q.teamId = probe.teamId;
        model.setQuery(q);
        QCOMPARE(model.rowCount(), std::count_if(m_all.cbegin(), m_all.cend(), [&](const KeyRecord &k) {
                     return k.teamId == probe.teamId;
                 }));
        q = {};
        q.userId = probe.userId;
        model.setQuery(q);
        QCOMPARE(model.rowCount(), std::count_if(m_all.cbegin(), m_all.cend(), [&](const KeyRecord &k) {
                     return k.userId == probe.userId;
                 }));
        q = {};
        q.text = probe.keyAlias;
        model.setQuery(q);
        QVERIFY(model.rowCount() >= 1);
        bool found = false;
        for (int r = 0; r < model.rowCount(); ++r)
            found = found || model.keyAt(r)->token == probe.token;
        QVERIFY(found);
        q.text = QStringLiteral("no key is called this %_");
        model.setQuery(q);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.keyAt(0));
    }

    void columnsWithoutAnOrderAreLeftAlone() {
        KeyIndexModel model(m_index.get());
        const KeyIndexQuery before = model.query();
        model.sort(int(Column::Risks), Qt::AscendingOrder);
        model.sort(int(Column::Models), Qt::AscendingOrder);
        QCOMPARE(model.query().sortBy, before.sortBy);
        QVERIFY(!KeyIndexModel::isSortable(int(Column::Risks)));
        QVERIFY(KeyIndexModel::isSortable(int(Column::Expires)));
    }
    // Last: it changes the index. After the desk's own action, rows change in place (a view keeps its
    // selection) while as many keys match; when the count changes the model is reset.
    void reloadKeepsRowsInPlaceWhileTheCountHolds() {
        KeyIndexModel model(m_index.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(int(Column::Alias), Qt::AscendingOrder);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        KeyRecord k = *model.keyAt(5);
        k.maxBudget = 123456.0;
        k.raw.insert(u"max_budget"_qs, 123456.0);
        QVERIFY(m_index->recordKey(k));
        model.reload();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.keyAt(5)->maxBudget, 123456.0);

        KeyIndexQuery blocked;
        blocked.risks = {KeyRisk::Blocked};
        model.setQuery(blocked);
        const int before = model.rowCount();
        reset.clear();
        KeyRecord unblocked = *model.keyAt(0);
        unblocked.blocked = false;
        unblocked.raw.insert(u"blocked"_qs, false);
        QVERIFY(m_index->recordKey(unblocked));
        model.reload();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), before - 1);
    }
};

QTEST_GUILESS_MAIN(TestKeyIndexModel)
#include "tst_KeyIndexModel.moc"
