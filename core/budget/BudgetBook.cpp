#include "BudgetBook.h"

#include <algorithm>

BudgetLadder BudgetBook::ladder(const KeyRecord &key) const {
    const auto team = key.teamId.isEmpty() ? teams.cend() : teams.constFind(key.teamId);
    const auto user = key.userId.isEmpty() ? users.cend() : users.constFind(key.userId);
    const BudgetOwners owners{team != teams.cend() ? &*team : nullptr,
                              user != users.cend() ? &*user : nullptr, proxySpend, proxyMaxBudget};
    return budgetLadder(key, owners);
}

qsizetype BudgetBook::teamBudgets() const {
    return std::count_if(teams.cbegin(), teams.cend(),
                         [](const TeamRecord &t) { return t.maxBudget.has_value(); });
}

qsizetype BudgetBook::memberBudgets() const {
    qsizetype n = 0;
    for (const TeamRecord &t : teams)
        n += std::count_if(t.members.cbegin(), t.members.cend(),
                           [](const TeamMember &m) { return m.maxBudgetInTeam.has_value(); });
    return n;
}

void BudgetBook::prune() {
    for (auto t = teams.begin(); t != teams.end();) {
        t->members.removeIf([](const TeamMember &m) { return !m.maxBudgetInTeam; });
        t = t->maxBudget || !t->members.isEmpty() ? std::next(t) : teams.erase(t);
    }
    users.removeIf([](const QHash<QString, UserRecord>::iterator u) { return !u->maxBudget; });
}
