#include "core/watch/WatchStats.h"

#include <algorithm>
#include <cmath>

namespace watchstats {

double median(QList<double> values) {
    if (values.isEmpty())
        return 0;
    const qsizetype mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + mid, values.end());
    const double upper = values.at(mid);
    if (values.size() % 2 == 1)
        return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + mid);
    return (lower + upper) / 2;
}

Baseline baseline(const QList<double> &days) {
    Baseline b;
    b.days = int(days.size());
    for (double d : days)
        b.total += d;
    b.median = median(days);
    QList<double> deviations;
    deviations.reserve(days.size());
    for (double d : days)
        deviations << std::abs(d - b.median);
    b.mad = median(deviations);
    return b;
}

double spikeThreshold(const Baseline &b, const SpikeRule &rule) {
    if (!b.hasHistory())
        return rule.newKeySpend;
    // 1.4826 × MAD estimates the standard deviation of normally distributed days.
    const double spread = b.median + rule.madFactor * 1.4826 * b.mad;
    return std::max({spread, rule.ratio * b.median, b.median + rule.minIncrease});
}

bool isSpike(double day, const Baseline &b, const SpikeRule &rule) {
    return day > spikeThreshold(b, rule);
}

double burnRate(const QList<double> &series, int days) {
    const qsizetype n = std::min<qsizetype>(series.size(), std::max(days, 1));
    if (n <= 0)
        return 0;
    double sum = 0;
    for (qsizetype i = series.size() - n; i < series.size(); ++i)
        sum += series.at(i);
    return sum / double(n);
}

std::optional<QDateTime> runsOutAt(double remaining, double dailyRate, const QDateTime &now) {
    if (remaining <= 0)
        return now;
    if (!(dailyRate > 0) || !std::isfinite(remaining))
        return std::nullopt;
    const double seconds = remaining / dailyRate * 86400.0;
    if (seconds > 1e11) // beyond any date worth naming
        return std::nullopt;
    return now.addSecs(qint64(std::ceil(seconds)));
}

} // namespace watchstats
