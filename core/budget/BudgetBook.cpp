#include "BudgetBook.h"

BudgetLadder BudgetBook::ladder(const KeyRecord &key) const {
    const auto team = key.teamId.isEmpty() ? teams.cend() : teams.constFind(key.teamId);
    const auto user = key.userId.isEmpty() ? users.cend() : users.constFind(key.userId);
    const BudgetOwners owners{team != teams.cend() ? &*team : nullptr,
                              user != users.cend() ? &*user : nullptr, proxySpend, proxyMaxBudget};
    return budgetLadder(key, owners);
}

void BudgetBook::prune() {
    for (auto t = teams.begin(); t != teams.end();) {
        t->members.removeIf([](const TeamMember &m) { return !m.maxBudgetInTeam; });
        t = t->maxBudget || !t->members.isEmpty() ? std::next(t) : teams.erase(t);
    }
    users.removeIf([](const QHash<QString, UserRecord>::iterator u) { return !u->maxBudget; });
}
