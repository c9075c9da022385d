#include "sim/Simulator.h"

#include <QDateTime>

namespace {

// Every field LiteLLM's readiness check reports, as _health_endpoints.py builds it.
QJsonObject readinessDetails(const Simulator &sim) {
    const SimOptions &o = sim.options();
    const QJsonValue cache =
        o.semanticCache ? QJsonValue(QJsonObject{
                              {QStringLiteral("type"), QStringLiteral("redis-semantic")},
                              {QStringLiteral("index_info"), QStringLiteral("litellm_semantic_cache_index")}})
                        : QJsonValue(QJsonValue::Null);
    return QJsonObject{
        {QStringLiteral("status"),
         o.databaseDown ? QStringLiteral("unhealthy") : QStringLiteral("connected")},
        {QStringLiteral("db"), o.databaseDown ? QStringLiteral("disconnected") : QStringLiteral("connected")},
        {QStringLiteral("cache"), cache},
        {QStringLiteral("litellm_version"), o.litellmVersion},
        {QStringLiteral("success_callbacks"), QJsonArray{QStringLiteral("_PROXY_DBSpendUpdateWriter")}},
        {QStringLiteral("last_updated"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
}

// A healthy newer proxy says only its status in public; a database outage answers 503 with the full body.
SimReply readiness(const Simulator &sim, bool details) {
    if (sim.options().databaseDown)
        return SimReply::json(readinessDetails(sim), 503);
    if (!details)
        return SimReply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")}});
    return SimReply::json(readinessDetails(sim));
}

} // namespace

void registerHealthRoutes(Simulator &sim) {
    auto alive = [](SimRequest &) { return SimReply::raw(QByteArrayLiteral("\"I'm alive!\"")); };
    sim.addRoute("GET", QStringLiteral("/health/liveliness"), alive, true);
    sim.addRoute("GET", QStringLiteral("/health/liveness"), alive, true);
    sim.addRoute(
        "GET", QStringLiteral("/health/readiness"),
        [&sim](SimRequest &) { return readiness(sim, !sim.options().readinessDetailsRoute); }, true);
    if (sim.options().readinessDetailsRoute)
        sim.addRoute("GET", QStringLiteral("/health/readiness/details"),
                     [&sim](SimRequest &) { return readiness(sim, true); });
}
