#include "KeyBudgets.h"

#include "core/api/PeopleApi.h"
#include "core/api/TeamApi.h"
#include "core/budget/BudgetReader.h"

#include <QCoreApplication>
#include <QSet>

KeyBudgets::KeyBudgets(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

void KeyBudgets::resolve(const QList<KeyRecord> &keys) {
    m_keys = keys;
    QSet<QString> teams, users;
    for (const auto &k : keys) {
        if (k.hashOnly)
            continue;
        if (!k.teamId.isEmpty())
            teams.insert(k.teamId);
        else if (!k.userId.isEmpty())
            users.insert(k.userId);
    }
    m_pending = int(teams.size() + users.size()) + 1;
    for (const QString &id : teams)
        api::teamInfo(*m_client, id, this, [this, id](Expected<api::TeamInfo> info) {
            if (info)
                m_teams.insert(id, info->team);
            else
                m_warnings << QCoreApplication::translate("KeyBudgets", "team %1: %2")
                                  .arg(id, info.error().toString());
            done();
        });
    for (const QString &id : users)
        api::userInfo(*m_client, id, this, [this, id](Expected<api::UserInfo> info) {
            if (info)
                m_users.insert(id, info->user);
            else
                m_warnings << QCoreApplication::translate("KeyBudgets", "user %1: %2")
                                  .arg(id, info.error().toString());
            done();
        });
    // A proxy without /global/spend, or a caller who may not read it, has no proxy-wide budget to show.
    readProxyBudget(*m_client, this, [this](Expected<ProxyBudget> b) {
        if (b) {
            m_proxySpend = b->spend;
            m_proxyMaxBudget = b->maxBudget;
        }
        done();
    });
}

void KeyBudgets::done() {
    if (--m_pending > 0)
        return;
    QHash<QString, BudgetLadder> out;
    for (const auto &k : std::as_const(m_keys)) {
        const auto team = m_teams.constFind(k.teamId);
        const auto user = m_users.constFind(k.userId);
        const BudgetOwners owners{team != m_teams.cend() ? &*team : nullptr,
                                  user != m_users.cend() ? &*user : nullptr, m_proxySpend, m_proxyMaxBudget};
        out.insert(k.token, budgetLadder(k, owners));
    }
    emit ready(out, m_warnings);
}
