#pragma once

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetLadder.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What can be wrong with a key, as plain rules over a KeyRecord and the current time.
enum class KeyRisk {
    OverBudget,   // spend >= max_budget, or (with the ladder) any budget above the key exhausted
    NearBudget,   // spend above 80% of max_budget (and not over)
    NoBudget,     // max_budget null
    NeverExpires, // expires null
    ExpiresSoon,  // expires within 7 days (and not yet expired)
    Unrestricted, // every proxy model: [] without a team, or all-proxy-models (not a team key's [])
    Blocked,      // blocked true
    Idle,         // last_active known and older than 30 days
};

enum class KeyStatus { Active, Expired, Blocked, Deleted };

namespace keyrisk {

inline constexpr double kNearBudgetShare = 0.8;
inline constexpr int kExpiresSoonDays = 7;
inline constexpr int kIdleDays = 30;

bool isOverBudget(const KeyRecord &key);
bool isNearBudget(const KeyRecord &key);
bool hasNoBudget(const KeyRecord &key);
bool expiresSoon(const KeyRecord &key, const QDateTime &now);
bool isUnrestricted(const KeyRecord &key);
// A key whose last use is unknown (last_active null) is not idle: the proxy may not track it.
bool isIdle(const KeyRecord &key, const QDateTime &now);
// Used in the last kIdleDays days: last_active known and no older than that (the keys that are not idle
// among those whose last use the proxy reports).
bool isRecentlyUsed(const KeyRecord &key, const QDateTime &now);

// Every risk of `key`, in the order of the enum. A hash-only row has no known risks.
QList<KeyRisk> risks(const KeyRecord &key, const QDateTime &now);
// The same, with over budget when any budget on the key's ladder is exhausted (its team's, user's, ...).
QList<KeyRisk> risks(const KeyRecord &key, const QDateTime &now, const BudgetLadder &ladder);
// Deleted wins, then blocked, then expired.
KeyStatus status(const KeyRecord &key, const QDateTime &now);

QList<KeyRisk> allRisks();
QString name(KeyRisk risk);  // "over_budget": for JSON, CSV and scripts
QString label(KeyRisk risk); // "over budget": for tables and the GUI
std::optional<KeyRisk> riskFromName(const QString &name);
QStringList names(const QList<KeyRisk> &risks);

QString name(KeyStatus status); // "active", "expired", "blocked", "deleted"
std::optional<KeyStatus> statusFromName(const QString &name);

} // namespace keyrisk
