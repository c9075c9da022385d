#pragma once

#include "core/keys/KeyActionResult.h"
#include "core/keys/KeyRisk.h"
#include "ui/Page.h"

#include <QFutureWatcherBase>
#include <QHash>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class ErrorBanner;
class BudgetReader;
class KeyBudgets;
struct BudgetBook;
class KeyChangesDialog;
class KeyDetailsView;
class KeyDirectory;
class KeyFilterBar;
class KeyExporter;
class KeyFilterProxy;
class KeyIndex;
class KeyIndexModel;
class KeyIndexSync;
class KeyTableModel;
struct SyncReport;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;

// The proxy's virtual keys: server filters (team, user, alias, hash, status), a quick filter and risk
// toggles over the rows loaded, the table (sorted by the proxy, a page of 100 at a time as it scrolls),
// a details panel for the selected key, and the actions on keys: edit, block, unblock, delete,
// regenerate and export. The window's LayoutMemory remembers the columns (with the sort order) and the
// splitter.
class KeysPage : public Page {
    Q_OBJECT
public:
    explicit KeysPage(QWidget *parent = nullptr);
    ~KeysPage() override;

    // Follows the window's connection: a new client reloads the list; the caller's role gates actions.
    void setContext(const PageContext &context) override;
    void reload() override;
    // Stops an export under way; nothing is written.
    void cancel() override;
    // Lists the keys of one user (the Users page's "Open in Keys").
    void showUser(const QString &userId);
    // Shows the keys with any of `risks` (the Overview's key tiles): the other risk toggles and the quick
    // filter are cleared.
    // Checks exactly these risks (and the "used in the last 30 days" filter when asked), clearing the
    // quick text filter.
    void showRisks(const QList<KeyRisk> &risks, bool recentlyUsed = false);
    // Lists the keys of one team (the Teams page's "Show keys").
    void showTeam(const QString &teamId);
    // Lists one key, by its hash (Watch's "Open" on a key about to expire).
    void showKey(const QString &token);
    // Writes every key of the current filters (all pages) to `path`: JSON when it ends in .json, else
    // CSV. The page stays usable meanwhile; the export is the page's work, which the window shows in its
    // status bar with Cancel.
    void exportTo(const QString &path);
    bool isExporting() const;

    KeyDirectory *directory() const { return m_directory; }
    KeyTableModel *model() const { return m_model; }
    // The connection's local key index (KeysPageIndex.cpp). While it is in use the table shows every key
    // from it: sorted on any column and filtered exactly over all keys. It is in use when the connection
    // has one (built by Sync now or `litellm-deskctl keys sync`) and the index is not switched off.
    KeyIndexModel *indexModel() const { return m_indexModel; }
    bool usesIndex() const;
    bool isSyncing() const;
    // Reads the proxy's keys into the index (the first time every key, later what changed), with
    // progress and Cancel in the status bar. Builds the index when the connection has none.
    void syncNow();
    // Off: the page pages through the proxy's list as it scrolls (the setting is remembered).
    void setIndexEnabled(bool enabled);
    static bool indexEnabled();
    // Minutes between automatic syncs while the connection is open; 0 = never. Remembered.
    void setSyncInterval(int minutes);
    static int syncInterval();
    // True when the last sync could not reach the proxy: the page shows the index read-only.
    bool isOffline() const { return m_offline; }
    // The index's changes journal; with one key selected, that key's history.
    KeyChangesDialog *showChanges();
    QTableView *table() const { return m_table; }
    QStringList selectedTokens() const;

    // For tests: how long a copied new key stays in the clipboard.
    void setClipboardClearInterval(int ms) { m_clipboardClearMs = ms; }

signals:
    void exportWritten(const QString &path, qsizetype keys);

protected:
    QWidget *filterWidget() const override;
    void showEvent(QShowEvent *event) override;

private:
    struct Batch {
        int id = 0;
        KeyActionResult::Action action = KeyActionResult::Action::Block;
        qsizetype expected = 0;
        QHash<QString, QString> names; // token -> what the user calls it
        QList<KeyActionResult> results;
    };

