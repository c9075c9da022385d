#include "CsvWriter.h"

#include <QIODevice>

CsvWriter::CsvWriter(QIODevice *device)
    : m_device(device) {}

void CsvWriter::writeRow(const QStringList &fields) {
    m_device->write(row(fields).toUtf8());
    ++m_rows;
}

QString CsvWriter::field(const QString &value) {
    const bool quote = value.contains(u',') || value.contains(u'"') || value.contains(u'\n') ||
                       value.contains(u'\r') || value.startsWith(u' ') || value.endsWith(u' ');
    if (!quote)
        return value;
    QString out = value;
    out.replace(u'"', QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

QString CsvWriter::row(const QStringList &fields) {
    QString out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += u',';
        out += field(fields.at(i));
    }
    out += QStringLiteral("\r\n");
    return out;
}
