#pragma once

#include "core/usage/BudgetStart.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class ProxyClient;

// The budget of one team or user (its max_budget, the spend counted against it and when it resets),
// for the Usage page's cumulative spend line. `done` gets nullopt when there is none, or when it could
// not be read (the line is then simply not drawn); it is not called once `context` is gone.
namespace scopebudget {

enum class Owner { Team, User };
void lookUp(ProxyClient &client, Owner owner, const QString &id, QObject *context,
            std::function<void(std::optional<budgetstart::Budget>)> done);

} // namespace scopebudget
