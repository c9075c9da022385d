#pragma once

#include "sim/SimHttp.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

struct SimRequest;

// Reading query and body fields the way FastAPI/Pydantic would, for the simulator's routes.
namespace simparams {

// An int query parameter within [min, max]; otherwise *error holds LiteLLM's 422 validation answer.
std::optional<int> intQuery(const SimRequest &r, const QString &name, int fallback, int min, int max,
                            SimReply *error);
bool boolQuery(const SimRequest &r, const QString &name, bool fallback);
QString stringQuery(const SimRequest &r, const QString &name); // null if absent
QStringList csvQuery(const SimRequest &r, const QString &name);

std::optional<double> optDouble(const QJsonValue &v);
std::optional<qint64> optInt(const QJsonValue &v);
QString optString(const QJsonValue &v); // null for null/absent
QStringList stringList(const QJsonValue &v);

// "30s", "5m", "2h", "30d", "2w", "1mo" from `fromMs`; nullopt for an unparseable string.
std::optional<qint64> expiryFrom(const QString &duration, qint64 fromMs);

SimReply forbidden(const SimRequest &r, const QString &what);
SimReply notPremium(const QString &feature);

} // namespace simparams
