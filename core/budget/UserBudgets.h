#pragma once

#include "core/budget/BudgetLadder.h"

// The budgets that apply to one user's requests: their own max_budget (for keys without a team), and for
// each of their teams the team's budget and the user's budget within the team. Nearest to its cap first:
// the least money left (an exhausted one first of all), since every request's cost counts against each
// budget alike; a tie keeps LiteLLM's order. Teams not in `teams` are left out (their budget is unknown).
namespace userbudgets {

QList<Budget> ladder(const UserRecord &user, const QList<TeamRecord> &teams);

} // namespace userbudgets
