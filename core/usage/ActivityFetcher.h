#pragma once

#include "core/api/ActivityQuery.h"
#include "core/api/ApiError.h"
#include "core/usage/UsageAggregator.h"
#include "core/usage/UsageReport.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <memory>

class ApiReply;
class ProxyClient;

// Fetches daily activity for a range in full and sums it into a UsageReport. Uses the /aggregated route
// when the proxy has it (probed once per ProxyClient and per scope, then remembered); otherwise fetches
// page 1, then the other pages with at most kMaxInFlight requests at once. Newer proxies' /aggregated
// keeps only the top keys by spend: the fetch asks for the most it allows, and when keys are still cut
// off and the parts asked for include keys, it pages instead, so a report never lists only some keys.
// A query for a public model name fetches each of its deployments in turn into the same report.
//
// Every page's raw body goes to one UsageAggregator on a single worker thread (pages merge by date, so
// their order does not matter); the GUI thread only sees each page's paging metadata and, after each
// page, a snapshot of the report so far (reportUpdated()), so charts fill in as pages arrive.
//
// Emits finished() with a report that covers every day of the range, or failed() once: an HTTP or
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
    // The parts of the report to build (all by default); fewer parts aggregate faster.
    void setParts(UsageAggregator::Parts parts) { m_parts = parts; }

    // Starts a fetch, abandoning any fetch still running (which then reports nothing).
    void start(const ActivityQuery &query);
    // Stops the fetch; failed() follows with a Canceled error.
    void cancel();
    bool isRunning() const { return m_running; }
    bool usedAggregated() const { return m_usedAggregated; }
    int inFlight() const { return static_cast<int>(m_replies.size()); }
    int peakInFlight() const { return m_peakInFlight; }
    int pagesDone() const { return m_pagesDone; }

    // While running: the pages read so far (the range's days are all there, zero until read).
    // After finished(): the whole range.
    const UsageReport &report() const { return m_report; }
    UsageReport takeReport() { return std::exchange(m_report, UsageReport()); }
    // When the last page arrived (UTC); invalid until finished().
    QDateTime asOf() const { return m_asOf; }

    // The name under which the /aggregated probe is remembered on the client.
    static QString aggregatedFeature(ActivityQuery::Scope scope);

signals:
    // A page's raw body, as it arrived, before it is aggregated (for saving responses).
    void pageReceived(int page, const QByteArray &body);
    void progress(int pagesDone, int totalPages);
    // report() holds a newer snapshot.
    void reportUpdated();
    void finished();
    void failed(const ApiError &error);

private:
    struct Run;
    struct PageOutcome;

    void requestFirst(); // /aggregated where the proxy has it, else page 1
    void requestAggregated();
    void requestPage(int page);
    void pageInstead(); // /aggregated cut keys off: start again on the paged route
    void nextDeployment();
    void resetPaging(); // a new route or deployment: paging starts at page 1
    void track(ApiReply *reply);
    void aggregate(int page, const QByteArray &body);
    void onPage(int page, PageOutcome outcome);
    void pump();
    void finish();
    void fail(ApiError error);
    void abandon();

    QPointer<ProxyClient> m_client;
    ActivityQuery m_query;     // what is being fetched now (one deployment at a time)
    QStringList m_deployments; // the query's deployments, all of them
    QStringList m_modelsLeft;  // those still to fetch after m_query.model
    bool m_pagedOnly = false;  // /aggregated cut keys off: this fetch pages every deployment
    UsageAggregator::Parts m_parts = UsageAggregator::Part::All;
    std::shared_ptr<Run> m_run;
    UsageReport m_report;
    QDateTime m_asOf;
    QList<QPointer<ApiReply>> m_replies;
    QHash<int, quint64> m_fingerprints;
    int m_generation = 0;
    int m_maxPages = kDefaultMaxPages;
    int m_knownPages = 1;
    int m_nextPage = 1;
    int m_pagesDone = 0;
    int m_aggregating = 0; // pages handed to the worker and not back yet
    int m_peakInFlight = 0;
    bool m_running = false;
    bool m_finishing = false;
    bool m_usedAggregated = false;
    QThreadPool m_worker; // one thread: the aggregator is never touched by two at once
};
