#include "TeamModels.h"

#include <QCoreApplication>

namespace teammodels {

bool allowsAllProxyModels(const TeamRecord &team) {
    return team.modelsKnown &&
           (team.models.isEmpty() || team.models.contains(QLatin1String(kAllProxyModels)));
}

bool usesTeamModels(const KeyRecord &key) {
    return key.modelScope() == ModelScope::TeamModels;
}

QString describe(const TeamRecord &team) {
    if (!team.modelsKnown)
        return QCoreApplication::translate("TeamModels", "Unknown");
    if (allowsAllProxyModels(team))
        return QCoreApplication::translate("TeamModels", "All proxy models");
    return team.models.join(QStringLiteral(", "));
}

QString describeKey(const KeyRecord &key, const TeamRecord *team) {
    if (!usesTeamModels(key) || !team)
        return key.modelsText(); // its own list, every proxy model, unknown, or "Team models"
    if (!team->modelsKnown)
        return QCoreApplication::translate("TeamModels", "Unknown");
    return allowsAllProxyModels(*team) ? QCoreApplication::translate("TeamModels", "All proxy models")
                                       : QCoreApplication::translate("TeamModels", "Team models");
}

} // namespace teammodels
