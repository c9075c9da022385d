#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Reads RFC 4180 CSV as CsvWriter writes it (and as spreadsheets do): quoted fields may hold commas,
// doubled quotes and line breaks; records end with CRLF or LF; a final line break is optional.
class CsvReader {
public:
    // The records of `text`, or nullopt (and a reason in *why) when a quote is left open or text follows
    // a closing quote.
    static std::optional<QList<QStringList>> parse(QStringView text, QString *why = nullptr);
};
