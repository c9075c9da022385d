#pragma once

#include "core/api/TeamApi.h"

// Finds the one team a person names by its id or its alias (LiteLLM does not keep aliases unique: two
// teams with the alias are an error that asks for the id). The error for no match is a 404 that says
// how to list the teams.
namespace teamlookup {

void find(ProxyClient &client, const QString &idOrAlias, QObject *context, Handler<TeamRecord> done);
// The teams among `teams` whose id or alias is exactly `idOrAlias`.
QList<TeamRecord> matches(const QList<TeamRecord> &teams, const QString &idOrAlias);

} // namespace teamlookup
