#include "TeamModels.h"

#include <QCoreApplication>

namespace teammodels {

bool allowsAllProxyModels(const TeamRecord &team) {
    return team.models.isEmpty() || team.models.contains(kAllProxyModels);
}

bool usesTeamModels(const KeyRecord &key) {
    return key.models.isEmpty() || key.models.contains(kAllTeamModels);
}

QString describe(const TeamRecord &team) {
    if (allowsAllProxyModels(team))
        return QCoreApplication::translate("TeamModels", "All proxy models");
    return team.models.join(QStringLiteral(", "));
}

QString describeKey(const KeyRecord &key, const TeamRecord *team) {
    if (key.teamId.isEmpty() || !team) {
        if (key.models.isEmpty() || key.models.contains(kAllProxyModels))
            return QCoreApplication::translate("TeamModels", "All proxy models");
        return key.models.join(QStringLiteral(", "));
    }
    if (usesTeamModels(key))
        return allowsAllProxyModels(*team) ? QCoreApplication::translate("TeamModels", "All proxy models")
                                           : QCoreApplication::translate("TeamModels", "Team models");
    return key.models.join(QStringLiteral(", "));
}

} // namespace teammodels
