#pragma once

#include "core/usage/UsageReport.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// Where a cumulative spend line against a budget starts. A budget counts spend from before the range:
// without a reset, everything spent so far (lifetime spend); with one (budget_duration, budget_reset_at),
// what was spent since the last reset. The line starts from that figure, and restarts from 0 at a reset
// inside the range. Days are UTC; a reset's day counts as after the reset.
namespace budgetstart {

// A team's or user's budget as the proxy reports it now.
struct Budget {
    double maxBudget = 0;
    double spend = 0;    // counted against the budget now: lifetime, or since the last reset
    QString duration;    // budget_duration ("30d", "1mo"); empty: never resets
    QDateTime nextReset; // budget_reset_at
    bool resets() const; // a duration and a next reset that can be read
};

struct Start {
    double spendBefore = 0;     // already counted against the budget when the range starts
    std::optional<QDate> since; // the reset that figure counts from; none: lifetime spend
    QList<QDate> resets;        // resets after the range's first day, up to its last: the line restarts
};

// The first day of the spend needed to work out the start of [from, to]: from itself, or the last reset
// on or before it. Fetch that day up to `today` for start().
QDate fetchFrom(const Budget &budget, QDate from);
// The resets (dates) on or before `to` and after `after`, from the next reset stepping back.
QList<QDate> resetsBetween(const Budget &budget, QDate after, QDate to);
// `spend` covers fetchFrom(budget, from) to today, without model or key filters.
Start start(const Budget &budget, const UsageReport &spend, QDate from, QDate to);
// "from $111.04 already spent" or "since the reset on 2026-11-20"
QString describe(const Start &start);
// The spend counted so far at the end of each day: from `spendBefore` (0 with no budget), back to 0 on
// each reset day before that day's spend is added. The chart's line and the day table's column.
QList<double> runningSpend(const QList<QPair<QDate, UsageMetrics>> &days, double spendBefore = 0,
                           const QList<QDate> &resets = {});

} // namespace budgetstart
