#include "UsageSummary.h"

#include "core/format/Count.h"
#include "core/format/Money.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace usagesummary {

namespace {

// The count that picks a plural form (translate() takes an int). The English source is the plural;
// a translation gives every form.
int pluralOf(qint64 n) {
    return int(std::clamp<qint64>(n, 0, std::numeric_limits<int>::max()));
}

} // namespace

bool overlaps(const ActivityQuery &query) {
    return query.scope == ActivityQuery::Scope::Tag && query.ids.size() != 1;
}

ActivityQuery proxyTotalQuery(const ActivityQuery &query) {
    ActivityQuery q = query;
    q.scope = ActivityQuery::Scope::User;
    q.ids.clear();
    q.page = 1;
    return q;
}

QString totalsLine(const UsageMetrics &t) {
    return QCoreApplication::translate("UsageSummary", "%1 spend · %2 requests · %3 tokens", nullptr,
                                       pluralOf(t.apiRequests))
        .arg(formatUsd(t.spend), formatCount(t.apiRequests), formatCount(t.totalTokens));
}

QString tagSumLine(const UsageMetrics &t) {
    return QCoreApplication::translate("UsageSummary",
                                       "Sum over tags: %1 · %2 requests · %3 tokens (not spend)", nullptr,
                                       pluralOf(t.apiRequests))
        .arg(formatUsd(t.spend), formatCount(t.apiRequests), formatCount(t.totalTokens));
}

QString overlapReason() {
    return QCoreApplication::translate("UsageSummary",
                                       "Tags overlap: a request with several tags counts under each.");
}

QString proxyTotalLine(const UsageMetrics &total) {
    return QCoreApplication::translate("UsageSummary", "Proxy total for the range: %1, %2 requests", nullptr,
                                       pluralOf(total.apiRequests))
        .arg(formatUsd(total.spend), formatCount(total.apiRequests));
}

QString overlapNote(const UsageMetrics *total) {
    return overlapReason() + u' ' +
           (total ? proxyTotalLine(*total)
                  : QCoreApplication::translate("UsageSummary",
                                                "The proxy total for the range could not be read."));
}

QString successLine(const UsageMetrics &t) {
    if (t.apiRequests <= 0)
        return QCoreApplication::translate("UsageSummary", "No requests");
    const double rate = 100.0 * double(t.successfulRequests) / double(t.apiRequests);
    return QCoreApplication::translate("UsageSummary", "%1% of requests succeeded")
        .arg(QString::number(rate, 'f', 1));
}

} // namespace usagesummary
