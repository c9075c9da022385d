#pragma once

#include "ExitCode.h"
#include "ProxyOptions.h"

#include "core/roles/RoleStore.h"

#include <QString>

// What the roles, keys and users commands share: the role store of this proxy (the --profile's id, or
// the --url) and how a role's field errors read on one line.
namespace rolescope {

// The label of the scope in messages: the profile's name or the URL.
QString label(const ProxyOptions &proxy);
// Loads the store (a damaged file is moved aside and reported).
RoleStoreError load(RoleStore &store);
// A problem with the roles file is a local failure; anything else is a problem with what was asked.
ExitCode exitCodeFor(const RoleStoreError &error);
// "Role \"x\" not found for <scope>; see \"roles list\"".
QString unknownRole(const ProxyOptions &proxy, const QString &name);
// Every field error, joined into one line.
QString joinErrors(const QList<FieldError> &errors);

} // namespace rolescope
