// The keys page over the local key index, against the in-process simulator: the index line and Sync now,
// sorting by Expires and a risk filter over every key, key actions written to the index, read-only
// offline mode, and the index switched off.
#include "ui/keys/KeyDetailsView.h"
#include "ui/keys/KeyFilterBar.h"
#include "ui/keys/KeysPage.h"

#include "core/itemmodels/JournalModel.h"
#include "ui/keys/KeyChangesDialog.h"

#include "core/api/ProxyClient.h"
#include "core/budget/KeyBudgets.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyIndexModel.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyRisk.h"
#include "sim/SimKeyStore.h"
#include "sim/Simulator.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using Column = KeyTableModel::Column;

class TestKeysPageIndex : public QObject {
    Q_OBJECT

    static constexpr int kKeys = 1200;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<KeysPage> m_page;
    int m_scopes = 0;

    // Automatic syncs off unless asked: most tests start the first sync with Sync now.
    // connectAfterMs: the page is shown that long before it has a connection, as in the app at startup.
    void start(bool automatic = false, int connectAfterMs = 0) {
        if (!automatic)
            QSettings().setValue(u"keys/syncMinutes"_qs, 0);
        SimOptions o;
        o.keys = kKeys;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
        ClientConfig c;
        c.baseUrl = m_sim->url();
        c.timeoutMs = 5000;
        m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
        m_page = std::make_unique<KeysPage>();
        m_page->resize(1400, 700);
        m_page->show();
        PageContext context;
        context.client = m_client.get();
        context.scope = QStringLiteral("index-test-%1").arg(++m_scopes);
        if (connectAfterMs > 0)
            QTest::qWait(connectAfterMs);
        m_page->setContext(context);
        if (!automatic)
            QTRY_COMPARE(m_page->table()->model()->rowCount(), 100); // no index yet: the proxy's first page
    }
    void sync() {
        QSignalSpy started(m_page.get(), &Page::workStarted);
        QSignalSpy finished(m_page.get(), &Page::workFinished);
        QTest::mouseClick(m_page->findChild<QToolButton *>(u"syncIndexButton"_qs), Qt::LeftButton);
        QCOMPARE(started.size(), 1);
        QVERIFY(m_page->isSyncing());
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isSyncing(), 60000);
        // Then the budgets above the keys, as work of its own.
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isWorking(), 30000);
        QCOMPARE(finished.size(), started.size());
    }
    // Every key's ladder read live, team by team and user by user (not from the index).
    QHash<QString, BudgetLadder> liveLadders(const QList<KeyRecord> &keys) {
        KeyBudgets budgets(m_client.get());
        QHash<QString, BudgetLadder> out;
        bool done = false;
        connect(&budgets, &KeyBudgets::ready, this, [&](const QHash<QString, BudgetLadder> &ladders) {
            out = ladders;
            done = true;
        });
        budgets.resolve(keys);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
        return out;
    }
    QString line() const { return m_page->findChild<QLabel *>(u"keyIndexLine"_qs)->text(); }
    QString count() const { return m_page->findChild<QLabel *>(u"keyCount"_qs)->text(); }
    QAction *action(const QString &name) const { return m_page->findChild<QAction *>(name); }
    QList<KeyRecord> liveKeys() {
        QList<KeyRecord> out;
        SimKeyStore &keys = m_sim->data().keys();
        for (qint64 i = 0; i < keys.size(); ++i)
            if (keys.isLive(i))
                out << keyRecordFromJson(keys.key(i).toJson(true));
        return out;
    }
    void select(int row) {
        QTableView *t = m_page->table();
        t->selectionModel()->setCurrentIndex(t->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/key-index"_qs)
            .removeRecursively();
    }
    void init() { QSettings().clear(); }
    void cleanup() {
        m_page.reset();
        m_client.reset();
        m_sim.reset();
    }
    void cleanupTestCase() {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/key-index"_qs)
            .removeRecursively();
    }

    void syncNowBuildsTheIndexAndTheLineSaysSo() {
        start();
        QVERIFY(!m_page->usesIndex());
        QCOMPARE(line(), u"Index: not built yet · Sync now reads every key once"_qs);
        sync();
        QVERIFY(m_page->usesIndex());
        QCOMPARE(m_page->table()->model(), m_page->indexModel());
        QCOMPARE(m_page->table()->model()->rowCount(), kKeys);
        QCOMPARE(line(), u"Index: 1,200 keys · synced just now"_qs);
        QCOMPARE(count(), u"1,200 keys"_qs);
    }

    // With automatic syncs on (the default), the first sync starts by itself when the page is shown,
    // once per connection: canceled, it waits for Sync now.
    void theFirstSyncStartsByItself() {
        start(true);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->isSyncing(), 5000);
        QCOMPARE(line(), u"Index: building…"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->usesIndex(), 60000);
        QCOMPARE(m_page->table()->model()->rowCount(), kKeys);
        QVERIFY(line().startsWith(u"Index: 1,200 keys · synced"_qs));

        // A new connection whose first sync is canceled: not started again by showing the page.
        cleanup();
        start(true);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->isSyncing(), 5000);
        m_page->cancel();
        QVERIFY(!m_page->isSyncing());
        m_page->hide();
        m_page->show();
        QTest::qWait(50);
        QVERIFY(!m_page->isSyncing());
        QVERIFY(!m_page->usesIndex());
        sync(); // Sync now continues it
        QVERIFY(m_page->usesIndex());
        QCOMPARE(m_page->table()->model()->rowCount(), kKeys);

        // Shown before the connection is up (the app at startup): the first sync starts once it is.
        cleanup();
        start(true, 100);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->isSyncing(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->usesIndex(), 60000);
    }

    // Automatic syncs off: nothing is read until Sync now.
    void withAutomaticSyncsOffTheFirstSyncWaits() {
        start();
        QTest::qWait(100);
        QVERIFY(!m_page->isSyncing());
        QCOMPARE(line(), u"Index: not built yet · Sync now reads every key once"_qs);
    }

    void sortsByExpiresOverEveryKey() {
        start();
        sync();
        QList<KeyRecord> keys = liveKeys();
        QDateTime soonest;
        for (const KeyRecord &k : keys)
            if (k.expires.isValid() && (!soonest.isValid() || k.expires < soonest))
                soonest = k.expires;
        m_page->table()->horizontalHeader()->setSortIndicator(int(Column::Expires), Qt::AscendingOrder);
        QAbstractItemModel *m = m_page->table()->model();
        QCOMPARE(m->index(0, int(Column::Expires)).data(KeyTableModel::SortRole).toDateTime(), soonest);
        QVERIFY(!m->index(m->rowCount() - 1, int(Column::Expires))
                     .data(KeyTableModel::SortRole)
                     .toDateTime()
                     .isValid());
        // A column nothing orders by keeps the indicator where the order comes from.
        m_page->table()->horizontalHeader()->setSortIndicator(int(Column::Risks), Qt::AscendingOrder);
        QCOMPARE(m_page->table()->horizontalHeader()->sortIndicatorSection(), int(Column::Expires));
    }

    void riskFilterMatchesTheFullKeyList() {
        start();
        sync();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // Over budget takes in every budget above the key: more keys than their own budgets stop.
        const QList<KeyRecord> keys = liveKeys();
        const QHash<QString, BudgetLadder> ladders = liveLadders(keys);
        QSet<QString> expected, ownOnly;
        for (const KeyRecord &k : keys) {
            if (keyrisk::risks(k, now, ladders.value(k.token)).contains(KeyRisk::OverBudget))
                expected.insert(k.token);
            if (keyrisk::isOverBudget(k))
                ownOnly.insert(k.token);
        }
        QVERIFY(ownOnly.size() < expected.size() && expected.contains(ownOnly));
        action(u"risk_over_budget"_qs)->setChecked(true);
        QAbstractItemModel *m = m_page->table()->model();
        QSet<QString> shown;
        for (int r = 0; r < m->rowCount(); ++r)
            shown.insert(m->index(r, 0).data(KeyTableModel::TokenRole).toString());
        QCOMPARE(shown, expected);
        QCOMPARE(count(), u"%1 of 1,200 keys match"_qs.arg(expected.size()));
    }

    void keyHashFilterFindsThatKeyInTheIndex() {
        start();
        sync();
        const QString token = liveKeys().at(321).token;
        auto *hash = m_page->findChild<QLineEdit *>(u"filterHash"_qs);
        QVERIFY(hash);
        hash->setText(token.toUpper());
        emit hash->editingFinished();
        QAbstractItemModel *m = m_page->table()->model();
        QCOMPARE(m, m_page->indexModel());
        QTRY_COMPARE(m->rowCount(), 1);
        QCOMPARE(m->index(0, 0).data(KeyTableModel::TokenRole).toString(), token);
        hash->clear();
        emit hash->editingFinished();
        QTRY_COMPARE(m->rowCount(), kKeys);
    }

    void keepChangesMenuSetsTheIndexsPeriod() {
        start();
        auto *menu = m_page->findChild<QMenu *>(u"keepChangesMenu"_qs);
        QVERIFY(menu);
        QVERIFY(!menu->isEnabled()); // no index, no journal yet
        sync();
        QVERIFY(menu->isEnabled());
        QVERIFY(action(u"keepChanges90"_qs)->isChecked());
        action(u"keepChanges365"_qs)->trigger();
        QCOMPARE(KeyIndexSync::keepDays(*m_page->indexModel()->keyIndex()), 365);
        QVERIFY(action(u"keepChanges365"_qs)->isChecked());
        QVERIFY(!action(u"keepChanges90"_qs)->isChecked());
    }

    // The selected key's details say which budget LiteLLM stops it at first, with its team's on the
    // ladder, read from the proxy once the selection rests.
    void detailsShowTheBudgetLadder() {
        start();
        sync();
        QString teamAlias;
        for (const SimTeam &t : m_sim->data().teams())
            if (t.maxBudget && !t.alias.isEmpty()) {
                teamAlias = t.alias;
                m_page->findChild<KeyFilterBar *>()->showTeam(t.teamId);
                break;
            }
        QVERIFY(!teamAlias.isEmpty());
        QAbstractItemModel *m = m_page->table()->model();
        QTRY_VERIFY(m->rowCount() > 0 && m->rowCount() < kKeys);
        select(0);
        auto *details = m_page->findChild<KeyDetailsView *>();
        QVERIFY(details->text().contains(u"Reading the key's, team's and user's budgets"_qs));
        QTRY_VERIFY_WITH_TIMEOUT(details->text().contains(u"team "_qs + teamAlias), 10000);
        QVERIFY2(details->text().contains(u"Limited by: "_qs) ||
                     details->text().contains(u"Over budget: "_qs),
                 qPrintable(details->text()));
    }

    // A connection that fails at startup (no client, same scope) still shows the keys as last synced,
    // read-only, with the time; actions say why they are off.
    void aFailedConnectionShowsTheIndexReadOnly() {
        start();
        sync();
        PageContext offline;
        offline.scope = u"index-test-%1"_qs.arg(m_scopes);
        m_page->setContext(offline);
        QVERIFY(m_page->usesIndex());
        QCOMPARE(m_page->table()->model()->rowCount(), kKeys);
        QVERIFY2(line().startsWith(u"Offline · Index: 1,200 keys · synced just now ("_qs),
                 qPrintable(line()));
        QVERIFY(line().endsWith(u"read-only"_qs));
        QCOMPARE(count(), u"1,200 keys"_qs);
        QVERIFY(!m_page->findChild<QToolButton *>(u"syncIndexButton"_qs)->isEnabled());
        select(0);
        QVERIFY(!action(u"editKeyAction"_qs)->isEnabled());
        QVERIFY(action(u"editKeyAction"_qs)->toolTip().contains(u"read-only"_qs));
        action(u"risk_blocked"_qs)->setChecked(true); // filters still answer from the index
        QVERIFY(m_page->table()->model()->rowCount() > 0);
        QVERIFY(m_page->table()->model()->rowCount() < kKeys);
        // Another connection's scope with no index shows nothing of this one.
        PageContext other;
        other.scope = u"never-synced"_qs;
        m_page->setContext(other);
        QVERIFY(!m_page->usesIndex());
        QCOMPARE(count(), u"Not connected"_qs);
    }

    // What the Overview's tiles open: exactly the keys with any of the tile's risks.
    void showRisksListsExactlyThoseKeys() {
        start();
        sync();
        action(u"risk_idle"_qs)->setChecked(true); // replaced, not added to
        m_page->showRisks({KeyRisk::OverBudget, KeyRisk::NearBudget});
        QVERIFY(!action(u"risk_idle"_qs)->isChecked());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int expected = 0;
        const QList<KeyRecord> keys = liveKeys();
        const QHash<QString, BudgetLadder> ladders = liveLadders(keys);
        for (const KeyRecord &k : keys) {
            const QList<KeyRisk> risks = keyrisk::risks(k, now, ladders.value(k.token));
            expected += risks.contains(KeyRisk::OverBudget) || risks.contains(KeyRisk::NearBudget);
        }
        QCOMPARE(m_page->table()->model()->rowCount(), expected);
    }

    // The Overview's active keys tile opens exactly the keys used in the last 30 days.
    void recentlyUsedListsExactlyThoseKeys() {
        start();
        sync();
        action(u"risk_idle"_qs)->setChecked(true);
        m_page->showRisks({}, true);
        QVERIFY(!action(u"risk_idle"_qs)->isChecked());
        QVERIFY(action(u"recentlyUsedFilter"_qs)->isChecked());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int expected = 0, expectedBlocked = 0;
        for (const KeyRecord &k : liveKeys()) {
            expected += keyrisk::isRecentlyUsed(k, now);
            expectedBlocked +=
                keyrisk::isRecentlyUsed(k, now) && keyrisk::risks(k, now).contains(KeyRisk::Blocked);
        }
        QVERIFY(expected > 0 && expected < liveKeys().size());
        QCOMPARE(m_page->table()->model()->rowCount(), expected);
        QCOMPARE(m_page->findChild<QToolButton *>(u"riskFilterButton"_qs)->text(), u"Risks (1)"_qs);
        action(u"risk_blocked"_qs)->setChecked(true); // and: blocked keys among them
        QCOMPARE(m_page->table()->model()->rowCount(), expectedBlocked);
        m_page->showRisks({KeyRisk::Blocked});
        QVERIFY(!action(u"recentlyUsedFilter"_qs)->isChecked());
    }

    // Export writes what the list shows, from the index: every matching key, in the list's order, with
    // nothing asked of the proxy.
    void exportWritesTheListFromTheIndex() {
        start();
        sync();
        m_page->showRisks({KeyRisk::Blocked});
        m_page->table()->horizontalHeader()->setSortIndicator(int(Column::Alias), Qt::AscendingOrder);
        const int rows = m_page->table()->model()->rowCount();
        QVERIFY(rows > 1);
        const QString firstAlias = m_page->table()->model()->index(0, int(Column::Alias)).data().toString();
        const qsizetype requests = m_sim->requestLog().size();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"blocked.json"_qs);
        QSignalSpy written(m_page.get(), &KeysPage::exportWritten);
        m_page->exportTo(path);
        QVERIFY(m_page->isExporting());
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 20000);
        QCOMPARE(written.first().at(1).toLongLong(), rows);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray keys = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(keys.size(), rows);
        QCOMPARE(keys.first().toObject().value(u"key_alias"_qs).toString(), firstAlias);
        for (const QJsonValue &k : keys)
            QVERIFY(k.toObject().value(u"risks"_qs).toArray().contains(u"blocked"_qs));
        QCOMPARE(m_sim->requestLog().size(), requests);
        QVERIFY(!m_page->isExporting());
    }

    void blockIsWrittenToTheIndexAtOnce() {
        start();
        sync();
        m_page->table()->horizontalHeader()->setSortIndicator(int(Column::Alias), Qt::AscendingOrder);
        int row = 0;
        QAbstractItemModel *m = m_page->table()->model();
        while (m->index(row, int(Column::Status)).data().toString() == u"Blocked")
            ++row;
        const QString token = m->index(row, 0).data(KeyTableModel::TokenRole).toString();
        select(row);
        QVERIFY(action(u"blockKeyAction"_qs)->isEnabled());
        const auto lists = [this] {
            return std::count_if(m_sim->requestLog().cbegin(), m_sim->requestLog().cend(),
                                 [](const QString &l) { return l.startsWith(u"/key/list"); });
        };
        const auto listed0 = lists();
        action(u"blockKeyAction"_qs)->trigger();
        QTRY_VERIFY(m_page->indexModel()->keyIndex()->key(token)->isBlocked());
        QTRY_COMPARE(m_page->table()->model()->index(row, int(Column::Status)).data().toString(),
                     u"Blocked"_qs);
        QCOMPARE(lists(), listed0); // from the proxy's answer, not from a new sync
        // The key stays selected where it was: the list is not rebuilt under the admin's hands.
        const QModelIndexList selected = m_page->table()->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().row(), row);
        QCOMPARE(selected.first().data(KeyTableModel::TokenRole).toString(), token);
        action(u"risk_blocked"_qs)->setChecked(true);
        bool listed = false;
        for (int r = 0; r < m->rowCount(); ++r)
            listed = listed || m->index(r, 0).data(KeyTableModel::TokenRole).toString() == token;
        QVERIFY(listed);
    }

    // The journal: the block this desk made is there, as the key's history, and exports to CSV.
    void changesShowAKeysHistoryAndExport() {
        start();
        QVERIFY(!action(u"keyChangesAction"_qs)->isEnabled()); // no index, no journal
        sync();
        QAbstractItemModel *m = m_page->table()->model();
        int row = 0;
        while (m->index(row, int(Column::Status)).data().toString() == u"Blocked")
            ++row;
        const QString token = m->index(row, 0).data(KeyTableModel::TokenRole).toString();
        select(row);
        action(u"blockKeyAction"_qs)->trigger();
        QTRY_VERIFY(m_page->indexModel()->keyIndex()->key(token)->isBlocked());
        // Select the blocked key again wherever the refreshed order put it.
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 0).data(KeyTableModel::TokenRole).toString() == token) {
                select(r);
                break;
            }
        KeyChangesDialog *dialog = m_page->showChanges();
        QVERIFY(dialog);
        JournalModel *journal = dialog->model();
        QVERIFY(journal->rowCount() >= 1);
        bool blockedSeen = false;
        for (int r = 0; r < journal->rowCount(); ++r) {
            QCOMPARE(journal->entryAt(r).token, token); // only this key's history
            blockedSeen = blockedSeen || journal->entryAt(r).field == u"blocked";
        }
        QVERIFY(blockedSeen);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"changes.csv"_qs);
        QCOMPARE(dialog->exportTo(path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(f.readAll());
        QVERIFY2(csv.startsWith(u"at,kind,token,team_id,field,old_value,new_value,source"),
                 qPrintable(csv.left(80)));
        QVERIFY(csv.contains(token));
        // Filtered by kind: this key spent nothing here.
        dialog->findChild<QComboBox *>(u"changesKind"_qs)->setCurrentIndex(4); // spend
        QCOMPARE(journal->rowCount(), 0);
    }

    void unreachableProxyShowsTheIndexReadOnly() {
        start();
        sync();
        m_sim.reset(); // the proxy goes away
        QTest::mouseClick(m_page->findChild<QToolButton *>(u"syncIndexButton"_qs), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isSyncing(), 20000);
        QVERIFY(m_page->isOffline());
        QVERIFY2(line().startsWith(u"Offline · Index: 1,200 keys · synced"_qs), qPrintable(line()));
        QVERIFY(line().endsWith(u"read-only"_qs));
        QCOMPARE(m_page->table()->model()->rowCount(), kKeys); // the last synced state stays
        select(0);
        for (const char *name : {"editKeyAction", "blockKeyAction", "deleteKeyAction"}) {
            QAction *a = action(QLatin1String(name));
            QVERIFY(!a->isEnabled());
            QVERIFY2(a->toolTip().contains(u"cannot be reached"), qPrintable(a->toolTip()));
        }
    }

    void switchedOffPagesThroughTheProxy() {
        start();
        sync();
        m_page->setIndexEnabled(false);
        QVERIFY(!m_page->usesIndex());
        QVERIFY(!KeysPage::indexEnabled());
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 100);
        QCOMPARE(line(), u"Index off · partial: 100 of 1,200 keys loaded"_qs);
        m_page->setIndexEnabled(true);
        QVERIFY(m_page->usesIndex());
        QCOMPARE(m_page->table()->model()->rowCount(), kKeys);
    }

    void syncIntervalIsRemembered() {
        QCOMPARE(KeysPage::syncInterval(), 10);
        start();
        m_page->setSyncInterval(30);
        QCOMPARE(QSettings().value(u"keys/syncMinutes"_qs).toInt(), 30);
        QCOMPARE(KeysPage::syncInterval(), 30);
        QVERIFY(action(u"syncEvery30"_qs)->isChecked());
        QVERIFY(!action(u"syncEvery10"_qs)->isChecked());
    }
};

QTEST_MAIN(TestKeysPageIndex)
#include "tst_KeysPageIndex.moc"
