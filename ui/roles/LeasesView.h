#pragma once

#include "core/roles/LeaseManager.h"

#include <QPointer>
#include <QWidget>

class ErrorBanner;
class LeaseFilterProxy;
class LeaseTableModel;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableView;
class QTimer;

// The keys issued from roles, as leases: a table with filters (state, role), Renew for the selected
// leases, Revoke (confirmed, per-key outcomes) and Tidy (revokes the expired leases of the chosen role,
// listing them first). Confirmations are window-modal message boxes named "confirmRevoke" and
// "confirmTidy" whose confirming button is named "confirmButton".
class LeasesView : public QWidget {
    Q_OBJECT
public:
    explicit LeasesView(QWidget *parent = nullptr);

    // nullptr disables everything with a tooltip saying to connect. Whatever the view showed (leases,
    // renewal or revocation outcomes) is cleared: it belonged to the connection before.
    void setClient(ProxyClient *client);
    void setRoles(const QList<Role> &roles);
    // Shows only this role's leases ("" for all roles); Tidy acts on it.
    void setRoleFilter(const QString &role);
    void refresh();

    LeaseTableModel *model() const { return m_model; }

signals:
    void statusMessage(const QString &message);

private:
    QList<LeasedKey> selectedLeases() const;
    const Role *filteredRole() const;
    void updateActions();
    void showListed(const QList<LeasedKey> &leases);
    void renewSelected();
    void confirmRevoke();
    void confirmTidy();
    void clearOutcomes();
    void showOutcomes(const QString &title, const QList<KeyOutcome> &outcomes);
    void addOutcome(bool ok, const QString &text);

    QPointer<ProxyClient> m_client;
    LeaseManager *m_manager = nullptr;
    QList<Role> m_roles;
    LeaseTableModel *m_model = nullptr;
    LeaseFilterProxy *m_proxy = nullptr;
    ErrorBanner *m_banner = nullptr;
    QComboBox *m_state = nullptr;
    QComboBox *m_roleFilter = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_renew = nullptr;
    QPushButton *m_revoke = nullptr;
    QPushButton *m_tidy = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_outcomeTitle = nullptr;
    QListWidget *m_outcomes = nullptr;
    QTimer *m_clock = nullptr;
    bool m_loading = false;
    int m_renewsPending = 0;
};
