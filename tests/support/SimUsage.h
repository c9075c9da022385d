#pragma once

#include "core/usage/UsageAggregator.h"
#include "sim/SimActivity.h"
#include "sim/SimDataset.h"
#include "sim/SimOptions.h"

#include <QJsonDocument>

// A usage report over the simulator's seeded activity, built without a server: for tests of what is
// drawn or exported from a report.
inline UsageReport simulatedReport(int days = 14, int keys = 80, QDate today = QDate(2025, 3, 31)) {
    SimOptions o;
    o.keys = keys;
    o.days = days;
    o.today = today;
    SimDataset data(o);
    SimActivityQuery q;
    q.start = today.addDays(1 - days);
    q.end = today;
    const auto rows = data.activity().rows(q);
    UsageAggregator aggregator;
    aggregator.setRange(q.start, q.end);
    const auto read =
        aggregator.addResponse(QJsonDocument(data.activity().response(rows, SimActivityQuery::Kind::User))
                                   .toJson(QJsonDocument::Compact));
    if (!read)
        qFatal("the simulated activity did not aggregate: %s", qPrintable(read.error().toString()));
    return aggregator.takeReport();
}
