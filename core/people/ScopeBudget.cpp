#include "ScopeBudget.h"

#include "core/api/PeopleApi.h"

namespace scopebudget {

void lookUp(ProxyClient &client, Owner owner, const QString &id, QObject *context,
            std::function<void(std::optional<double>)> done) {
    if (owner == Owner::Team)
        api::teamInfo(client, id, context, [done](Expected<api::TeamInfo> info) {
            done(info ? info->team.maxBudget : std::nullopt);
        });
    else
        api::userInfo(client, id, context, [done](Expected<api::UserInfo> info) {
            done(info ? info->user.maxBudget : std::nullopt);
        });
}

} // namespace scopebudget
