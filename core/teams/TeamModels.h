#pragma once

#include "core/api/TeamRecord.h"
#include "core/api/KeyRecord.h"

#include <QString>
#include <QStringList>

// LiteLLM's special model names (SpecialModelNames in litellm/proxy/_types.py) and what a models list
// means for a team and for a team's key.
namespace teammodels {

inline const QString kAllProxyModels = QStringLiteral("all-proxy-models");
inline const QString kAllTeamModels = QStringLiteral("all-team-models");

// A team whose models are [] or hold "all-proxy-models" may call every model of the proxy.
bool allowsAllProxyModels(const TeamRecord &team);
// A key whose models are [] or hold "all-team-models" may call whatever its team may.
bool usesTeamModels(const KeyRecord &key);
// "All proxy models", or the team's models joined with ", ".
QString describe(const TeamRecord &team);
// "Team models", "All proxy models" or the key's own list, as a key of `team` (nullptr: no team) is read.
QString describeKey(const KeyRecord &key, const TeamRecord *team);

} // namespace teammodels
