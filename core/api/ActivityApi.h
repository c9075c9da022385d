#pragma once

#include "core/api/ActivityQuery.h"
#include "core/api/ProxyClient.h"

class ApiReply;

namespace api {

// Daily activity is not decoded here: the reply's body (a SpendAnalyticsPaginatedResponse) goes whole to
// a UsageAggregator, which streams it into a UsageReport off the GUI thread (see ActivityFetcher).

// GET /{user|team|tag}/daily/activity for query.page and query.pageSize.
ApiReply *dailyActivity(ProxyClient &client, const ActivityQuery &query);
// GET /{user|team|tag}/daily/activity/aggregated (newer proxies; 404 on older ones): the whole range.
ApiReply *dailyActivityAggregated(ProxyClient &client, const ActivityQuery &query);

} // namespace api
