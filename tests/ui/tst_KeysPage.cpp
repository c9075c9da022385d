// The keys page against the in-process simulator: rows and count, server and quick filters, the edit
// dialog, delete confirmation, a multi-key block with one failure, regenerate without Enterprise, export
// and the column layout remembered by LayoutMemory.
#include "ui/keys/ConfirmTypingDialog.h"
#include "ui/keys/KeyDetailsView.h"
#include "ui/keys/KeyEditDialog.h"
#include "ui/keys/KeysPage.h"
#include "ui/keys/NewKeyDialog.h"

#include "WindowServices.h"
#include "core/api/ProxyClient.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/export/CsvReader.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyDirectory.h"
#include "sim/SimKeyStore.h"
#include "sim/Simulator.h"
#include "ui/ErrorBanner.h"
#include "ui/LayoutMemory.h"
#include "ui/MainWindow.h"
#include "ui/StatusProgress.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using Column = KeyTableModel::Column;

class TestKeysPage : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<KeysPage> m_page;
    QTemporaryDir m_dir;

    // A window on `services` showing the Keys page, not yet connected to the simulator it starts.
    std::unique_ptr<MainWindow> keysWindow(WindowServices &services) {
        m_sim = std::make_unique<Simulator>(SimOptions{});
        if (!m_sim->listen())
            qFatal("the simulator could not listen");
        auto window = services.newWindow();
        if (!window->showPage(u"keys"_qs))
            qFatal("the window has no Keys page");
        return window;
    }

    void start(SimOptions options = {}) {
        m_sim = std::make_unique<Simulator>(options);
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
        context.scope = QStringLiteral("demo");
        m_page->setContext(context);
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 100);
        QTRY_VERIFY(!m_page->directory()->isLoading());
    }

    QAction *action(const QString &name) const { return m_page->findChild<QAction *>(name); }
    QString count() const { return m_page->findChild<QLabel *>(QStringLiteral("keyCount"))->text(); }
    QString cell(int row, Column c) const {
        return m_page->table()->model()->index(row, int(c)).data().toString();
    }
    // The last /key/list request (the page also reads team and user budgets beside the keys).
    QString lastKeyList() const {
        const QStringList log = m_sim->requestLog();
        for (auto it = log.crbegin(); it != log.crend(); ++it)
            if (it->startsWith(u"/key/list"))
                return *it;
        return {};
    }
    int keyListRequests() const {
        int n = 0;
        for (const QString &line : m_sim->requestLog())
            n += line.startsWith(u"/key/list") ? 1 : 0;
        return n;
    }
    int requestsTo(const QString &path) const {
        int n = 0;
        for (const QString &line : m_sim->requestLog())
            n += line.section(u'?', 0, 0) == path ? 1 : 0;
        return n;
    }
    // Selects the view's rows (in the view's order).
    void select(const QList<int> &rows) {
        QTableView *t = m_page->table();
        t->clearSelection();
        for (int r : rows)
            t->selectionModel()->select(t->model()->index(r, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        t->selectionModel()->setCurrentIndex(t->model()->index(rows.first(), 0),
                                             QItemSelectionModel::NoUpdate);
    }
    QString details() const { return m_page->findChild<KeyDetailsView *>()->text(); }
    // The first row at or after `from` whose key is (or is not) blocked, -1 when none is.
    int firstRowWithStatus(bool blocked, int from = 0) const {
        for (int r = from; r < m_page->table()->model()->rowCount(); ++r)
            if ((cell(r, Column::Status) == u"Blocked") == blocked)
                return r;
        return -1;
    }
    // Delete… on the selected key, confirmed by typing `word`.
    void confirmDelete(const QString &word) {
        QVERIFY(action(u"deleteKeyAction"_qs)->isEnabled());
        action(u"deleteKeyAction"_qs)->trigger();
        auto *dialog = m_page->findChild<ConfirmTypingDialog *>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"confirmInput"_qs), word);
        auto *confirm = dialog->findChild<QPushButton *>(u"confirmButton"_qs);
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
    }
    int rowWithAlias() const {
        for (int r = 0; r < m_page->table()->model()->rowCount(); ++r)
            if (cell(r, Column::Alias) != u"—")
                return r;
        return -1;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    // The list as the proxy pages it: the local key index (tested in tst_KeysPageIndex) is off.
    void init() {
        QSettings().clear();
        QSettings().setValue(u"keys/useIndex"_qs, false);
    }
    void cleanup() {
        m_page.reset();
        m_client.reset();
        m_sim.reset();
    }

    // Without the index, the budgets above the keys are read with the first page (the Limited by column),
    // and a reload within 5 minutes does not read them again.
    void budgetsAreReadWithTheKeysAtMostEveryFiveMinutes() {
        start();
        QTRY_VERIFY(m_page->model()->budgets().isRead());
        QCOMPARE(requestsTo(u"/global/spend"_qs), 1);
        QVERIFY(requestsTo(u"/user/list"_qs) >= 1);
        const int users = requestsTo(u"/user/list"_qs);
        const int lists = keyListRequests();
        m_page->reload();
        QTRY_VERIFY(keyListRequests() > lists);
        QTest::qWait(100);
        QCOMPARE(requestsTo(u"/global/spend"_qs), 1);
        QCOMPARE(requestsTo(u"/user/list"_qs), users);
        QCOMPARE(m_page->model()
                     ->index(0, int(Column::LimitedBy))
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(u"have not been read"_qs),
                 false);
    }

    void showsRowsAndCount() {
        start();
        QCOMPARE(count(), u"Loaded 100 of 250 keys"_qs);
        QCOMPARE(keyListRequests(), 1);
        // Scrolling to the end loads the next page.
        m_page->table()->scrollToBottom();
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 200);
        QTRY_COMPARE(count(), u"Loaded 200 of 250 keys"_qs);
    }

    void detailsShowTheKeyAndItsLease() {
        start();
        const QString token = m_page->directory()->keys().at(4).token;
        qint64 index = -1;
        for (qint64 i = 0; i < 250 && index < 0; ++i)
            if (m_sim->data().keys().key(i).token == token)
                index = i;
        QVERIFY(index >= 0);
        SimKey row = m_sim->data().keys().key(index);
        row.metadata.insert(u"desk_role"_qs, u"ci-runner"_qs);
        row.metadata.insert(u"desk_issued_at"_qs, u"2026-01-01T00:00:00Z"_qs);
        row.metadata.insert(u"desk_ttl"_qs, u"12h"_qs);
        row.metadata.insert(u"desk_max_ttl"_qs, u"7d"_qs);
        row.metadata.insert(u"owner"_qs, u"build-team"_qs);
        m_sim->data().keys().put(row);
        action(QStringLiteral("reloadKeysAction"))->trigger();
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 100);
        QTRY_VERIFY(!m_page->directory()->isLoading());
        select({m_page->model()->rowOfToken(token)});
        auto *details = m_page->findChild<KeyDetailsView *>();
        const QString text = details->text();
        QVERIFY2(text.contains(token), qPrintable(text));
        QVERIFY2(text.contains(u"ci-runner"), qPrintable(text));
        QVERIFY(text.contains(u"Issued from a role"));
        QVERIFY(text.contains(u"Time left"));
        QVERIFY(text.contains(u"build-team"));
    }

    void serverAndQuickFilters() {
        start();
        const QString team = m_page->directory()->keys().first().teamId.isEmpty()
                                 ? m_page->directory()->keys().at(1).teamId
                                 : m_page->directory()->keys().first().teamId;
        QVERIFY(!team.isEmpty());
        auto *teamBox = m_page->findChild<QWidget *>(QStringLiteral("filterTeam"));
        auto *teamEdit = teamBox->findChild<QLineEdit *>();
        teamEdit->setFocus();
        teamEdit->clear();
        QTest::keyClicks(teamEdit, team);
        QTest::keyClick(teamEdit, Qt::Key_Return);
        QTRY_COMPARE(keyListRequests(), 2);
        QVERIFY2(lastKeyList().contains(u"team_id=" + team), qPrintable(lastKeyList()));
        QTRY_VERIFY(!m_page->directory()->isLoading());
        const int rows = m_page->table()->model()->rowCount();
        QVERIFY(rows > 0 && rows < 100);
        for (const KeyRecord &k : m_page->directory()->keys())
            QCOMPARE(k.teamId, team);
        QVERIFY2(count().startsWith(u"Loaded %1 of %1 keys"_qs.arg(rows)), qPrintable(count()));

        // The quick filter narrows what is loaded without asking the proxy.
        const int requests = keyListRequests();
        const KeyRecord target = m_page->directory()->keys().last();
        auto *quick = m_page->findChild<QLineEdit *>(QStringLiteral("keyQuickFilter"));
        QTest::keyClicks(quick, target.token.left(16));
        QCOMPARE(m_page->table()->model()->rowCount(), 1);
        QCOMPARE(m_page->table()->model()->index(0, 0).data(KeyTableModel::TokenRole).toString(),
                 target.token);
        QVERIFY2(count().endsWith(u"· 1 shown"), qPrintable(count()));
        quick->clear();
        QCOMPARE(m_page->table()->model()->rowCount(), rows);
        // A risk toggle narrows too.
        QAction *unrestricted =
            m_page->findChild<QAction *>(QStringLiteral("risk_") + keyrisk::name(KeyRisk::Unrestricted));
        QVERIFY(unrestricted);
        unrestricted->setChecked(true);
        for (int r = 0; r < m_page->table()->model()->rowCount(); ++r)
            QCOMPARE(cell(r, Column::Models), u"All proxy models"_qs);
        QCOMPARE(keyListRequests(), requests);
    }

    void editValidatesThenSaves() {
        start();
        select({2});
        const QString token = m_page->selectedTokens().first();
        QVERIFY(action(QStringLiteral("editKeyAction"))->isEnabled());
        action(QStringLiteral("editKeyAction"))->trigger();
        auto *dialog = m_page->findChild<KeyEditDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *budget = dialog->findChild<QLineEdit *>(QStringLiteral("editBudget"));
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("editSave"));
        auto *problem = dialog->findChild<QLabel *>(QStringLiteral("editProblem"));
        // Nothing changed yet: a muted hint, not an error.
        QCOMPARE(problem->text(), u"Change a field to save."_qs);
        QVERIFY(!save->isEnabled());
        QVERIFY2(problem->styleSheet().contains(u"placeholder-text"), qPrintable(problem->styleSheet()));
        budget->clear();
        QTest::keyClicks(budget, u"-5"_qs);
        QVERIFY(!save->isEnabled());
        QVERIFY2(problem->text().contains(u"budget"), qPrintable(problem->text()));
        QVERIFY2(problem->styleSheet().startsWith(u"color: #"),
                 qPrintable(problem->styleSheet())); // the error tone
        QTest::mouseClick(save, Qt::LeftButton);
        budget->clear();
        QTest::keyClicks(budget, u"abc"_qs);
        QVERIFY(!save->isEnabled());
        QCOMPARE(requestsTo(u"/key/update"_qs), 0); // refused before sending

        budget->clear();
        QTest::keyClicks(budget, u"75"_qs);
        auto *alias = dialog->findChild<QLineEdit *>(QStringLiteral("editAlias"));
        alias->clear();
        QTest::keyClicks(alias, u"renamed-by-test"_qs);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        auto *result = dialog->findChild<QLabel *>(QStringLiteral("editResult"));
        QTRY_VERIFY(result->isVisible());
        QVERIFY2(result->text().startsWith(u"Saved"), qPrintable(result->text()));
        QCOMPARE(requestsTo(u"/key/update"_qs), 1);
        const int row = m_page->model()->rowOfToken(token);
        QCOMPARE(m_page->model()->index(row, int(Column::Alias)).data().toString(), u"renamed-by-test"_qs);
        QVERIFY2(m_page->model()->index(row, int(Column::Spend)).data().toString().endsWith(u"/ $75.00"),
                 qPrintable(m_page->model()->index(row, int(Column::Spend)).data().toString()));
        dialog->reject();
    }

    // Emptying the budget or a limit removes it.
    void editRemovesABudgetAndALimit() {
        start();
        int row = -1;
        for (int r = 0; r < m_page->model()->rowCount() && row < 0; ++r)
            if (m_page->model()->keyAt(r)->maxBudget)
                row = r;
        QVERIFY(row >= 0);
        const QString token = m_page->model()->keyAt(row)->token;
        select({row});
        action(QStringLiteral("editKeyAction"))->trigger();
        auto *dialog = m_page->findChild<KeyEditDialog *>();
        QTRY_VERIFY(dialog && dialog->isVisible());
        auto *budget = dialog->findChild<QLineEdit *>(QStringLiteral("editBudget"));
        auto *tpm = dialog->findChild<QLineEdit *>(QStringLiteral("editTpm"));
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("editSave"));
        QVERIFY(!budget->text().isEmpty());
        budget->clear();
        tpm->setText(u"5000"_qs);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        auto *result = dialog->findChild<QLabel *>(QStringLiteral("editResult"));
        QTRY_VERIFY(result->isVisible());
        QVERIFY2(result->text().startsWith(u"Saved"), qPrintable(result->text()));
        std::optional<SimKey> k;
        for (qint64 i = 0; i < m_sim->data().keys().size() && !k; ++i)
            if (m_sim->data().keys().key(i).token == token)
                k = m_sim->data().keys().key(i);
        QVERIFY(k);
        QVERIFY(!k->maxBudget);
        QCOMPARE(k->tpmLimit, std::optional<qint64>(5000));
        dialog->reject();
    }

    void deleteNeedsTheAliasTyped() {
        start();
        const int row = rowWithAlias();
        QVERIFY(row >= 0);
        select({row});
        const QString alias = cell(row, Column::Alias);
        const QString token = m_page->selectedTokens().first();
        action(QStringLiteral("deleteKeyAction"))->trigger();
        auto *dialog = m_page->findChild<ConfirmTypingDialog *>();
        QVERIFY(dialog);
        auto *input = dialog->findChild<QLineEdit *>(QStringLiteral("confirmInput"));
        auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QVERIFY(!confirm->isEnabled());
        QTest::keyClicks(input, alias.left(alias.size() - 1));
        QVERIFY(!confirm->isEnabled());
        QTest::keyClicks(input, alias.right(1));
        QVERIFY(confirm->isEnabled());
        QCOMPARE(requestsTo(u"/key/delete"_qs), 0);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(m_page->model()->rowOfToken(token), -1);
        QCOMPARE(requestsTo(u"/key/delete"_qs), 1);
        QCOMPARE(m_page->model()->rowCount(), 99);
    }

    void blockSeveralWithOneFailing() {
        start();
        select({0, 1, 2});
        const QStringList tokens = m_page->selectedTokens();
        QCOMPARE(tokens.size(), 3);
        m_sim->addFault({u"/key/block"_qs, SimFault::Kind::Status, 500, 1});
        QVERIFY(action(QStringLiteral("blockKeyAction"))->isEnabled());
        action(QStringLiteral("blockKeyAction"))->trigger();
        // Which keys failed shows on the page, with the detail one click away; nothing modal opens.
        auto *banner = m_page->findChild<ErrorBanner *>();
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(!QApplication::activeModalWidget());
        const QString message = banner->findChild<QLabel *>(QStringLiteral("errorMessage"))->text();
        QVERIFY2(message.startsWith(u"1 of 3 keys failed"), qPrintable(message));
        auto *detail = banner->findChild<QLabel *>(QStringLiteral("errorDetail"));
        QVERIFY(!detail->isVisible());
        QTest::mouseClick(banner->findChild<QToolButton *>(QStringLiteral("errorDetailsButton")),
                          Qt::LeftButton);
        QVERIFY(detail->isVisible());
        QVERIFY2(detail->text().contains(u"HTTP 500"), qPrintable(detail->text()));
        int blocked = 0;
        for (const QString &t : tokens) {
            const int row = m_page->model()->rowOfToken(t);
            blocked +=
                m_page->model()->index(row, int(Column::Status)).data().toString() == u"Blocked" ? 1 : 0;
        }
        QCOMPARE(blocked, 2); // the two that worked stay blocked
    }

    void deleteSeveralAsksForTheCount() {
        start();
        select({0, 1, 2, 3});
        action(QStringLiteral("deleteKeyAction"))->trigger();
        auto *dialog = m_page->findChild<ConfirmTypingDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("confirmMessage"))
                    ->text()
                    .startsWith(u"Delete 4 keys?"));
        auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("confirmInput")), u"4"_qs);
        QVERIFY(confirm->isEnabled());
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(m_page->model()->rowCount(), 96);
        QTRY_VERIFY(action(QStringLiteral("deleteKeyAction"))->toolTip() == u"Select a key first.");
    }

    // A new order from the proxy lists the keys again: the key selected before is no longer shown in
    // the details, and nothing is left to act on.
    void aResortLeavesNoStaleDetailsOrActions() {
        start();
        select({3});
        const QString token = m_page->selectedTokens().first();
        QVERIFY(details().contains(token));
        QVERIFY(action(u"deleteKeyAction"_qs)->isEnabled());
        QVERIFY(action(u"editKeyAction"_qs)->isEnabled());
        m_page->table()->horizontalHeader()->setSortIndicator(int(Column::Spend), Qt::AscendingOrder);
        QTRY_COMPARE(keyListRequests(), 2);
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 100);
        QVERIFY(m_page->selectedTokens().isEmpty());
        QVERIFY2(details().startsWith(u"No key selected"), qPrintable(details()));
        for (const char *name : {"editKeyAction", "blockKeyAction", "unblockKeyAction", "deleteKeyAction",
                                 "regenerateKeyAction"}) {
            QVERIFY2(!action(QString::fromLatin1(name))->isEnabled(), name);
            QCOMPARE(action(QString::fromLatin1(name))->toolTip(), u"Select a key first."_qs);
        }
    }

    void deletingTheSelectedKeyClearsTheDetails() {
        start();
        select({5});
        const QString token = m_page->selectedTokens().first();
        QVERIFY(details().contains(token));
        const KeyRecord *key = m_page->model()->keyAt(m_page->model()->rowOfToken(token));
        confirmDelete(key->keyAlias.isEmpty() ? token.left(12) : key->keyAlias);
        QTRY_COMPARE(m_page->model()->rowOfToken(token), -1);
        QVERIFY(m_page->selectedTokens().isEmpty());
        QVERIFY2(details().startsWith(u"No key selected"), qPrintable(details()));
        QVERIFY(!details().contains(token));
        QVERIFY(!action(u"deleteKeyAction"_qs)->isEnabled());
        QCOMPARE(action(u"deleteKeyAction"_qs)->toolTip(), u"Select a key first."_qs);
        QCOMPARE(count(), u"Loaded 99 of 249 keys"_qs); // the proxy's total follows the delete
    }

    // Filtered down to one key on the proxy, then that key deleted: the count says there are none left.
    // The list loaded again leaves no tooltip of the selection before it.
    void deletingTheOnlyKeyLeavesNone() {
        start();
        const KeyRecord only = m_page->directory()->keys().at(7);
        select({7, 8});
        QCOMPARE(action(u"editKeyAction"_qs)->toolTip(), u"Select one key."_qs);
        auto *hash = m_page->findChild<QLineEdit *>(u"filterHash"_qs);
        hash->setFocus();
        QTest::keyClicks(hash, only.token);
        QTest::keyClick(hash, Qt::Key_Return);
        QTRY_COMPARE(keyListRequests(), 2);
        QTRY_VERIFY(!m_page->directory()->isLoading());
        QCOMPARE(m_page->table()->model()->rowCount(), 1);
        QCOMPARE(count(), u"Loaded 1 of 1 keys"_qs);
        QVERIFY(m_page->selectedTokens().isEmpty());
        QVERIFY(!action(u"editKeyAction"_qs)->isEnabled());
        QCOMPARE(action(u"editKeyAction"_qs)->toolTip(), u"Select a key first."_qs);
        QVERIFY2(details().startsWith(u"No key selected"), qPrintable(details()));
        select({0});
        confirmDelete(only.keyAlias.isEmpty() ? only.token.left(12) : only.keyAlias);
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 0);
        QCOMPARE(count(), u"No keys"_qs);
        QVERIFY(!action(u"deleteKeyAction"_qs)->isEnabled());
        QVERIFY2(details().startsWith(u"No key selected"), qPrintable(details()));
    }

    // Block is for keys that are not blocked yet, Unblock for keys that are.
    void blockAndUnblockFollowTheSelectedKeys() {
        start();
        QAction *block = action(u"blockKeyAction"_qs);
        QAction *unblock = action(u"unblockKeyAction"_qs);
        const int open = firstRowWithStatus(false), other = firstRowWithStatus(false, open + 1);
        QVERIFY(open >= 0 && other >= 0);
        select({open});
        QVERIFY(block->isEnabled());
        QVERIFY(!unblock->isEnabled());
        QCOMPARE(unblock->toolTip(), u"The key is not blocked."_qs);
        block->trigger();
        QTRY_COMPARE(cell(open, Column::Status), u"Blocked"_qs);
        QTRY_VERIFY(!block->isEnabled());
        QCOMPARE(block->toolTip(), u"The key is already blocked."_qs);
        QVERIFY(unblock->isEnabled());
        QCOMPARE(unblock->toolTip(), unblock->property("baseToolTip").toString());

        // One blocked and one not: both actions have a key to act on.
        select({open, other});
        QVERIFY(block->isEnabled());
        QVERIFY(unblock->isEnabled());
        block->trigger();
        QTRY_COMPARE(cell(other, Column::Status), u"Blocked"_qs);
        QTRY_VERIFY(!block->isEnabled());
        QCOMPARE(block->toolTip(), u"Every selected key is already blocked."_qs);
        QVERIFY(unblock->isEnabled());
        unblock->trigger();
        QTRY_VERIFY(cell(other, Column::Status) != u"Blocked");
        QTRY_VERIFY(!unblock->isEnabled());
        QCOMPARE(unblock->toolTip(), u"No selected key is blocked."_qs);
        QVERIFY(block->isEnabled());
    }

    // The quick filter takes rows out of the selection: the actions and their tooltips follow what is
    // still selected.
    void narrowingToOneKeyLeavesNoStaleTooltip() {
        start();
        QAction *edit = action(u"editKeyAction"_qs);
        select({0, 1});
        QVERIFY(!edit->isEnabled());
        QCOMPARE(edit->toolTip(), u"Select one key."_qs);
        const QString first = m_page->table()->model()->index(0, 0).data(KeyTableModel::TokenRole).toString();
        auto *quick = m_page->findChild<QLineEdit *>(u"keyQuickFilter"_qs);
        QTest::keyClicks(quick, first.left(20));
        QCOMPARE(m_page->table()->model()->rowCount(), 1);
        QCOMPARE(m_page->selectedTokens(), QStringList{first});
        QVERIFY(edit->isEnabled());
        QCOMPARE(edit->toolTip(), edit->property("baseToolTip").toString());
        QVERIFY(details().contains(first));

        // Narrowed to a key that was not selected: nothing is.
        quick->clear();
        select({0});
        const QString third = m_page->table()->model()->index(2, 0).data(KeyTableModel::TokenRole).toString();
        QTest::keyClicks(quick, third.left(20));
        QCOMPARE(m_page->table()->model()->rowCount(), 1);
        QVERIFY(m_page->selectedTokens().isEmpty());
        QVERIFY(!edit->isEnabled());
        QCOMPARE(edit->toolTip(), u"Select a key first."_qs);
        QVERIFY2(details().startsWith(u"No key selected"), qPrintable(details()));
    }

    // The team filter's clear button lists every key again at once; typing alone asks nothing.
    void clearingTheTeamFilterReloadsAtOnce() {
        start();
        const QString team = m_page->directory()->keys().first().teamId.isEmpty()
                                 ? m_page->directory()->keys().at(1).teamId
                                 : m_page->directory()->keys().first().teamId;
        auto *teamEdit = m_page->findChild<QWidget *>(u"filterTeam"_qs)->findChild<QLineEdit *>();
        teamEdit->setFocus();
        QTest::keyClicks(teamEdit, team);
        QCOMPARE(keyListRequests(), 1); // not before Enter
        QTest::keyClick(teamEdit, Qt::Key_Return);
        QTRY_COMPARE(keyListRequests(), 2);
        QTRY_VERIFY(!m_page->directory()->isLoading());
        QVERIFY(m_page->table()->model()->rowCount() < 100);
        auto *clear = teamEdit->findChild<QToolButton *>();
        QVERIFY(clear);
        QTRY_VERIFY(clear->isVisible());
        QTest::mouseClick(clear, Qt::LeftButton);
        QVERIFY(teamEdit->text().isEmpty());
        QVERIFY(teamEdit->hasFocus()); // no Enter, no leaving the field
        QTRY_COMPARE(keyListRequests(), 3);
        QVERIFY2(!lastKeyList().contains(u"team_id="), qPrintable(lastKeyList()));
        QTRY_COMPARE(count(), u"Loaded 100 of 250 keys"_qs);
        QTest::keyClick(teamEdit, Qt::Key_Return); // nothing changed since: no second load
        QCOMPARE(keyListRequests(), 3);
    }

    // A filter typed but not sent when the page goes away: the page is not asked to load it as it is
    // destroyed (the field loses its focus then).
    void closingWithAFilterTypedButNotSent() {
        start();
        auto *user = m_page->findChild<QLineEdit *>(u"filterUser"_qs);
        m_page->activateWindow();
        user->setFocus();
        QTest::keyClicks(user, u"someone"_qs);
        QTRY_VERIFY(user->hasFocus());
        m_page.reset();
        QCOMPARE(keyListRequests(), 1);
    }

    void regenerateNeedsEnterprise() {
        start();
        select({0});
        QAction *regenerate = action(QStringLiteral("regenerateKeyAction"));
        QVERIFY(regenerate->isEnabled());
        regenerate->trigger();
        auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("regenerateConfirm"));
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("regenerateButton")), Qt::LeftButton);
        QTRY_COMPARE(regenerate->toolTip(), u"needs LiteLLM Enterprise"_qs);
        QVERIFY(!regenerate->isEnabled());
        select({1});
        QVERIFY(!regenerate->isEnabled()); // stays off for this proxy
        QCOMPARE(regenerate->toolTip(), u"needs LiteLLM Enterprise"_qs);
    }

    void regenerateShowsTheNewKeyOnce() {
        SimOptions o;
        o.enterprise = true;
        start(o);
        m_page->setClipboardClearInterval(200);
        select({0});
        const QString old = m_page->selectedTokens().first();
        action(QStringLiteral("regenerateKeyAction"))->trigger();
        auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("regenerateConfirm"));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("regenerateButton")), Qt::LeftButton);
        NewKeyDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_page->findChild<NewKeyDialog *>()));
        const QString raw = dialog->findChild<QLineEdit *>(QStringLiteral("rawKey"))->text();
        QVERIFY2(raw.startsWith(u"sk-"), qPrintable(raw));
        QCOMPARE(m_page->model()->rowOfToken(old), -1);
        QCOMPARE(m_page->model()->rowOfToken(hashKey(raw)), 0); // the row now holds the new key
        // Copied, then cleared from the clipboard after the interval (30 s in the app).
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyButton")), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), raw);
        QTRY_VERIFY(QGuiApplication::clipboard()->text().isEmpty());
        dialog->reject();
        QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("rawKey"))->text().isEmpty());
    }

    void exportsEveryKeyToCsv() {
        start();
        const QString path = m_dir.filePath(u"keys.csv"_qs);
        QSignalSpy written(m_page.get(), &KeysPage::exportWritten);
        m_page->exportTo(path);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 20000);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto rows = CsvReader::parse(QString::fromUtf8(f.readAll()));
        QVERIFY(rows);
        QCOMPARE(rows->size(), 251); // the header and every key, not only the page loaded
        QCOMPARE(rows->first().first(), u"token"_qs);
        QCOMPARE(m_page->model()->rowCount(), 100);
    }

    // In the window, an export shows in the status bar, where Cancel or Esc stops it; the page stays
    // usable meanwhile.
    void exportShowsInTheStatusBarWithCancel() {
        WindowServices services(m_dir.path());
        const std::unique_ptr<MainWindow> owner = keysWindow(services);
        MainWindow &window = *owner;
        auto *page = window.findChild<KeysPage *>();
        window.openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
        QTRY_COMPARE(page->findChild<QLabel *>(u"keyCount"_qs)->text(), u"Loaded 100 of 250 keys"_qs);
        StatusProgress *progress = window.progress();
        QAction *exportAction = page->findChild<QAction *>(u"exportKeysAction"_qs);
        QSignalSpy written(page, &KeysPage::exportWritten);

        // Done: the progress goes away.
        page->exportTo(m_dir.filePath(u"all.csv"_qs));
        QVERIFY(progress->isVisible());
        QVERIFY2(progress->label().startsWith(u"Exporting keys"), qPrintable(progress->label()));
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 20000);
        QVERIFY(!progress->isVisible());

        // Canceled with the status bar's button while pages are still to come.
        m_sim->addFault({u"/key/list"_qs, SimFault::Kind::Delay, 1000, -1});
        const QString path = m_dir.filePath(u"canceled.csv"_qs);
        page->exportTo(path);
        QVERIFY(page->isExporting());
        QVERIFY(!exportAction->isEnabled());
        QTRY_VERIFY2(progress->label().startsWith(u"Exporting keys: page 1 of 3"),
                     qPrintable(progress->label()));
        QCOMPARE(progress->findChild<QProgressBar *>()->maximum(), 3);
        QCOMPARE(QApplication::activeModalWidget(), nullptr);
        auto *quick = page->findChild<QLineEdit *>(u"keyQuickFilter"_qs);
        const KeyRecord target = page->directory()->keys().at(3);
        QTest::keyClicks(quick, target.token.left(16));
        QCOMPARE(page->table()->model()->rowCount(), 1); // the page still filters while exporting
        quick->clear();
        QTest::mouseClick(progress->findChild<QToolButton *>(u"statusProgressCancel"_qs), Qt::LeftButton);
        QVERIFY(!page->isExporting());
        QVERIFY(!progress->isVisible());
        QVERIFY(exportAction->isEnabled());
        QCOMPARE(window.statusBar()->currentMessage(), u"Export canceled; nothing was written."_qs);
        QTRY_COMPARE(window.client()->inFlight(), 0); // the pages asked for were canceled
        QCOMPARE(written.size(), 1);
        QVERIFY(!QFile::exists(path));

        // Canceled with Esc.
        page->exportTo(path);
        QVERIFY(progress->isVisible());
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!page->isExporting());
        QVERIFY(!progress->isVisible());
        QTRY_COMPARE(window.client()->inFlight(), 0);
        QCOMPARE(written.size(), 1);
        QVERIFY(!QFile::exists(path));
    }

    // A file that cannot be written is shown as a local problem naming the file, not as a failed request.
    void anUnwritableExportSaysWhichFile() {
        start();
        const QString path = m_dir.filePath(u"missing-folder/keys.csv"_qs);
        m_page->exportTo(path);
        auto *banner = m_page->findChild<QWidget *>(u"errorBanner"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        const QString message = banner->findChild<QLabel *>(u"errorMessage"_qs)->text();
        QVERIFY2(message.startsWith(u"Could not write " + path), qPrintable(message));
        QCOMPARE(banner->findChild<QLabel *>(u"errorDetail"_qs)->text(), path);
        QVERIFY(!m_page->isExporting());
        QVERIFY(!QFile::exists(path));
    }

    void exportFollowsTheQuickFilterToJson() {
        start();
        const KeyRecord target = m_page->directory()->keys().at(5);
        QTest::keyClicks(m_page->findChild<QLineEdit *>(QStringLiteral("keyQuickFilter")),
                         target.token.left(20));
        const QString path = m_dir.filePath(u"keys.json"_qs);
        QSignalSpy written(m_page.get(), &KeysPage::exportWritten);
        m_page->exportTo(path);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 20000);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray keys = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().toObject().value(u"token").toString(), target.token);
    }

    void listFailureShowsBannerWithRetry() {
        start();
        m_sim->addFault({u"/key/list"_qs, SimFault::Kind::Status, 500, 1});
        action(QStringLiteral("reloadKeysAction"))->trigger();
        auto *banner = m_page->findChild<QWidget *>(QStringLiteral("errorBanner"));
        QTRY_VERIFY(banner->isVisible());
        QCOMPARE(m_page->table()->model()->rowCount(), 0);
        auto *retry = banner->findChild<QPushButton *>();
        QVERIFY(retry);
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 100);
        QVERIFY(!banner->isVisible());
    }

    // The window's LayoutMemory brings back hidden, moved and resized columns and the sort order, which the
    // first page is then asked for.
    void columnsComeBackInTheNextRun() {
        start();
        LayoutMemory memory;
        memory.setProfile(u"alpha"_qs);
        memory.track(m_page.get());
        QHeaderView *header = m_page->table()->horizontalHeader();
        header->moveSection(header->visualIndex(int(Column::Status)), 0);
        header->resizeSection(int(Column::Alias), 333);
        header->setSortIndicator(int(Column::Spend), Qt::AscendingOrder);
        QTRY_COMPARE(keyListRequests(), 2); // the proxy sorts
        QVERIFY(!header->isSectionHidden(int(Column::Models)));
        emit header->customContextMenuRequested(QPoint(10, 5));
        auto *menu = m_page->findChild<QMenu *>(QStringLiteral("columnMenu"));
        QVERIFY(menu);
        QAction *models = nullptr;
        for (QAction *a : menu->actions())
            if (a->text() == u"Models")
                models = a;
        QVERIFY(models && models->isChecked());
        models->trigger();
        QVERIFY(header->isSectionHidden(int(Column::Models)));
        menu->close();
        memory.save(); // as the window does when it closes
        m_page.reset();

        m_page = std::make_unique<KeysPage>();
        LayoutMemory next;
        next.setProfile(u"alpha"_qs);
        next.track(m_page.get());
        QHeaderView *h = m_page->table()->horizontalHeader();
        QVERIFY(h->isSectionHidden(int(Column::Models)));
        QCOMPARE(h->visualIndex(int(Column::Status)), 0);
        QCOMPARE(h->sectionSize(int(Column::Alias)), 333);
        QCOMPARE(h->sortIndicatorSection(), int(Column::Spend));
        const int requests = keyListRequests();
        PageContext context;
        context.client = m_client.get();
        context.scope = QStringLiteral("demo");
        m_page->setContext(context);
        QTRY_COMPARE(keyListRequests(), requests + 1);
        QVERIFY2(lastKeyList().contains(u"sort_by=spend"), qPrintable(lastKeyList()));
        QVERIFY(lastKeyList().contains(u"sort_order=asc"));
    }

    // The page as a person sees it, with a key selected (PNG to $DESK_SCREENSHOT_DIR when set): team
    // names instead of ids once the teams have loaded, and the details of the selected key.
    void looksRightWithASimulator() {
        start();
        QTRY_VERIFY(!cell(0, Column::Team).isEmpty());
        const KeyRecord first = m_page->directory()->keys().first();
        int withTeam = -1;
        for (int r = 0; r < m_page->model()->rowCount() && withTeam < 0; ++r)
            if (!m_page->model()->keyAt(r)->teamId.isEmpty())
                withTeam = r;
        QVERIFY(withTeam >= 0);
        const QString teamId = m_page->model()->keyAt(withTeam)->teamId;
        QTRY_VERIFY(m_page->model()->index(withTeam, int(Column::Team)).data().toString() != teamId);
        select({0});
        const KeyDetailsView *details = m_page->findChild<KeyDetailsView *>();
        QVERIFY(details->text().contains(first.token));
        QTRY_VERIFY_WITH_TIMEOUT(!details->text().contains(u"Reading the key's"_qs), 10000); // its ladder
        QVERIFY(details->text().contains(u"Budgets that apply"_qs));
        // The same row reported again (as after every page or action) does not ask the proxy again.
        const auto ladderReads = [this] {
            return std::count_if(m_sim->requestLog().cbegin(), m_sim->requestLog().cend(),
                                 [](const QString &l) { return l.startsWith(u"/global/spend"); });
        };
        const auto reads = ladderReads();
        QVERIFY(reads > 0);
        const QModelIndex top = m_page->table()->model()->index(0, 0);
        emit m_page->table()->model()->dataChanged(top, top);
        QTest::qWait(600);
        QCOMPARE(ladderReads(), reads);
        QVERIFY(details->text().contains(u"Limited by"_qs) ||
                details->text().contains(u"No budget applies"_qs) ||
                details->text().contains(u"Over budget"_qs));
        QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR");
        QTemporaryDir tmp;
        if (dir.isEmpty())
            dir = tmp.path();
        const QImage image = m_page->grab().toImage();
        QVERIFY(image.save(dir + QStringLiteral("/keys.png")));
    }

    // In the window: the page follows the connection, and Find (Ctrl+F) goes to its quick filter.
    void followsTheWindowsConnection() {
        WindowServices services(m_dir.path());
        const std::unique_ptr<MainWindow> owner = keysWindow(services);
        MainWindow &window = *owner;
        auto *page = window.findChild<KeysPage *>();
        QVERIFY(page && page->isVisible());
        QCOMPARE(page->findChild<QLabel *>(u"keyCount"_qs)->text(), u"Not connected"_qs);
        QVERIFY(!page->findChild<QAction *>(u"exportKeysAction"_qs)->isEnabled());
        window.openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
        QTRY_COMPARE(page->findChild<QLabel *>(u"keyCount"_qs)->text(), u"Loaded 100 of 250 keys"_qs);
        window.findChild<QAction *>(u"filterAction"_qs)->trigger();
        QVERIFY(page->isVisible()); // Find stays on the keys page
        QCOMPARE(QApplication::focusWidget(), page->findChild<QLineEdit *>(u"keyQuickFilter"_qs));
        window.logout();
        QTRY_COMPARE(page->findChild<QLabel *>(u"keyCount"_qs)->text(), u"Not connected"_qs);
        QCOMPARE(page->table()->model()->rowCount(), 0);
    }

    void unsortableHeaderKeepsTheProxysOrder() {
        start();
        QHeaderView *header = m_page->table()->horizontalHeader();
        const int requests = keyListRequests();
        header->setSortIndicator(int(Column::Models), Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), -1);
        QCOMPARE(keyListRequests(), requests);
        header->setSortIndicator(int(Column::Spend), Qt::AscendingOrder);
        QTRY_COMPARE(keyListRequests(), requests + 1);
        QVERIFY2(lastKeyList().contains(u"sort_by=spend"), qPrintable(lastKeyList()));
        QVERIFY(lastKeyList().contains(u"sort_order=asc"));
        QTRY_COMPARE(m_page->table()->model()->rowCount(), 100);
    }
};

QTEST_MAIN(TestKeysPage)
#include "tst_KeysPage.moc"
