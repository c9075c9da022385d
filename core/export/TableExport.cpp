#include "TableExport.h"

#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"

#include <QAbstractItemModel>
#include <QDate>
#include <QDateTime>
#include <QSaveFile>

namespace {

QList<int> columnsOf(const QAbstractItemModel &model, const QList<int> &columns) {
    if (!columns.isEmpty())
        return columns;
    QList<int> all;
    for (int c = 0; c < model.columnCount(); ++c)
        all << c;
    return all;
}

QString fieldName(const QAbstractItemModel &model, int column, int role) {
    const QString field = model.headerData(column, Qt::Horizontal, role).toString();
    return field.isEmpty() ? model.headerData(column, Qt::Horizontal).toString() : field;
}

QString text(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        return JsonWriter::number(v.toDouble());
    case QMetaType::QDate:
        return v.toDate().toString(Qt::ISODate);
    case QMetaType::QDateTime:
        return v.toDateTime().toString(Qt::ISODateWithMs);
    default:
        return v.toString();
    }
}

QJsonValue json(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        return v.toDouble();
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return v.toLongLong();
    case QMetaType::Bool:
        return v.toBool();
    case QMetaType::UnknownType:
        return QJsonValue();
    default:
        return JsonWriter::text(text(v));
    }
}

} // namespace

QByteArray TableExport::toCsv(const QAbstractItemModel &model, Roles roles, const QList<int> &columns) {
    const QList<int> cols = columnsOf(model, columns);
    QStringList header;
    for (int c : cols)
        header << fieldName(model, c, roles.field);
    QString out = CsvWriter::row(header);
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c : cols)
            cells << text(model.index(r, c).data(roles.raw));
        out += CsvWriter::row(cells);
    }
    return out.toUtf8();
}

QByteArray TableExport::toJson(const QAbstractItemModel &model, Roles roles, const QList<int> &columns) {
    const QList<int> cols = columnsOf(model, columns);
    QStringList fields;
    for (int c : cols)
        fields << fieldName(model, c, roles.field);
    QList<JsonWriter::Fields> rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        JsonWriter::Fields row;
        for (qsizetype i = 0; i < cols.size(); ++i)
            row.append({fields.at(i), json(model.index(r, cols.at(i)).data(roles.raw))});
        rows << row;
    }
    return JsonWriter::orderedArray(rows);
}

QString TableExport::writeFile(const QString &path, const QByteArray &data) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("%1 cannot be written: %2").arg(path, file.errorString());
    file.write(data);
    if (!file.commit())
        return QObject::tr("%1 cannot be written: %2").arg(path, file.errorString());
    return {};
}
