#include "ActivityApi.h"

#include "core/api/ApiReply.h"

namespace api {

ApiReply *dailyActivity(ProxyClient &client, const ActivityQuery &query) {
    return client.send(Request::get(query.path(false), query.toQuery(false)));
}

ApiReply *dailyActivityAggregated(ProxyClient &client, const ActivityQuery &query) {
    return client.send(Request::get(query.path(true), query.toQuery(true)));
}

} // namespace api
