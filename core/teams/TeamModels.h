#pragma once

#include "core/api/KeyRecord.h"
#include "core/api/TeamRecord.h"

#include <QString>

// What a models list means for a team and for a team's key, by LiteLLM's rules (SpecialModelNames in
// litellm/proxy/_types.py; the names are kAllProxyModels and kAllTeamModels in KeyRecord.h). Models the
// proxy did not send as a list are unknown, and never read as "every model".
namespace teammodels {

// A team whose models are [] or hold "all-proxy-models" may call every model of the proxy.
bool allowsAllProxyModels(const TeamRecord &team);
// A team key whose models are [] or hold "all-team-models" may call whatever its team may.
bool usesTeamModels(const KeyRecord &key);
// "All proxy models", "Unknown", or the team's models joined with ", ".
QString describe(const TeamRecord &team);
// "Team models", "All proxy models", "Unknown" or the key's own list, as a key of `team` (nullptr: its
// team is not known) is read.
QString describeKey(const KeyRecord &key, const TeamRecord *team);

} // namespace teammodels
