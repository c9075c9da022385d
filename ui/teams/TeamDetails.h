#pragma once

#include "core/api/TeamApi.h"

#include <QPointer>

#include <QWidget>
#include <optional>

class ActivityFetcher;
class ApiReply;
class ProxyClient;
class Sparkline;
class QLabel;
class QPushButton;
class QTreeWidget;

// One team as /team/info tells it: budget and limits, models, metadata, its keys (count, and a link to
// them on the Keys page) and its members with their role and their spend in the team. Its member buttons
// ask the page to act; the page holds the actions and their errors.
class TeamDetails : public QWidget {
    Q_OBJECT
public:
    explicit TeamDetails(QWidget *parent = nullptr);
    ~TeamDetails() override;

    // /team/info or the team's usage not answered yet
    bool isLoading() const;
    // The team's spend per day over the last 30 days (UTC), oldest first; empty until read.
    const QList<double> &usage() const;

    void setClient(ProxyClient *client);
    // Shows `team` at once from the list row, then asks /team/info for members and keys.
    void showTeam(const TeamRecord &team);
    void clear();
    QString teamId() const { return m_teamId; }
    // What /team/info said, once it has (tests and the Delete dialog read it).
    std::optional<int> keyCount() const { return m_keyCount; }
    const TeamRecord &team() const { return m_team; }
    QString selectedMember() const;
    // Why the member actions are not allowed, or empty when they are.
    void setActionsBlocked(const QString &why);

signals:
    void showKeysRequested(const QString &teamId);
    void showUsageRequested(const QString &teamId);
    void addMemberRequested();
    void removeMemberRequested(const QString &userId);
    void changeRoleRequested(const QString &userId);
    void loaded(); // the team's /team/info answered (or failed)

private:
    void fill(const TeamRecord &team);
    // `detailed`: the members' spend and budgets in the team are known (/team/info); until then the list
    // row's members show without them.
    void fillMembers(const TeamRecord &team, bool detailed);
    void updateButtons();
    void readUsage(const QString &teamId);

    QPointer<ProxyClient> m_client;
    QPointer<ApiReply> m_reply;
    QPointer<ApiReply> m_proxyRead;
    bool m_detailed = false;            // m_team came from /team/info
    std::optional<double> m_proxySpend; // the proxy-wide budget, read once per client
    std::optional<double> m_proxyMaxBudget;
    QString m_teamId;
    TeamRecord m_team;
    std::optional<int> m_keyCount;
    QString m_blocked;
    QLabel *m_title = nullptr;
    QLabel *m_fields = nullptr;
    QLabel *m_keys = nullptr;
    QPushButton *m_showKeys = nullptr;
    ActivityFetcher *m_usageFetch = nullptr;
    QLabel *m_usageText = nullptr;
    Sparkline *m_usage = nullptr;
    QPushButton *m_showUsage = nullptr;
    QLabel *m_membersTitle = nullptr;
    QTreeWidget *m_members = nullptr;
    QPushButton *m_addMember = nullptr;
    QPushButton *m_removeMember = nullptr;
    QPushButton *m_changeRole = nullptr;
};
