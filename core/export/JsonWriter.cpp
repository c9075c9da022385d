#include "JsonWriter.h"

#include <QJsonDocument>
#include <QLocale>

namespace {

QByteArray finish(QByteArray text) {
    if (!text.endsWith('\n'))
        text += '\n';
    return text;
}

} // namespace

QByteArray JsonWriter::document(const QJsonArray &array, bool compact) {
    return finish(QJsonDocument(array).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented));
}

QByteArray JsonWriter::document(const QJsonObject &object, bool compact) {
    return finish(QJsonDocument(object).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented));
}

QByteArray JsonWriter::orderedArray(const QList<Fields> &objects) {
    // Each key and value is written by QJsonDocument itself (as a one-element array, brackets cut off),
    // so escaping and number formats are exactly those of the other documents.
    const auto scalar = [](const QJsonValue &v) {
        const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        return a.mid(1, a.size() - 2);
    };
    QByteArray out = "[";
    for (qsizetype i = 0; i < objects.size(); ++i) {
        out += i ? ",\n    {" : "\n    {";
        const Fields &fields = objects.at(i);
        for (qsizetype f = 0; f < fields.size(); ++f) {
            if (f)
                out += ", ";
            out += scalar(fields.at(f).first) + ": " + scalar(fields.at(f).second);
        }
        out += '}';
    }
    out += objects.isEmpty() ? "]\n" : "\n]\n";
    return out;
}

QString JsonWriter::number(double v) {
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}
