#include "BudgetStart.h"

#include "core/format/Money.h"
#include "core/roles/Duration.h"

#include <QCoreApplication>

namespace budgetstart {

namespace {

constexpr int kMaxSteps = 100000; // a reset every second for a day: far more than any range needs

std::optional<Duration> durationOf(const Budget &b) {
    auto d = Duration::parse(b.duration);
    if (!d || d->count <= 0)
        return std::nullopt;
    return d;
}

// The reset `steps` periods before the next one. LiteLLM resets a "30d" budget on the 1st of each
// month, as "1mo".
QDateTime stepBack(const QDateTime &next, const Duration &d, int steps) {
    if (d.unit == Duration::Unit::Months)
        return next.addMonths(-int(d.count) * steps);
    if (d.unit == Duration::Unit::Days && d.count == 30)
        return next.addMonths(-steps);
    return next.addSecs(-d.seconds() * steps);
}

// The last reset on or before `day`, if the budget resets.
std::optional<QDate> lastResetOnOrBefore(const Budget &b, QDate day) {
    const auto d = durationOf(b);
    if (!d || !b.nextReset.isValid())
        return std::nullopt;
    for (int step = 0; step < kMaxSteps; ++step) {
        const QDate reset = stepBack(b.nextReset, *d, step).toUTC().date();
        if (reset <= day)
            return reset;
    }
    return std::nullopt;
}

double spendBetween(const UsageReport &report, QDate from, QDate to) {
    double spend = 0;
    for (const auto &[date, metrics] : report.days())
        if (date >= from && date <= to)
            spend += metrics.spend;
    return spend;
}

} // namespace

bool Budget::resets() const {
    return durationOf(*this) && nextReset.isValid();
}

QDate fetchFrom(const Budget &b, QDate from) {
    const auto reset = lastResetOnOrBefore(b, from);
    return reset ? std::min(*reset, from) : from;
}

QList<QDate> resetsBetween(const Budget &b, QDate after, QDate to) {
    QList<QDate> out;
    const auto d = durationOf(b);
    if (!d || !b.nextReset.isValid())
        return out;
    for (int step = 0; step < kMaxSteps; ++step) {
        const QDate reset = stepBack(b.nextReset, *d, step).toUTC().date();
        if (reset <= after)
            break;
        if (reset <= to && !out.contains(reset))
            out.prepend(reset);
    }
    return out;
}

Start start(const Budget &b, const UsageReport &spend, QDate from, QDate to) {
    Start s;
    if (const auto reset = lastResetOnOrBefore(b, from)) {
        s.since = *reset;
        s.spendBefore = spendBetween(spend, *reset, from.addDays(-1));
        s.resets = resetsBetween(b, from, to);
    } else {
        // Lifetime spend, less what was spent from the range's first day up to now.
        const QDate last = spend.to().isValid() ? std::max(spend.to(), to) : to;
        s.spendBefore = std::max(0.0, b.spend - spendBetween(spend, from, last));
    }
    return s;
}

QString describe(const Start &s) {
    if (s.since)
        return QCoreApplication::translate("BudgetStart", "since the reset on %1")
            .arg(s.since->toString(Qt::ISODate));
    return QCoreApplication::translate("BudgetStart", "from %1 already spent").arg(formatUsd(s.spendBefore));
}

QList<double> runningSpend(const QList<QPair<QDate, UsageMetrics>> &days, double spendBefore,
                           const QList<QDate> &resets) {
    QList<double> out;
    out.reserve(days.size());
    double running = spendBefore;
    for (const auto &[date, metrics] : days) {
        if (resets.contains(date))
            running = 0; // the budget reset that day: what was spent before no longer counts
        running += metrics.spend;
        out.append(running);
    }
    return out;
}

} // namespace budgetstart
