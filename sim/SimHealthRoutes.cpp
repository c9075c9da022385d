#include "sim/Simulator.h"

#include <QDateTime>

void registerHealthRoutes(Simulator &sim) {
    auto alive = [](SimRequest &) { return SimReply::raw(QByteArrayLiteral("\"I'm alive!\"")); };
    sim.addRoute("GET", QStringLiteral("/health/liveliness"), alive, true);
    sim.addRoute("GET", QStringLiteral("/health/liveness"), alive, true);
    sim.addRoute(
        "GET", QStringLiteral("/health/readiness"),
        [&sim](SimRequest &) {
            return SimReply::json(
                QJsonObject{{QStringLiteral("status"), QStringLiteral("connected")},
                            {QStringLiteral("db"), QStringLiteral("connected")},
                            {QStringLiteral("cache"), QJsonValue::Null},
                            {QStringLiteral("litellm_version"), sim.options().litellmVersion},
                            {QStringLiteral("success_callbacks"),
                             QJsonArray{QStringLiteral("_PROXY_DBSpendUpdateWriter")}},
                            {QStringLiteral("last_updated"),
                             QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
        },
        true);
}
