#include "UserBudgets.h"

#include <algorithm>

namespace userbudgets {

QList<Budget> ladder(const UserRecord &user, const QList<TeamRecord> &teams) {
    QList<Budget> out;
    if (user.maxBudget)
        out << Budget{
            BudgetKind::User,  user.userId,     user.userEmail.isEmpty() ? user.userId : user.userEmail,
            user.spend,        *user.maxBudget, user.budgetDuration,
            user.budgetResetAt};
    for (const QString &teamId : user.teams) {
        const auto team =
            std::find_if(teams.begin(), teams.end(), [&](const TeamRecord &t) { return t.teamId == teamId; });
        if (team == teams.end())
            continue;
        if (team->maxBudget)
            out << Budget{BudgetKind::Team, team->teamId,         team->displayName(), team->spend,
                          *team->maxBudget, team->budgetDuration, team->budgetResetAt};
        if (const TeamMember *m = team->member(user.userId); m && m->maxBudgetInTeam)
            out << Budget{
                BudgetKind::TeamMember,
                m->userId,
                QStringLiteral("%1 in %2")
                    .arg(user.userEmail.isEmpty() ? m->userId : user.userEmail, team->displayName()),
                m->spend,
                *m->maxBudgetInTeam,
                m->budgetDuration,
                m->budgetResetAt};
    }
    std::stable_sort(out.begin(), out.end(), [](const Budget &a, const Budget &b) {
        if (a.isExhausted() != b.isExhausted())
            return a.isExhausted();
        return a.remaining() < b.remaining();
    });
    return out;
}

} // namespace userbudgets
