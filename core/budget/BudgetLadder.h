#pragma once

#include "core/api/KeyRecord.h"
#include "core/api/TeamRecord.h"
#include "core/api/UserRecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The budgets LiteLLM checks before it serves a key's request, in the order it checks them (see the
// README, "The budget that applies"): the key's own, its team's, its user's (keys without a team only),
// the user's budget within the team (team keys only), and the proxy-wide budget.
enum class BudgetKind { Key, Team, User, TeamMember, Proxy };

struct Budget {
    BudgetKind kind = BudgetKind::Key;
    QString id;   // token, team_id, user_id; empty for the proxy
    QString name; // what to call it: alias, e-mail, id
    double spend = 0;
    double maxBudget = 0;
    QString budgetDuration;
    QDateTime resetAt; // invalid: never resets, or the proxy does not say

    // LiteLLM's own comparison: a key, user or team member budget is exhausted at spend >= max_budget,
    // a team or the proxy only once spend > max_budget.
    bool isExhausted() const;
    double remaining() const { return maxBudget - spend; }
};

struct BudgetLadder {
    QList<Budget> budgets; // only budgets that are set, in LiteLLM's order

    // The budget that stops the key first: the first exhausted one in LiteLLM's order, otherwise the one
    // with the least money left (every request's cost counts against each of them alike; a tie goes to
    // the one LiteLLM checks first). nullopt when no budget applies.
    std::optional<Budget> limitedBy() const;
    bool isOverBudget() const; // some budget is exhausted: LiteLLM refuses the key's requests
};

// What a key's ladder is read from besides the key: its team (with members from /team/info for member
// budgets), its user, and the proxy's budget (/global/spend; a max_budget of 0 means none).
struct BudgetOwners {
    const TeamRecord *team = nullptr;
    const UserRecord *user = nullptr;
    std::optional<double> proxySpend;
    std::optional<double> proxyMaxBudget;
};

BudgetLadder budgetLadder(const KeyRecord &key, const BudgetOwners &owners);

namespace budgetladder {

QString kindName(BudgetKind kind);  // "key", "team", "user", "team_member", "proxy": for JSON and scripts
QString kindLabel(BudgetKind kind); // "team", "team member", ...: for people
// "team platform-frontend, $412.00 of $500.00, resets Dec 31"; with ownKey, the key's own budget reads
// "own budget, $12.00 of $50.00" (where the key is already named, as in its row).
QString describe(const Budget &budget, bool ownKey = false);
// "Limited by: team platform-frontend, $412.00 of $500.00, resets Dec 31", or "No budget applies".
QString summary(const BudgetLadder &ladder);
// For a table cell: the budget that limits, "Over: ..." when it is exhausted; empty when none applies.
QString brief(const BudgetLadder &ladder, bool ownKey = false);
// For a tooltip: the summary, then each budget numbered in the order LiteLLM checks them.
QString explain(const BudgetLadder &ladder);
QJsonObject toJson(const Budget &budget);
QJsonArray toJson(const BudgetLadder &ladder);

} // namespace budgetladder
