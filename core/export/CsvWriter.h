#pragma once

#include <QString>
#include <QStringList>

class QIODevice;

// Writes RFC 4180 CSV: fields that hold a comma, a quote, CR or LF (or start or end with a space) are
// quoted, quotes inside are doubled, records end with CRLF. Text is written as UTF-8.
class CsvWriter {
public:
    explicit CsvWriter(QIODevice *device);

    void writeRow(const QStringList &fields);
    qsizetype rowsWritten() const { return m_rows; }

    static QString field(const QString &value);
    static QString row(const QStringList &fields); // one record, with its CRLF

private:
    QIODevice *m_device;
    qsizetype m_rows = 0;
};
