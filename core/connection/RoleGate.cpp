#include "RoleGate.h"

#include <QCoreApplication>

namespace {

const QString kAdmin = QStringLiteral("proxy_admin");
const QString kAdminViewer = QStringLiteral("proxy_admin_viewer");
const QString kInternalUser = QStringLiteral("internal_user");
const QString kOrgAdmin = QStringLiteral("org_admin");

} // namespace

QStringList RoleGate::allowedRoles(Action action) {
    switch (action) {
    case Action::IssueKey:
    case Action::EditKey:
    case Action::RevokeKey:
        return {kAdmin, kOrgAdmin, kInternalUser};
    case Action::ManageUsers:
    case Action::ManageTeams:
        return {kAdmin, kOrgAdmin};
    case Action::ManageModels:
        return {kAdmin};
    case Action::ViewAllUsage:
        return {kAdmin, kAdminViewer};
    }
    return {};
}

bool RoleGate::allows(const CallerIdentity &caller, Action action) {
    return caller.role.isEmpty() || allowedRoles(action).contains(caller.role);
}

QString RoleGate::whyNot(const CallerIdentity &caller, Action action) {
    if (allows(caller, action))
        return {};
    return QCoreApplication::translate("RoleGate", "Your role, %1, cannot %2.")
        .arg(roleLabel(caller.role), describe(action));
}

QString RoleGate::describe(Action action) {
    switch (action) {
    case Action::IssueKey:
        return QCoreApplication::translate("RoleGate", "issue keys");
    case Action::EditKey:
        return QCoreApplication::translate("RoleGate", "change keys");
    case Action::RevokeKey:
        return QCoreApplication::translate("RoleGate", "revoke keys");
    case Action::ManageUsers:
        return QCoreApplication::translate("RoleGate", "manage users");
    case Action::ManageTeams:
        return QCoreApplication::translate("RoleGate", "manage teams");
    case Action::ManageModels:
        return QCoreApplication::translate("RoleGate", "manage models");
    case Action::ViewAllUsage:
        return QCoreApplication::translate("RoleGate", "see the spend of every key, user and team");
    }
    return {};
}
