#pragma once

#include "core/watch/WatchStats.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// What Watch looks for on one connection, and how sensitive it is. The defaults suit most proxies; each
// value can be changed on the Watch page or in a rules file (`watch --rules FILE`):
//
//   {"baseline_days": 14, "spike_mad_factor": 5, "spike_ratio": 3, "spike_min_increase": 10,
//    "new_key_spend": 25, "burn_days": 7, "forecast_days": 7, "expiry_days": 7, "interval_minutes": 15,
//    "spikes": true, "budgets": true, "expiry": true, "health": true}
//
// Every field is optional (missing ones keep their defaults); an unknown field or a value out of range
// is an error that names it, so a typo never silently turns a rule off.
struct WatchRules {
    bool spikes = true;
    bool budgets = true;
    bool expiry = true;
    bool health = true;

    int baselineDays = 14; // a day's spend is compared with the median of the days before it
    watchstats::SpikeRule spike;
    int burnDays = 7;         // the burn rate is the mean spend a day over this many days
    int forecastDays = 7;     // alert when a budget runs out within this many days (before it resets)
    int expiryDays = 7;       // alert when a key or lease expires within this many days
    int intervalMinutes = 15; // the app watches this often

    static constexpr int kMaxDays = 90;

    QJsonObject toJson() const;
    // Defaults for what `o` does not say; an error message (naming the field) when it is wrong.
    static std::optional<WatchRules> fromJson(const QJsonObject &o, QString *error);
    static std::optional<WatchRules> fromFile(const QString &path, QString *error);
    bool operator==(const WatchRules &) const = default;
};
