#pragma once

#include "core/api/ActivityQuery.h"
#include "core/usage/UsageMetrics.h"

#include <QString>

// What a range's figures add up to, said so that they cannot be misread. LiteLLM's tag table counts a
// request under each of its tags, so over several tags (or every tag) the sum is not spend: beside it
// goes the proxy's own total for the same range, from the user route over everyone.
namespace usagesummary {

// Whether a report of `query` may count one request more than once: tag scope, not a single tag.
bool overlaps(const ActivityQuery &query);
// The proxy-wide totals for the range and the model and key filters of `query`: the user route, no user.
ActivityQuery proxyTotalQuery(const ActivityQuery &query);

// "$12.30 spend · 1,234 requests · 56,789 tokens"
QString totalsLine(const UsageMetrics &totals);
// "Sum over tags: $20.10 · 2,468 requests · 113,578 tokens (not spend)"
QString tagSumLine(const UsageMetrics &sum);
// "Tags overlap: a request with several tags counts under each."
QString overlapReason();
// "Proxy total for the range: $12.30, 1,234 requests"
QString proxyTotalLine(const UsageMetrics &proxyTotal);
// The reason, then the proxy total; without a total, that it could not be read.
QString overlapNote(const UsageMetrics *proxyTotal);
// "98.5% of requests succeeded" (or "no requests")
QString successLine(const UsageMetrics &totals);

} // namespace usagesummary
