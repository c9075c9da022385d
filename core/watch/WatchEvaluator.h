#pragma once

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetBook.h"
#include "core/usage/UsageReport.h"
#include "core/watch/Alert.h"
#include "core/watch/WatchRules.h"

#include <QDateTime>
#include <QHash>
#include <QList>

// What a watch pass found out about the proxy's health.
struct WatchHealth {
    bool checked = false;
    bool reachable = true;
    QString unreachable; // why not (the error), when not reachable
    bool ready = true;   // /health/readiness did not answer 503
    bool dbReported = false;
    bool dbConnected = true;
    QString version;         // as the proxy reports it; empty when it does not say
    QString previousVersion; // the version before, while a change is recent; empty otherwise
};

// Everything one watch pass read, for evaluate(). Usage covers the days evaluate() needs:
// WatchEvaluator::usageFrom(today, rules) to today.
struct WatchInput {
    QDateTime now; // UTC
    WatchHealth health;
    const UsageReport *usage = nullptr; // whole proxy: days, keys and models with their day cells
    const UsageReport *teams = nullptr; // teams (entities) with their day cells; null: summed from keys
    QHash<QString, KeyRecord> keys;     // by token: the keys that had usage in the range
    QList<KeyRecord> expiring;          // keys that expire within rules.expiryDays
    const BudgetBook *budgets = nullptr;
};

namespace watcheval {

// The first day a pass must read: the baseline before yesterday, yesterday and today.
QDate usageFrom(QDate today, const WatchRules &rules);

// Every alert the input shows under the rules, most severe first. `since` is `now` (the store keeps
// the time each alert was first found).
QList<Alert> evaluate(const WatchInput &input, const WatchRules &rules);

} // namespace watcheval
