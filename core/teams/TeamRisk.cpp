#include "TeamRisk.h"

#include <QCoreApplication>

namespace teamrisk {

bool isOverBudget(const TeamRecord &team) {
    return team.maxBudget && team.spend > *team.maxBudget;
}

bool isNearBudget(const TeamRecord &team) {
    return team.maxBudget && !isOverBudget(team) && team.spend > *team.maxBudget * kNearBudgetShare;
}

bool hasNoBudget(const TeamRecord &team) {
    return !team.maxBudget.has_value();
}

QList<TeamRisk> risks(const TeamRecord &team) {
    QList<TeamRisk> out;
    if (isOverBudget(team))
        out << TeamRisk::OverBudget;
    if (isNearBudget(team))
        out << TeamRisk::NearBudget;
    if (hasNoBudget(team))
        out << TeamRisk::NoBudget;
    if (team.isBlocked())
        out << TeamRisk::Blocked;
    return out;
}

QList<TeamRisk> allRisks() {
    return {TeamRisk::OverBudget, TeamRisk::NearBudget, TeamRisk::NoBudget, TeamRisk::Blocked};
}

QString name(TeamRisk risk) {
    switch (risk) {
    case TeamRisk::OverBudget:
        return QStringLiteral("over_budget");
    case TeamRisk::NearBudget:
        return QStringLiteral("near_budget");
    case TeamRisk::NoBudget:
        return QStringLiteral("no_budget");
    case TeamRisk::Blocked:
        return QStringLiteral("blocked");
    }
    return {};
}

QString label(TeamRisk risk) {
    switch (risk) {
    case TeamRisk::OverBudget:
        return QCoreApplication::translate("TeamRisk", "over budget");
    case TeamRisk::NearBudget:
        return QCoreApplication::translate("TeamRisk", ">80% budget");
    case TeamRisk::NoBudget:
        return QCoreApplication::translate("TeamRisk", "no budget");
    case TeamRisk::Blocked:
        return QCoreApplication::translate("TeamRisk", "blocked");
    }
    return {};
}

QStringList names(const QList<TeamRisk> &list) {
    QStringList out;
    for (const TeamRisk r : list)
        out << name(r);
    return out;
}

std::optional<TeamRisk> riskFromName(const QString &text) {
    for (const TeamRisk r : allRisks())
        if (name(r) == text)
            return r;
    return std::nullopt;
}

} // namespace teamrisk
