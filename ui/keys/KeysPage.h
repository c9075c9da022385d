#pragma once

#include "core/keys/KeyActionResult.h"
#include "ui/Page.h"

#include <QHash>
#include <QPointer>

#include <functional>

class ErrorBanner;
class KeyDetailsView;
class KeyDirectory;
class KeyFilterBar;
class KeyExporter;
class KeyFilterProxy;
class KeyTableModel;
class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QTableView;
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
    // Lists the keys of one team (the Teams page's "Show keys").
    void showTeam(const QString &teamId);
    // Writes every key of the current filters (all pages) to `path`: JSON when it ends in .json, else
    // CSV. The page stays usable meanwhile; the export is the page's work, which the window shows in its
    // status bar with Cancel.
    void exportTo(const QString &path);
    bool isExporting() const;

    KeyDirectory *directory() const { return m_directory; }
    KeyTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QStringList selectedTokens() const;

    // For tests: how long a copied new key stays in the clipboard.
    void setClipboardClearInterval(int ms) { m_clipboardClearMs = ms; }

signals:
    void exportWritten(const QString &path, qsizetype keys);

protected:
    QWidget *filterWidget() const override;

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
    QString nameOf(const QString &token) const;

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

    KeyFilterBar *m_filterBar = nullptr;
    QLineEdit *m_quickFilter = nullptr;
    QToolButton *m_riskButton = nullptr;
    QList<QAction *> m_riskActions;
    QLabel *m_count = nullptr;
    QProgressBar *m_loading = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLabel *m_notice = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    KeyDetailsView *m_details = nullptr;

    QAction *m_edit = nullptr;
    QAction *m_block = nullptr;
    QAction *m_unblock = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_regenerate = nullptr;
    QAction *m_export = nullptr;
    QAction *m_reload = nullptr;
};
