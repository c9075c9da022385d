#pragma once

#include "core/api/TeamRecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What can be wrong with a team, as plain rules over a TeamRecord.
enum class TeamRisk {
    OverBudget, // spend > max_budget: LiteLLM refuses every key of the team (_team_max_budget_check)
    NearBudget, // spend above 80% of max_budget, not over
    NoBudget,   // max_budget null
    Blocked,    // blocked true: LiteLLM refuses every key of the team
};

namespace teamrisk {

inline constexpr double kNearBudgetShare = 0.8;

// LiteLLM lets a team spend up to its max_budget and refuses requests once spend is above it (a strict
// ">", unlike a key's or user's ">="): litellm/proxy/auth/auth_checks.py _team_max_budget_check.
bool isOverBudget(const TeamRecord &team);
bool isNearBudget(const TeamRecord &team);
bool hasNoBudget(const TeamRecord &team);

QList<TeamRisk> risks(const TeamRecord &team); // in the order of the enum
QList<TeamRisk> allRisks();
QString name(TeamRisk risk);  // "over_budget": for JSON, CSV and scripts
QString label(TeamRisk risk); // "over budget": for tables and the GUI
QStringList names(const QList<TeamRisk> &risks);
std::optional<TeamRisk> riskFromName(const QString &name);

} // namespace teamrisk
