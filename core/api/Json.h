#pragma once

#include "core/api/ApiError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

// Lenient readers for LiteLLM's JSON: unknown fields are ignored, null and missing are the same, and
// numbers that arrive as strings ("12.5") are read as numbers.
namespace json {

QString str(const QJsonValue &v);                   // null/missing -> empty
std::optional<QString> optStr(const QJsonValue &v); // null/missing/"" -> nullopt
double num(const QJsonValue &v, double fallback = 0.0);
std::optional<double> optNum(const QJsonValue &v);
qint64 integer(const QJsonValue &v, qint64 fallback = 0);
std::optional<qint64> optInt(const QJsonValue &v);
std::optional<bool> optBool(const QJsonValue &v); // also "true"/"false" strings
bool boolean(const QJsonValue &v, bool fallback = false);
QStringList strList(const QJsonValue &v); // also a single string or a comma list
QDateTime dateTime(const QJsonValue &v);  // ISO-8601, Z or offset, any fraction; invalid if absent
QJsonObject obj(const QJsonValue &v);     // non-objects -> {}

// Parses a whole body as a JSON object or array; errors are decode errors.
Expected<QJsonObject> parseObject(const QByteArray &body);
Expected<QJsonArray> parseArray(const QByteArray &body);
Expected<QJsonValue> parse(const QByteArray &body);

// Writes a timestamp the way LiteLLM does: 2025-01-31T10:00:00.123000Z
QString isoUtc(const QDateTime &t);

} // namespace json
