#pragma once

#include "core/budget/BudgetLadder.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class ProxyClient;

// Reads what the budget ladders of some keys need from the proxy: each team's /team/info (its budget
// and its members' budgets), each personal key's user (/user/info) and the proxy's budget
// (/global/spend), then hands back every key's ladder by token. An owner the caller may not read leaves
// its budget off the ladder and is named in the warnings.
class KeyBudgets : public QObject {
    Q_OBJECT
public:
    explicit KeyBudgets(ProxyClient *client, QObject *parent = nullptr);

    void resolve(const QList<KeyRecord> &keys);

signals:
    void ready(const QHash<QString, BudgetLadder> &ladders, const QStringList &warnings);

private:
    void done();

    QPointer<ProxyClient> m_client;
    QList<KeyRecord> m_keys;
    QHash<QString, TeamRecord> m_teams;
    QHash<QString, UserRecord> m_users;
    std::optional<double> m_proxySpend;
    std::optional<double> m_proxyMaxBudget;
    QStringList m_warnings;
    int m_pending = 0;
};
