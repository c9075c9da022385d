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

QString JsonWriter::number(double v) {
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}