    void buildActions();
    void buildLayout();
    void setClient(ProxyClient *client);
    void applyServerFilter();
    void applyQuickFilters();
    void onSortIndicator(int column, Qt::SortOrder order);
    void showHeaderMenu(const QPoint &pos);
    void showContextMenu(const QPoint &pos);
    void updateCount();
    void updateDetails();
    void readLadder();
    void updateActions();
    void showLoading(bool loading);
    void loadTeams();

    // Actions (KeysPageActions.cpp)
    void editSelected();
    void blockSelected(bool block);
    void deleteSelected();
    void regenerateSelected();
    void chooseExport();
    void startBatch(KeyActionResult::Action action, const QStringList &tokens);
    // Collects the results of the batch just started, each key's once.
    std::function<void(const KeyActionResult &)> batchResult();
    void finishBatch();
    void exportEnded();
    void exportFromIndex(const QString &path);
    QString nameOf(const QString &token) const;
    std::optional<KeyRecord> findKey(const QString &token) const;
    std::optional<KeyRecord> keyOfRow(const QModelIndex &viewRow) const;

    // The local index (KeysPageIndex.cpp)
    void buildIndexLine();
    void openIndex();
    void closeIndex();
    void useModel();
    void applyIndexQuery();
    void updateIndexLine();
    void syncTick();
    void syncEnded(const SyncReport &report);
    void recordInIndex(const KeyActionResult &result);

    // The budgets above the keys (KeysPageBudgets.cpp)
    void readBudgets(bool asWork);
    void budgetsRead(const BudgetBook &book, int requests);
    bool cancelBudgets(bool quietly = false);

    QPointer<ProxyClient> m_client;
    CallerIdentity m_caller;
    KeyDirectory *m_directory = nullptr;
    KeyTableModel *m_model = nullptr;
    KeyFilterProxy *m_proxy = nullptr;
    int m_clipboardClearMs = 30000;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_enterpriseMissing = false;
    bool m_regenerating = false;
    std::optional<Batch> m_batch;
    int m_batchCount = 0;
    QPointer<KeyExporter> m_exporter;
    QPointer<QFutureWatcherBase> m_indexExport; // an export reading the index
    QString m_scope;
    std::unique_ptr<KeyIndex> m_index;
    KeyIndexModel *m_indexModel = nullptr;
    QPointer<KeyIndexSync> m_sync;
    QTimer *m_indexClock = nullptr;
    bool m_offline = false;
    bool m_firstSyncStarted = false; // the automatic first sync, once per connection
    QLabel *m_indexLine = nullptr;
    QLabel *m_subtitle = nullptr;
    QToolButton *m_syncButton = nullptr;
    QAction *m_useIndex = nullptr;
    QAction *m_changes = nullptr;
    QPointer<KeyChangesDialog> m_changesDialog;

    KeyFilterBar *m_filterBar = nullptr;
    QLineEdit *m_quickFilter = nullptr;
    QToolButton *m_riskButton = nullptr;
    QList<QAction *> m_riskActions;
    QAction *m_recentlyUsedAction = nullptr;
    QLabel *m_count = nullptr;
    QProgressBar *m_loading = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLabel *m_notice = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    KeyDetailsView *m_details = nullptr;
    QTimer *m_ladderTimer = nullptr;
    std::optional<KeyRecord> m_ladderKey;
    QPointer<KeyBudgets> m_ladderRead;
    QPointer<BudgetReader> m_budgetRead;
    bool m_budgetWork = false; // the read shows as the page's work

    QAction *m_edit = nullptr;
    QAction *m_block = nullptr;
    QAction *m_unblock = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_regenerate = nullptr;
    QMenu *m_keepMenu = nullptr;
    QAction *m_export = nullptr;
    QAction *m_reload = nullptr;
};
