#include "CsvReader.h"

std::optional<QList<QStringList>> CsvReader::parse(QStringView text, QString *why) {
    QList<QStringList> rows;
    QStringList record;
    QString field;
    bool quoted = false;     // inside a quoted field
    bool afterQuote = false; // a quoted field just closed: only a separator may follow
    bool fieldStarted = false;
    int line = 1;

    auto fail = [&](const QString &reason) -> std::optional<QList<QStringList>> {
        if (why)
            *why = QStringLiteral("line %1: %2").arg(line).arg(reason);
        return std::nullopt;
    };
    auto endField = [&] {
        record << field;
        field.clear();
        afterQuote = false;
        fieldStarted = false;
    };
    auto endRecord = [&] {
        endField();
        rows << record;
        record.clear();
    };

    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u',') {
            endField();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            endRecord();
            ++line;
        } else if (afterQuote) {
            return fail(QStringLiteral("text after a closing quote"));
        } else if (c == u'"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted)
        return fail(QStringLiteral("a quoted field is not closed"));
    if (fieldStarted || afterQuote || !record.isEmpty())
        endRecord();
    return rows;
}
