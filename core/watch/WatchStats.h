#pragma once

#include <QDateTime>
#include <QList>

#include <optional>

// The statistics behind Watch, as plain functions over a day series (oldest first, one value per UTC
// day, zero for a day without spend).
namespace watchstats {

// A series' usual day: its median and its median absolute deviation (MAD). Both are robust: one odd day
// (a spike already in the baseline, a holiday) moves neither, as it would move a mean and a standard
// deviation.
struct Baseline {
    double median = 0;
    double mad = 0;
    double total = 0; // the series' sum: 0 means no history at all
    int days = 0;

    bool hasHistory() const { return total > 0; }
};

double median(QList<double> values); // 0 for an empty list
Baseline baseline(const QList<double> &days);

// What makes a day a spike against its baseline.
struct SpikeRule {
    double madFactor = 5;    // this many robust standard deviations (1.4826 × MAD) above the median
    double ratio = 3;        // and at least this many times the median
    double minIncrease = 10; // and at least this much (in dollars) above the median
    double newKeySpend = 25; // a subject without history: a day above this is a spike

    bool operator==(const SpikeRule &) const = default;
};

// The spend above which a day is a spike: the largest of median + madFactor × 1.4826 × MAD,
// ratio × median and median + minIncrease; for a series without history, newKeySpend. A day is a spike
// when its spend is above this (not at it).
double spikeThreshold(const Baseline &baseline, const SpikeRule &rule);
bool isSpike(double day, const Baseline &baseline, const SpikeRule &rule);

// The recent burn rate: the mean spend a day over the last `days` days of the series (fewer when the
// series is shorter). 0 for an empty series.
double burnRate(const QList<double> &series, int days);

// When a budget with `remaining` dollars left runs out at `dailyRate` dollars a day, counting from
// `now`: now itself when nothing is left, nullopt when nothing is being spent.
std::optional<QDateTime> runsOutAt(double remaining, double dailyRate, const QDateTime &now);

} // namespace watchstats
