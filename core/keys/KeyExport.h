#pragma once

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetBook.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class TextTable;

// Keys as the CLI and exports write them: JSON with LiteLLM's field names plus the computed `status`
// and `risks`, CSV with a fixed set of those columns, and a terminal table. With `budgets`, over budget
// takes in every budget on each key's ladder (its team's, user's, ...), as the Keys page does.
namespace keyexport {

QJsonObject toJson(const KeyRecord &key, const QDateTime &now, const BudgetBook *budgets = nullptr);
QJsonArray toJson(const QList<KeyRecord> &keys, const QDateTime &now, const BudgetBook *budgets = nullptr);

QStringList csvFieldNames();
QStringList csvFields(const KeyRecord &key, const QDateTime &now, const BudgetBook *budgets = nullptr);

TextTable table(const QList<KeyRecord> &keys, const QDateTime &now, const BudgetBook *budgets = nullptr);
// One key, one "field: value" line per field, for `keys show`.
QString details(const KeyRecord &key, const QDateTime &now);

} // namespace keyexport
