#pragma once

#include "core/usage/DayBuckets.h"

#include <QList>

class QAbstractAxis;
class QCategoryAxis;

// The axes of the usage charts. Values read as they do in the tables beside the charts (money as
// "$1,234.00", counts as "8,000,000"); the time axis of bar charts groups days into weeks or months when
// the range is long, and its title says so.
namespace chartaxes {

// Below bars, one per bucket: a label under every k-th bar only (a month or more of bars has no room for
// one each); titled with the grouping and the range ("By week: Jan 5 to Dec 7, 2026 (UTC)").
QCategoryAxis *bucketAxis(const QList<daybuckets::Bucket> &buckets, daybuckets::Size size);
// From 0 to a round value above `max`, about five steps, each labelled as money or as a count.
QCategoryAxis *amountAxis(double max, bool money);
// "2026-11-04", "2026-11-09 to 2026-11-15": what one bar stands for, for tooltips.
QString bucketText(const daybuckets::Bucket &bucket);

} // namespace chartaxes
