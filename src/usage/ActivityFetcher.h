#pragma once

#include "ActivityQuery.h"
#include "DailyActivity.h"
#include "api/ApiError.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

class ApiReply;
class ProxyClient;

// Fetches daily activity for a range in full. Uses the /aggregated route when the proxy has it (probed
// once per ProxyClient and per scope, then remembered); otherwise fetches page 1, then the other pages
// with at most kMaxInFlight requests at once, merging by date. Emits finished() with every day of the
// range (days without usage are zero) and totals recomputed from the rows, or failed() once: an HTTP or
// decode error, a cancel, or paging that never ends (more than maxPages, the same page sent twice, or
// empty pages that keep promising more).
class ActivityFetcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxInFlight = 4;
    static constexpr int kDefaultMaxPages = 2000;

    explicit ActivityFetcher(ProxyClient *client, QObject *parent = nullptr);
    ~ActivityFetcher() override;

    void setMaxPages(int pages) { m_maxPages = std::max(1, pages); }
    int maxPages() const { return m_maxPages; }

    // Starts a fetch, abandoning any fetch still running (which then reports nothing).
    void start(const ActivityQuery &query);
    // Stops the fetch; failed() follows with a Canceled error.
    void cancel();
    bool isRunning() const { return m_running; }
    bool usedAggregated() const { return m_usedAggregated; }
    int inFlight() const { return static_cast<int>(m_replies.size()); }
    int peakInFlight() const { return m_peakInFlight; }

    const DailyActivity &result() const { return m_result; }
    DailyActivity takeResult() { return std::exchange(m_result, DailyActivity()); }

    // The name under which the /aggregated probe is remembered on the client.
    static QString aggregatedFeature(ActivityQuery::Scope scope);

signals:
    void progress(int pagesDone, int totalPages);
    void finished();
    void failed(const ApiError &error);

private:
    void requestAggregated();
    void requestPage(int page);
    void onPage(int page, ActivityPage result);
    void pump();
    void finish();
    void fail(ApiError error);
    void abandon();

    QPointer<ProxyClient> m_client;
    ActivityQuery m_query;
    DailyActivity m_result;
    QList<QPointer<ApiReply>> m_replies;
    QHash<int, QByteArray> m_fingerprints;
    int m_generation = 0;
    int m_maxPages = kDefaultMaxPages;
    int m_knownPages = 1;
    int m_nextPage = 1;
    int m_pagesDone = 0;
    int m_peakInFlight = 0;
    bool m_running = false;
    bool m_usedAggregated = false;
};
