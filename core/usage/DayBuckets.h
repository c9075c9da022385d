#pragma once

#include <QDate>
#include <QList>

// The days of a range grouped for a chart, so that a long range stays readable: one bar per day up to
// kMaxDays days, per week (Monday to Sunday, the first and last weeks cut at the range's ends) up to
// kMaxWeeksDays days, per calendar month beyond that.
namespace daybuckets {

enum class Size { Day, Week, Month };

inline constexpr qsizetype kMaxDays = 62;       // two months of daily bars
inline constexpr qsizetype kMaxWeeksDays = 182; // half a year of weekly bars

struct Bucket {
    QDate first;
    QDate last;
};

Size sizeFor(qsizetype days);
// The buckets covering every day from `from` to `to`, in order; empty for an empty range.
QList<Bucket> split(QDate from, QDate to, Size size);

} // namespace daybuckets
