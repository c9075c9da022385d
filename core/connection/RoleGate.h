#pragma once

#include "core/api/Health.h"

#include <QStringList>

// Which LiteLLM roles may do what, so the app can disable what the proxy would refuse and say why.
// A caller whose role is unknown is let through: the proxy decides and its answer is shown.
class RoleGate {
public:
    enum class Action {
        IssueKey,     // /key/generate (also from a role)
        EditKey,      // /key/update, /key/regenerate
        RevokeKey,    // /key/delete, /key/block
        ManageUsers,  // /user/new, /user/update, /user/delete
        ManageTeams,  // /team/new, /team/update, /team/member_add
        ManageModels, // /model/new, /model/delete
        ViewAllUsage, // spend of every key, user and team
    };

    // LiteLLM user_role values allowed to perform `action`.
    static QStringList allowedRoles(Action action);
    static bool allows(const CallerIdentity &caller, Action action);
    // Empty when allowed; otherwise one sentence for a tooltip, e.g.
    // "Your role, Admin (View Only), cannot issue keys."
    static QString whyNot(const CallerIdentity &caller, Action action);
    // "issue keys", "manage users", ...
    static QString describe(Action action);
};
