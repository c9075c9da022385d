#pragma once

#include "core/usage/JsonStreamReader.h"
#include "core/usage/UsageAggregator.h"

#include <QString>

#include <memory>

class UsageReport;

// Parses one element of a daily activity response's "results" ({date, metrics, breakdown}) with
// simdjson On-Demand and adds it to a report. Sub-trees the report does not need are skipped.
class UsageElementReader {
public:
    UsageElementReader(UsageReport &report, UsageAggregator::Parts parts);
    ~UsageElementReader();
    UsageElementReader(const UsageElementReader &) = delete;
    UsageElementReader &operator=(const UsageElementReader &) = delete;

    // `element` must have JsonStreamReader::Padding readable bytes after it. On failure returns false
    // and errorString() says where (byte offset in the input) and what was expected.
    bool read(const JsonStreamReader::Span &element);
    // Reads page, total_pages and has_more of a response's "metadata" (leniently: numbers as strings,
    // null and missing fields are fine) into `info`.
    bool readPageMetadata(const JsonStreamReader::Span &metadata, UsagePageInfo &info);
    QString errorString() const { return m_error; }

private:
    class Private;
    std::unique_ptr<Private> d;
    QString m_error;
};
