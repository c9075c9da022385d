#pragma once

#include "core/roles/RoleStore.h"
#include "ui/Page.h"

#include <QPointer>

#include <functional>
#include <memory>

class ErrorBanner;
class LeasesView;
class ProxyClient;
class QListWidget;
class QPushButton;
class QTabWidget;
class RoleEditor;

// Roles of the current connection: the list (left) and its editor (right) with New, Duplicate, Delete,
// Import and Export; Issue key… (the window's Ctrl+N) opens an IssueKeyDialog, or, while there are no
// roles, a box offering to create one ("noRolesBox"), as a hint above the tabs does; the Leases tab lists
// the keys issued from roles. Store problems (a damaged roles file, a failed write) are shown in an
// ErrorBanner.
class RolesPage : public Page {
    Q_OBJECT
public:
    // The store is shared with the window and any other page that uses it.
    explicit RolesPage(std::shared_ptr<RoleStore> store, QWidget *parent = nullptr);

    void setContext(const PageContext &context) override;
    // Reads the roles file again (and the leases, when they are shown).
    void reload() override;

    // `client` may be null: issuing and leases are then disabled with a tooltip saying to connect.
    // `scope` is the connection's profile id; `knownModels` the proxy's model names (may be empty).
    void setConnection(ProxyClient *client, const QString &scope, const QStringList &knownModels);

    // Imports our export or one role; Vault's `vault read -format=json` output needs `vaultName`.
    // Returns the problem, empty on success.
    QString importJson(const QByteArray &json, const QString &vaultName = {});
    // Writes the named roles (all when empty) to `path` atomically. Returns the problem, empty on success.
    QString exportTo(const QString &path, const QStringList &names = {});
    QString selectedRole() const;
    void selectRole(const QString &name);
    void openIssueDialog();
    // Why issuing is not allowed for the caller's role, or empty when it is.
    void setIssueBlocked(const QString &why);
    // The editor holds changes that are not saved.
    bool hasUnsavedChanges() const;
    // Asks whether to save, discard or keep editing unsaved changes (a window-modal box, not a nested
    // event loop); runs `then` after Save or Discard. Runs it at once when nothing is unsaved.
    void confirmLeave(const std::function<void()> &then);
    void showLeases();

    RoleEditor *editor() const { return m_editor; }
    LeasesView *leasesView() const { return m_leases; }

private:
    void loadStore();
    void showRoles(const QString &select = {});
    void showSelected();
    void saveRole(const Role &role, const QString &oldName);
    void newRole();
    void offerFirstRole();
    void duplicateRole();
    void confirmDelete();
    void chooseImport();
    void importFile(const QString &path);
    void chooseExport(bool selectedOnly);
    void showProblem(const QString &message, const QString &hint = {});
    void updateActions();
    void selectionChanged();

    std::shared_ptr<RoleStore> m_store;
    QPointer<ProxyClient> m_client;
    QString m_scope;
    QStringList m_knownModels;
    QList<Role> m_roles;

    ErrorBanner *m_banner = nullptr;
    QWidget *m_noRoles = nullptr;
    QTabWidget *m_tabs = nullptr;
    QListWidget *m_list = nullptr;
    RoleEditor *m_editor = nullptr;
    LeasesView *m_leases = nullptr;
    QPushButton *m_issue = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_export = nullptr;
    bool m_leasesLoaded = false;
    QString m_issueBlocked;
    bool m_saving = false;
    QString m_shown; // the role the editor shows (empty: a new one, or none)
};
