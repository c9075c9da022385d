#pragma once

#include "core/api/KeyRecord.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class TextTable;

// Keys as the CLI and exports write them: JSON with LiteLLM's field names plus the computed `status`
// and `risks`, CSV with a fixed set of those columns, and a terminal table.
namespace keyexport {

QJsonObject toJson(const KeyRecord &key, const QDateTime &now);
QJsonArray toJson(const QList<KeyRecord> &keys, const QDateTime &now);

QStringList csvFieldNames();
QStringList csvFields(const KeyRecord &key, const QDateTime &now);

TextTable table(const QList<KeyRecord> &keys, const QDateTime &now);
// One key, one "field: value" line per field, for `keys show`.
QString details(const KeyRecord &key, const QDateTime &now);

} // namespace keyexport
