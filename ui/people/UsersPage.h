#pragma once

#include "core/api/ApiError.h"
#include "core/api/TeamRecord.h"

#include "ui/Page.h"

#include <QPointer>

#include <memory>

class ErrorBanner;
class ProxyClient;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class RoleStore;
class TeamList;
class UserDetails;
class UserTableModel;

// The proxy's internal users: a paged table (/user/list, sorted and filtered by the proxy) with their
// teams, spend, budget and key count; the selected user's details, teams and keys beside it, with ways to
// open their keys and their usage; and New User…, which provisions a user the way a role says.
class UsersPage : public Page {
    Q_OBJECT
public:
    // The role store is shared with the window and the Roles page.
    explicit UsersPage(std::shared_ptr<RoleStore> roles, QWidget *parent = nullptr);

    void setContext(const PageContext &context) override;

    // `client` may be null (disconnected). `scope` is the connection's profile id (its roles).
    void setConnection(ProxyClient *client, const QString &scope, const QStringList &knownModels);
    // Why New User… is not allowed (the caller's role), or empty when it is.
    void setNewUserBlocked(const QString &why);
    void reload() override;
    void openNewUserDialog();
    void selectUser(const QString &userId);

    UserTableModel *model() const { return m_model; }
    UserDetails *details() const { return m_details; }

signals:
    void showKeysRequested(const QString &userId);
    void showUsageRequested(const QString &userId);

protected:
    QWidget *filterWidget() const override;

private:
    void loadTeams();
    void updateCount();
    void showSelected();
    void filterChanged();

    std::shared_ptr<RoleStore> m_roles;
    QPointer<ProxyClient> m_client;
    QString m_scope;
    QStringList m_knownModels;
    QList<TeamRecord> m_teams;
    QPointer<TeamList> m_teamList;

    UserTableModel *m_model = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_team = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_newUser = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    UserDetails *m_details = nullptr;
    QTimer *m_debounce = nullptr;
};
