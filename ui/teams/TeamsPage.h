#pragma once

#include "core/api/TeamApi.h"

#include "ui/Page.h"

#include <QPointer>

class ErrorBanner;
class ApiReply;
class ProxyClient;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class TeamDetails;
class TeamTableModel;

// The proxy's teams: a table over /v2/team/list (paged, sorted and filtered by alias by the proxy; the
// whole /team/list on older proxies), the selected team's members, keys, budget and limits beside it, and
// the team actions (new, edit, members, block, delete) for callers whose role allows them.
class TeamsPage : public Page {
    Q_OBJECT
public:
    explicit TeamsPage(QWidget *parent = nullptr);

    void setContext(const PageContext &context) override;
    void reload() override;
    // Stops waiting for an action's answer (the proxy may still apply it; the teams are read again).
    void cancel() override;

    void selectTeam(const QString &teamId);
    const TeamRecord *selectedTeam() const;

    // The actions, as the dialogs and buttons call them; the answer updates the table and details, a
    // failure shows in the page's banner.
    void createTeam(const api::TeamFields &fields);
    void updateSelected(const api::TeamFields &fields);
    void setSelectedBlocked(bool blocked);
    void deleteSelected(); // no question asked: confirmDelete() asks
    void addMember(const TeamMember &member);
    void removeMember(const QString &userId);
    void setMemberRole(const QString &userId, const QString &role);

    void openNewTeamDialog();
    void openEditDialog();
    void confirmDelete();
    void openAddMemberDialog();
    void openRoleDialog(const QString &userId);

    TeamTableModel *model() const { return m_model; }
    TeamDetails *details() const { return m_details; }
    // Why the team actions are not allowed (not connected, the caller's role), or empty.
    QString actionsBlocked() const { return m_blocked; }

signals:
    void showKeysRequested(const QString &teamId);
    void showUsageRequested(const QString &teamId);
    // An action's answer arrived: ok, or its error is in the banner.
    void actionFinished(bool ok);

protected:
    QWidget *filterWidget() const override;

private:
    void updateCount();
    void updateActions();
    void showSelected();
    void filterChanged();
    // An action's request goes out: the status bar shows it with Cancel until its answer.
    void begin(const QString &label, ApiReply *reply);
    void failedAction(const QString &what, const ApiError &error);
    void succeeded(const QString &message, const TeamRecord &team);
    bool canAct() const;

    QPointer<ProxyClient> m_client;
    QStringList m_knownModels;
    QString m_blocked;
    int m_pending = 0;
    QPointer<ApiReply> m_action; // the action waiting for its answer

    TeamTableModel *m_model = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_whole = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_block = nullptr;
    QPushButton *m_delete = nullptr;
    QSplitter *m_splitter = nullptr;
    QTableView *m_table = nullptr;
    TeamDetails *m_details = nullptr;
    QTimer *m_debounce = nullptr;
};
