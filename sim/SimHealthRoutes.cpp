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
        {QStringLiteral("status"), QStringLiteral("healthy")}, // even with the database down (then a 503)
        {QStringLiteral("db"), o.databaseDown ? QStringLiteral("disconnected") : QStringLiteral("connected")},
        {QStringLiteral("cache"), cache},
        {QStringLiteral("litellm_version"), o.litellmVersion},
        {QStringLiteral("success_callbacks"), QJsonArray{QStringLiteral("_PROXY_DBSpendUpdateWriter")}},
        {QStringLiteral("last_updated"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
}

// Newer proxies say only their status and database in public (the status alone for a few releases
// before LiteLLM's PR #27866) and keep the rest for /health/readiness/details. A database outage answers
// 503 with the same body: "status" still says "healthy", "db" says "disconnected".
SimReply readiness(const Simulator &sim, bool details) {
    const int status = sim.options().databaseDown ? 503 : 200;
    if (details)
        return SimReply::json(readinessDetails(sim), status);
    return SimReply::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("healthy")},
                                      {QStringLiteral("db"), readinessDetails(sim).value(u"db")}},
                          status);
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
