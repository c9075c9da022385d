#pragma once

#include "core/connection/Connection.h"
#include "core/connection/RoleGate.h"
#include "ui/PageContext.h"

#include <QAction>
#include <QMainWindow>
#include <QPointer>
#include <QStyle>

#include <memory>

class ConnectionHeader;
class KeyPrompt;
class LayoutMemory;
class MemorySecretStore;
class ModelCatalog;
class Page;
class ProfileStore;
class QListWidget;
class QMenu;
class QStackedWidget;
class QToolButton;
class RoleStore;
class SecretStore;
class StatusProgress;

// The desktop window: the connection header (profile chip, state, version, role) and the profile
// switcher in the toolbar, navigation on the left, one page per feature on the right. It works on saved
// profiles: it opens one Connection at a time (key from the keychain or this session's memory, asked
// for when missing), gives its client to the pages and disables what the caller's role may not do.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // What the window works with; all outlive it. `keychain` may be null (no keychain on this system).
    struct Services {
        ProfileStore *profiles = nullptr;
        SecretStore *keychain = nullptr;
        MemorySecretStore *session = nullptr; // one for the whole run of the app
        QString rolesFile;                    // empty: RoleStore::defaultPath()
        // Window geometry, splitters and table columns remembered per profile; false (screenshots) keeps
        // the layout the window is built with and saves nothing.
        bool rememberLayout = true;
        // Background watching (one pass at a time over every watched connection); null: none.
        class WatchScheduler *watcher = nullptr;
        class WatchTargets *watchTargets = nullptr;
    };

    // One row per page, in the order of the navigation: the whole of what adding a page takes.
    struct PageSpec {
        const char *name; // --page NAME; the page's objectName is NAME + "Page"
        QStyle::StandardPixmap icon;
        const char *title; // QT_TR_NOOP in MainWindow's context
        const char *tip;
        Page *(*make)(const std::shared_ptr<RoleStore> &roles, QWidget *parent);
    };
    static const QList<PageSpec> &pageSpecs();
    // The pages' names in the order of the navigation; needs no window (litellm-desk --list-pages).
    static QStringList pageNames();

    explicit MainWindow(const Services &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a saved profile (and remembers it as the last used). Returns false when there is no such profile.
    bool openProfile(const QString &profileId);
    // Opens the profile used last; false when there is none (first run, or it was removed).
    bool reopenLastProfile();
    // A connection that is not saved (--demo, --url, File > Connect to URL): nothing goes to the keychain
    // or the settings; the key is kept in this session's memory. An empty key is asked for.
    void openSession(const Profile &profile, const QString &key);
    void connectTo(const ClientConfig &config, const QString &key);
    // Forgets the key in memory, drops the client and shows the disconnected state.
    void logout();
    // Probes the proxy again and reloads the pages' data (or asks for the key again).
    void refresh();

    // Shows the page whose objectName is `name` + "Page" ("models", "roles", "users", …); false when none.
    bool showPage(const QString &name);
    // The page named `name`, or null.
    Page *page(const QString &name) const;
    template <typename T> T *page() const { return findChild<T *>(); }
    // The page on screen.
    Page *currentPage() const;
    // True while the page on screen is still loading.
    bool isPageBusy() const;

    void showConnections();
    // Shows the window and the Watch page of the connection `scope` (opening that saved profile when
    // the window shows another).
    void showAlerts(const QString &scope);
    // Closing the window hides it while the app keeps watching from the tray; Quit ends the app.
    void setCloseToTray(bool on) { m_closeToTray = on; }
    void quit();
    void showConnectDialog(const QUrl &url = {});

    Connection *connection() const { return m_connection; }
    ProxyClient *client() const;
    const PageContext &pageContext() const { return m_context; }
    // The key prompt while it is open, else null.
    KeyPrompt *keyPrompt() const;
    // Long work of any page: shown in the status bar with a Cancel button.
    StatusProgress *progress() const { return m_progress; }
    // Keeps `action` disabled, with a tooltip saying why, while disconnected or while the caller's role
    // may not do `what`.
    void gateAction(QAction *action, RoleGate::Action what);
    // True once the connection has been probed and the models have loaded or failed to.
    bool isSettled() const { return m_probeDone && m_modelsDone; }

    static Profile demoProfile(const QUrl &url);
    static Profile urlProfile(const ClientConfig &config);

protected:
    // Unsaved role edits are saved or discarded first; the layout is saved for the profile shown.
    void closeEvent(QCloseEvent *event) override;

signals:
    void settled();
    void pageContextChanged(const PageContext &context);

private:
    struct Gate {
        QPointer<QAction> action;
        RoleGate::Action what;
        QString toolTip;
    };

    void buildPages();
    void addPage(const PageSpec &spec);
    void linkPages();
    void focusFilter();
    void buildMenus();
    void buildToolBar();
    void openConnection(const Profile &profile, bool saved);
    void closeConnection();
    void onStateChanged(Connection::State state);
    void onConnected(const ProbeResult &result);
    void onFailed(const ApiError &error);
    void onKeyNeeded(const SecretError &reason);
    void onProfilesChanged();
    void rebuildSwitcher();
    void popUpSwitcher();
    void resetCatalog();
    void publishContext();
    void updateGates();
    void checkSettled();
    void showAbout();
    void showShortcuts();
    // The page on screen is remembered per profile and shown again when the profile is opened.
    void rememberPage(int index);
    void restorePage(const QString &profileId);

    Services m_services;
    std::shared_ptr<RoleStore> m_roleStore; // shared with the pages that use it

    ConnectionHeader *m_header = nullptr;
    QToolButton *m_switcher = nullptr;
    QMenu *m_switchMenu = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QList<Page *> m_pageList; // in the order of the navigation
    StatusProgress *m_progress = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_logout = nullptr;
    QAction *m_issueKey = nullptr;
    QAction *m_newUser = nullptr;
    QList<Gate> m_gates;
    LayoutMemory *m_layout = nullptr;

    Connection *m_connection = nullptr;
    bool m_saved = false;    // the connection's profile is a saved one (its key may use the keychain)
    bool m_wrongKey = false; // the proxy refused the key last time
    QPointer<KeyPrompt> m_keyPrompt;
    QPointer<ModelCatalog> m_catalog;
    QPointer<ProxyClient> m_catalogClient;
    PageContext m_context;
    QString m_probeError;
    bool m_probeDone = false;
    bool m_closeConfirmed = false;
    bool m_closeToTray = false;
    bool m_quitting = false;
    bool m_modelsDone = false;
};
