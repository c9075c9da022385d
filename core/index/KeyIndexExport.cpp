#include "KeyIndexExport.h"

#include "core/index/KeyIndex.h"
#include "core/keys/KeyExporter.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace keyindexexport {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("KeyIndexExport", text);
}

// The keys of one chunk as they go between the others: CSV rows without the header after the first
// chunk, JSON objects without the array's brackets, joined by commas.
QByteArray piece(const QList<KeyRecord> &keys, KeyExporter::Format format, const QDateTime &now,
                 const BudgetBook &budgets, bool first) {
    QByteArray bytes = KeyExporter::serialise(keys, format, now, &budgets);
    if (format == KeyExporter::Format::Csv) {
        if (!first)
            bytes.remove(0, bytes.indexOf('\n') + 1);
        return bytes;
    }
    const qsizetype open = bytes.indexOf('[');
    const qsizetype close = bytes.lastIndexOf(']');
    bytes = bytes.mid(open + 1, close - open - 1);
    return first ? bytes : ',' + bytes;
}

} // namespace

Outcome write(const QString &indexPath, KeyIndexQuery query, const QDateTime &now, const QString &path,
              const std::function<bool(qint64, qint64)> &progress, int chunk) {
    KeyIndex index(indexPath);
    if (!index.open())
        return {index.errorString()};
    // One read transaction: a sync writing meanwhile does not shift the rows between chunks.
    if (!index.begin())
        return {index.lastError()};
    query.manyMatches = false;
    const qint64 total = index.count(query, now);
    query.manyMatches = total > KeyIndexQuery::kManyMatches;
    const KeyExporter::Format format = KeyExporter::formatFor(path);
    const BudgetBook budgets = index.budgets(); // risks as the list shows them, with every budget above
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {file.errorString()};
    if (format == KeyExporter::Format::Json)
        file.write("[");
    qint64 done = 0;
    for (;;) {
        const QList<KeyRecord> keys = index.keys(query, now, done, chunk);
        if (keys.isEmpty() && !index.lastError().isEmpty())
            return {tr("the key index could not be read: %1").arg(index.lastError())};
        if (done == 0 || !keys.isEmpty()) {
            const QByteArray bytes = piece(keys, format, now, budgets, done == 0);
            if (file.write(bytes) != bytes.size())
                return {file.errorString()};
        }
        done += keys.size();
        if (progress && !progress(done, std::max(done, total))) {
            file.cancelWriting();
            index.rollback();
            return {{}, done, true};
        }
        if (keys.size() < chunk)
            break;
    }
    index.rollback(); // nothing was written to the index
    if (format == KeyExporter::Format::Json)
        file.write("]\n");
    if (!file.commit())
        return {file.errorString()};
    return {{}, done};
}

} // namespace keyindexexport
