#pragma once

#include "core/api/KeyRecord.h"
#include "core/keys/KeyRisk.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlQuery;
class SqliteStatement;

// How one key is kept in the index's `keys` table: each field LiteLLM sends in its own column (times
// as UTC milliseconds, models and metadata as JSON text), every other field it sent in `extra`, and the
// key's time-independent risks as bits. Never a raw key: rows come from /key/list, /key/info and the
// other key routes, which carry only the hash.
namespace indexrow {

// The columns a row is read from, in the order read() expects, for SELECT lists.
const QString &columns();
// INSERT ... ON CONFLICT(token) DO UPDATE with a placeholder per column, in columns() order.
const QString &upsertStatement();
void bind(SqliteStatement &upsert, const KeyRecord &key, qint64 syncedAtMs);
// The key in the row the query is on (columns() first), with `raw` rebuilt as LiteLLM sent it.
KeyRecord read(const QSqlQuery &query);
// The same from the row's values in columns() order, as SQLite hands them over (null, integer, real,
// text or blob); missing trailing values are null.
KeyRecord fromValues(const QVariantList &values);
// When the row the query is on was read from the proxy (UTC ms), the "as of" of its spend.
qint64 syncedAt(const QSqlQuery &query);

// Bit 1 << int(risk) for each risk that does not depend on the time (over, near and no budget, never
// expires, unrestricted models, blocked), by the rules of core/keys/KeyRisk.
int riskBits(const KeyRecord &key);
int riskBit(KeyRisk risk);

} // namespace indexrow
