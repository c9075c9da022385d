#pragma once

#include "core/api/ApiError.h"
#include "core/usage/UsageReport.h"

#include <QByteArrayView>
#include <QDate>
#include <QFlags>

#include <memory>

// Sums LiteLLM daily activity (SpendAnalyticsPaginatedResponse, from /user|team|tag/daily/activity and
// their /aggregated variants) into a UsageReport. Pages hold raw rows: the same date may come on
// several pages, so every response added is merged by date and totals are recomputed from the rows,
// never taken from a page's metadata.
//
// Input is streamed through one reused buffer: each element of "results" is cut out of the text
// (strings, escapes and nesting tracked) and parsed on its own with simdjson On-Demand, so memory
// stays at the buffer plus the largest element whatever the size of the input. A file may hold one
// response, several concatenated or newline-separated, or a JSON array of them.
//
// Metric fields are read leniently (missing, null, numbers as strings, unknown fields ignored) but never
// guessed: a count that is not a whole number from 0 up ("abc", true, NaN, -3) or a spend that is not a
// finite number is an error naming the field, and sums of counts stop at the largest qint64. Both
// breakdown shapes are read: {name: {metrics, metadata, api_key_breakdown}} and the oldest versions'
// {name: metrics}. Text that is not UTF-8 is an error. Any other wrong shape is an error naming the
// byte offset and what was expected. After an error the report holds what was read before it and should be
// discarded. What one response's "metadata" says about paging, and a fingerprint of its "results" text, read
// in the same pass as the results (no second parse), for a fetcher that must notice endless paging.
struct UsagePageInfo {
    qsizetype results = 0;   // elements of "results" read
    int page = 1;            // metadata.page (1 when absent)
    int totalPages = 1;      // metadata.total_pages (at least page)
    bool hasMore = false;    // metadata.has_more
    qint64 apiKeyLimit = 0;  // metadata.api_key_limit (newer /aggregated): keys kept, by spend; 0 if absent
    qint64 totalApiKeys = 0; // metadata.total_api_keys: keys there were
    quint64 fingerprint = 0; // of the results' text: equal pages have equal fingerprints; 0 when empty
};

class UsageAggregator {
public:
    enum class Part : quint32 {
        Days = 0x01,         // the dense day series (totals are always summed)
        Models = 0x02,       // breakdown.models
        ModelGroups = 0x04,  // breakdown.model_groups
        Providers = 0x08,    // breakdown.providers
        Keys = 0x10,         // breakdown.api_keys, with key alias and team
        Entities = 0x20,     // breakdown.entities (teams, tags), with alias
        DayModels = 0x40,    // day × model cells
        DayKeys = 0x80,      // day × key cells
        DayEntities = 0x100, // day × team/tag cells (not in All: only Watch needs them)
        All = 0xff,
    };
    Q_DECLARE_FLAGS(Parts, Part)

    // What a report grouped by `by` needs: totals, days, that table and its day cells. Parts that are
    // not asked for are skipped unparsed, which is what makes a single grouping fast.
    static Parts partsFor(UsageReport::Dimension by);

    explicit UsageAggregator(Parts parts = Part::All);
    ~UsageAggregator();
    UsageAggregator(const UsageAggregator &) = delete;
    UsageAggregator &operator=(const UsageAggregator &) = delete;

    // The range asked for (UTC days); the report covers it even where there was no usage.
    void setRange(QDate from, QDate to);
    // Bytes read at a time (default 4 MiB). Any size works; small ones are for tests.
    void setBufferSize(qsizetype bytes);

    // Adds one response (or several, as addFile) held in memory, e.g. a page from the network.
    // Returns how many "results" elements were read. Errors name `source` ("page 3").
    Expected<qsizetype> addResponse(QByteArrayView json, const QString &source = {});
    // Adds one page of a paged (or the one answer of an aggregated) route and says what its metadata
    // claims about paging. With several responses in `json`, the last metadata wins.
    Expected<UsagePageInfo> addPage(QByteArrayView json, const QString &source = {});
    // Streams a file of responses into the report. Returns how many "results" elements were read.
    Expected<qsizetype> addFile(const QString &path);

    const UsageReport &report() const;
    UsageReport takeReport();

    // Convenience for one file: `litellm-deskctl usage --input FILE --by model`.
    static Expected<UsageReport> aggregateFile(const QString &path, Parts parts = Part::All, QDate from = {},
                                               QDate to = {});

private:
    class Private;
    std::unique_ptr<Private> d;
};
Q_DECLARE_OPERATORS_FOR_FLAGS(UsageAggregator::Parts)
