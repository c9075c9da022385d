#pragma once

#include "core/api/PeopleApi.h"
#include "core/api/TeamRecord.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class ApiReply;
class ProxyClient;
class QLabel;
class QPushButton;
class QTreeWidget;

// One user as /user/info tells it: every field, their teams, and their keys (alias, masked key, spend
// against budget, expiry), with buttons that open the user's keys and usage on their pages.
class UserDetails : public QWidget {
    Q_OBJECT
public:
    explicit UserDetails(QWidget *parent = nullptr);
    ~UserDetails() override;

    void setClient(ProxyClient *client);
    void setTeamNames(const QHash<QString, QString> &aliasById) { m_teamNames = aliasById; }
    // The teams with their budgets, for the budgets that apply to the user.
    void setTeams(const QList<TeamRecord> &teams);
    // Shows `user` at once from the list row, then asks /user/info for the keys. Empty id clears.
    void showUser(const UserRecord &user);
    void clear();
    QString userId() const { return m_userId; }
    // The keys /user/info listed (tests read them).
    int keyCount() const;

signals:
    void showKeysRequested(const QString &userId);
    void showUsageRequested(const QString &userId);
    void loaded();

private:
    void fill(const UserRecord &user);
    void fillKeys(const api::UserInfo &info);
    void fillBudgets();
    QString teamName(const QString &id) const;

    QPointer<ProxyClient> m_client;
    QPointer<ApiReply> m_reply;
    QHash<QString, QString> m_teamNames;
    QList<TeamRecord> m_teams;
    UserRecord m_user;
    QString m_userId;
    QLabel *m_title = nullptr;
    QLabel *m_fields = nullptr;
    QLabel *m_budgets = nullptr;
    QLabel *m_keysTitle = nullptr;
    QTreeWidget *m_keys = nullptr;
    QPushButton *m_showKeys = nullptr;
    QPushButton *m_showUsage = nullptr;
};
