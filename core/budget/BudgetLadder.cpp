#include "BudgetLadder.h"

#include "core/api/Json.h"
#include "core/format/Money.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

bool Budget::isExhausted() const {
    if (kind == BudgetKind::Team || kind == BudgetKind::Proxy)
        return spend > maxBudget;
    return spend >= maxBudget;
}

std::optional<Budget> BudgetLadder::limitedBy() const {
    const Budget *best = nullptr;
    for (const Budget &b : budgets) {
        if (b.isExhausted())
            return b;
        if (!best || b.remaining() < best->remaining())
            best = &b;
    }
    return best ? std::optional<Budget>(*best) : std::nullopt;
}

bool BudgetLadder::isOverBudget() const {
    return std::any_of(budgets.begin(), budgets.end(), [](const Budget &b) { return b.isExhausted(); });
}

BudgetLadder budgetLadder(const KeyRecord &key, const BudgetOwners &owners) {
    BudgetLadder ladder;
    if (key.hashOnly)
        return ladder;
    // 1. The key (user_api_key_auth.py: _virtual_key_max_budget_check).
    if (key.maxBudget)
        ladder.budgets << Budget{BudgetKind::Key, key.token,          key.displayName(), key.spend,
                                 *key.maxBudget,  key.budgetDuration, key.budgetResetAt};
    const TeamRecord *team = owners.team && owners.team->teamId == key.teamId ? owners.team : nullptr;
    // 2. The team (auth_checks.py common_checks: _team_max_budget_check).
    if (team && team->maxBudget)
        ladder.budgets << Budget{BudgetKind::Team, team->teamId,         team->displayName(), team->spend,
                                 *team->maxBudget, team->budgetDuration, team->budgetResetAt};
    const UserRecord *user = owners.user && owners.user->userId == key.userId ? owners.user : nullptr;
    // 3. The user, for a key without a team (common_checks 4.1).
    if (key.teamId.isEmpty() && user && user->maxBudget)
        ladder.budgets << Budget{
            BudgetKind::User,   user->userId,     user->userEmail.isEmpty() ? user->userId : user->userEmail,
            user->spend,        *user->maxBudget, user->budgetDuration,
            user->budgetResetAt};
    // 4. The user's budget within the team, for a team key (common_checks 4.2: _check_team_member_budget).
    if (team && !key.userId.isEmpty()) {
        if (const TeamMember *m = team->member(key.userId); m && m->maxBudgetInTeam) {
            const QString who = m->userEmail.isEmpty() ? m->userId : m->userEmail;
            ladder.budgets << Budget{BudgetKind::TeamMember,
                                     m->userId,
                                     QStringLiteral("%1 in %2").arg(who, team->displayName()),
                                     m->spend,
                                     *m->maxBudgetInTeam,
                                     m->budgetDuration,
                                     m->budgetResetAt};
        }
    }
    // 5. The proxy (common_checks: _global_proxy_budget_check), when it has one (litellm.max_budget > 0).
    if (owners.proxyMaxBudget && *owners.proxyMaxBudget > 0)
        ladder.budgets << Budget{BudgetKind::Proxy,
                                 {},
                                 QCoreApplication::translate("BudgetLadder", "proxy"),
                                 owners.proxySpend.value_or(0),
                                 *owners.proxyMaxBudget,
                                 {},
                                 {}};
    return ladder;
}

namespace budgetladder {

QString kindName(BudgetKind kind) {
    switch (kind) {
    case BudgetKind::Key:
        return QStringLiteral("key");
    case BudgetKind::Team:
        return QStringLiteral("team");
    case BudgetKind::User:
        return QStringLiteral("user");
    case BudgetKind::TeamMember:
        return QStringLiteral("team_member");
    case BudgetKind::Proxy:
        return QStringLiteral("proxy");
    }
    return {};
}

QString kindLabel(BudgetKind kind) {
    switch (kind) {
    case BudgetKind::Key:
        return QCoreApplication::translate("BudgetLadder", "key");
    case BudgetKind::Team:
        return QCoreApplication::translate("BudgetLadder", "team");
    case BudgetKind::User:
        return QCoreApplication::translate("BudgetLadder", "user");
    case BudgetKind::TeamMember:
        return QCoreApplication::translate("BudgetLadder", "team member");
    case BudgetKind::Proxy:
        return QCoreApplication::translate("BudgetLadder", "proxy-wide");
    }
    return {};
}

QString describe(const Budget &b, bool ownKey) {
    const QString who = ownKey && b.kind == BudgetKind::Key
                            ? QCoreApplication::translate("BudgetLadder", "own budget")
                        : b.kind == BudgetKind::Proxy ? kindLabel(b.kind)
                                                      : kindLabel(b.kind) + u' ' + b.name;
    const QString money = QCoreApplication::translate("BudgetLadder", "%1, %2 of %3")
                              .arg(who, formatUsd(b.spend), formatUsd(b.maxBudget));
    if (!b.resetAt.isValid())
        return money;
    return QCoreApplication::translate("BudgetLadder", "%1, resets %2")
        .arg(money, QLocale().toString(b.resetAt.toUTC().date(), QStringLiteral("MMM d")));
}

QString summary(const BudgetLadder &ladder) {
    const auto limit = ladder.limitedBy();
    if (!limit)
        return QCoreApplication::translate("BudgetLadder", "No budget applies");
    if (limit->isExhausted())
        return QCoreApplication::translate("BudgetLadder", "Over budget: %1").arg(describe(*limit));
    return QCoreApplication::translate("BudgetLadder", "Limited by: %1").arg(describe(*limit));
}

QString brief(const BudgetLadder &ladder, bool ownKey) {
    const auto limit = ladder.limitedBy();
    if (!limit)
        return {};
    return limit->isExhausted()
               ? QCoreApplication::translate("BudgetLadder", "Over: %1").arg(describe(*limit, ownKey))
               : describe(*limit, ownKey);
}

QString explain(const BudgetLadder &ladder) {
    QStringList lines{summary(ladder)};
    for (const Budget &b : ladder.budgets)
        lines << QStringLiteral("%1. %2%3")
                     .arg(lines.size())
                     .arg(describe(b), b.isExhausted()
                                           ? QCoreApplication::translate("BudgetLadder", " (exhausted)")
                                           : QString());
    return lines.join(u'\n');
}

QJsonObject toJson(const Budget &b) {
    return QJsonObject{{QStringLiteral("kind"), kindName(b.kind)},
                       {QStringLiteral("id"), b.id.isEmpty() ? QJsonValue() : QJsonValue(b.id)},
                       {QStringLiteral("name"), b.name},
                       {QStringLiteral("spend"), b.spend},
                       {QStringLiteral("max_budget"), b.maxBudget},
                       {QStringLiteral("remaining"), b.remaining()},
                       {QStringLiteral("exhausted"), b.isExhausted()},
                       {QStringLiteral("budget_duration"),
                        b.budgetDuration.isEmpty() ? QJsonValue() : QJsonValue(b.budgetDuration)},
                       {QStringLiteral("reset_at"),
                        b.resetAt.isValid() ? QJsonValue(json::isoUtc(b.resetAt)) : QJsonValue()}};
}

QJsonArray toJson(const BudgetLadder &ladder) {
    QJsonArray out;
    for (const Budget &b : ladder.budgets)
        out << toJson(b);
    return out;
}

} // namespace budgetladder
