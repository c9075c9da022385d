#pragma once

#include "core/index/KeyIndexQuery.h"

#include <QDateTime>
#include <QString>

#include <functional>

// Writes every key a query matches in a connection's key index to a CSV or JSON file (the Keys page's
// Export in index mode): the same fields as an export read from the proxy, in the query's order, read
// from one snapshot of the index a chunk at a time (memory does not grow with the keys) and saved
// atomically. Runs on any thread: it opens a connection of its own.
namespace keyindexexport {

struct Outcome {
    QString problem; // empty when written (or canceled)
    qint64 keys = 0;
    bool canceled = false;
};

// `progress(done, total)` is called after each chunk; returning false cancels, and nothing is written.
Outcome write(const QString &indexPath, KeyIndexQuery query, const QDateTime &now, const QString &path,
              const std::function<bool(qint64 done, qint64 total)> &progress, int chunk = 2000);

} // namespace keyindexexport
