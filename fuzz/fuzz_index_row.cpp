// The key index's rows read back from its SQLite file: a `keys` row (models and metadata as JSON text,
// times as milliseconds, every other field in `extra`) or a `journal` row, as SQLite hands the values
// over. Each line of the input is one column in columns() order, tagged with its storage class: N null,
// I integer, R real, T text, B blob (an untagged line is text). A row that is damaged may read as less
// than it was, never as more: no "all models", no "never expires", no "not blocked" from a bad value.
#include "FuzzInput.h"
#include "core/index/IndexRow.h"
#include "core/index/KeyJournal.h"
#include "core/keys/KeyRisk.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace {

enum Col { Expires = 14, Models = 15, Tpm = 16, Rpm = 17, Parallel = 18, Blocked = 19, MaxBudget = 10 };

QVariant column(const QByteArray &line) {
    const QByteArray rest = line.mid(1);
    switch (line.isEmpty() ? 'T' : line.at(0)) {
    case 'N':
        return QVariant();
    case 'I':
        return rest.toLongLong();
    case 'R':
        return rest.toDouble();
    case 'T':
        return QString::fromUtf8(rest);
    case 'B':
        return rest;
    default:
        return QString::fromUtf8(line);
    }
}

QVariantList row(const QList<QByteArray> &lines) {
    QVariantList values;
    for (const QByteArray &line : lines)
        values << column(line);
    return values;
}

bool isListOfNames(const QVariant &v) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return false;
    for (const auto &item : doc.array())
        if (!item.isString())
            return false;
    return true;
}

bool isZero(const QVariant &v) {
    bool ok = false;
    const double d = v.toDouble(&ok);
    return ok && d == 0;
}

void check(const QVariantList &values, const KeyRecord &k) {
    const auto value = [&values](int c) { return c < values.size() ? values.at(c) : QVariant(); };
    // A list of names is what bind() writes for a key whose models were known; anything else is unknown.
    if (!isListOfNames(value(Models)) && k.modelsKnown)
        __builtin_trap();
    if (!value(Expires).isNull() && !k.expires.isValid())
        __builtin_trap();
    if (!value(Blocked).isNull() && !isZero(value(Blocked)) && !k.isBlocked())
        __builtin_trap();
    if (!value(MaxBudget).isNull() && !(k.maxBudget && std::isfinite(*k.maxBudget)))
        __builtin_trap();
    for (const auto &[c, limit] :
         {std::pair{Tpm, k.tpmLimit}, std::pair{Rpm, k.rpmLimit}, std::pair{Parallel, k.maxParallelRequests}})
        if (!value(c).isNull() && !limit)
            __builtin_trap();
}

KeyRecord key(const QList<QByteArray> &lines) {
    const QVariantList values = row(lines);
    const KeyRecord k = indexrow::fromValues(values);
    check(values, k);
    (void)indexrow::riskBits(k);
    (void)keyrisk::risks(k, QDateTime::fromMSecsSinceEpoch(1764547200000, Qt::UTC));
    (void)k.displayName();
    (void)k.modelsText();
    return k;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QList<QByteArray> lines = in.rest().split('\n');
    switch (in.selector() % 3) {
    case 0:
        (void)key(lines);
        break;
    case 1: {
        const JournalEntry e = JournalEntry::fromValues(row(lines));
        (void)e.spendDelta();
        (void)JournalEntry::kindName(e.kind);
        break;
    }
    default: {
        // Two rows of one key, before and after a sync, separated by a line "--": the journal's diff.
        const qsizetype split = lines.indexOf(QByteArray("--"));
        const KeyRecord before = key(split < 0 ? lines : lines.mid(0, split));
        const KeyRecord after = key(split < 0 ? QList<QByteArray>() : lines.mid(split + 1));
        for (const JournalEntry &e : KeyJournal::differences(before, after))
            (void)e.spendDelta();
        break;
    }
    }
    return 0;
}
