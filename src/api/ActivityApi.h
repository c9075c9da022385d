#pragma once

#include "Call.h"
#include "usage/ActivityQuery.h"
#include "usage/DailyActivity.h"

namespace api {

// One SpendAnalyticsPaginatedResponse (paged or aggregated). Totals are recomputed from the rows.
Expected<ActivityPage> decodeActivityPage(const QByteArray &body);

// GET /{user|team|tag}/daily/activity for query.page.
ApiReply *dailyActivity(ProxyClient &client, const ActivityQuery &query, QObject *context,
                        Handler<ActivityPage> done);
// GET /{user|team|tag}/daily/activity/aggregated (newer proxies; 404 on older ones).
ApiReply *dailyActivityAggregated(ProxyClient &client, const ActivityQuery &query, QObject *context,
                                  Handler<ActivityPage> done);

} // namespace api
