#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <utility>

// Helpers for machine-readable output: absent values become JSON null (never 0 or ""), documents are
// written indented with a final newline so they diff and pipe well.
class JsonWriter {
public:
    static QJsonValue value(const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(); }
    static QJsonValue value(const std::optional<qint64> &v) {
        return v ? QJsonValue(static_cast<qint64>(*v)) : QJsonValue();
    }
    // An empty string is written as null.
    static QJsonValue text(const QString &v) { return v.isEmpty() ? QJsonValue() : QJsonValue(v); }

    static QByteArray document(const QJsonArray &array, bool compact = false);
    // An array of objects whose fields are written in the order given (QJsonObject sorts them), one
    // object per line: for output where the order carries meaning, such as the group field first.
    using Fields = QList<std::pair<QString, QJsonValue>>;
    static QByteArray orderedArray(const QList<Fields> &objects);
    static QByteArray document(const QJsonObject &object, bool compact = false);

    // The same shortest round-trip text a JSON number gets ("2.5e-06", "0.1"), for CSV and tables.
    static QString number(double v);
};
