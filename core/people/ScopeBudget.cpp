#include "ScopeBudget.h"

#include "core/api/PeopleApi.h"
#include "core/api/TeamApi.h"

namespace scopebudget {

namespace {

template <typename Record> std::optional<budgetstart::Budget> budgetOf(const Record &r) {
    if (!r.maxBudget)
        return std::nullopt;
    return budgetstart::Budget{*r.maxBudget, r.spend, r.budgetDuration, r.budgetResetAt};
}

} // namespace

void lookUp(ProxyClient &client, Owner owner, const QString &id, QObject *context,
            std::function<void(std::optional<budgetstart::Budget>)> done) {
    if (owner == Owner::Team)
        api::teamInfo(client, id, context, [done](Expected<api::TeamInfo> info) {
            done(info ? budgetOf(info->team) : std::nullopt);
        });
    else
        api::userInfo(client, id, context, [done](Expected<api::UserInfo> info) {
            done(info ? budgetOf(info->user) : std::nullopt);
        });
}

} // namespace scopebudget
