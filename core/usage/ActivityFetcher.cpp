#include "ActivityFetcher.h"

#include "core/api/ActivityApi.h"
#include "core/api/ApiReply.h"
#include "core/api/ClientFeatures.h"
#include "core/api/ErrorReason.h"

#include <QFuture>
#include <QLoggingCategory>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <optional>

Q_LOGGING_CATEGORY(lcUsage, "desk.usage")

namespace {

ApiError pagingError(const QString &why) {
    ApiError e;
    e.kind = ApiError::Kind::Decode;
    e.message = QStringLiteral("The proxy's daily activity paging does not end: %1").arg(why);
    e.hint = QStringLiteral("Try a shorter date range, or update the LiteLLM proxy.");
    return e;
}

} // namespace

// One fetch's aggregator, shared with the worker so that an abandoned fetch's last page can finish safely.
struct ActivityFetcher::Run {
    explicit Run(UsageAggregator::Parts parts)
        : aggregator(parts) {}
    UsageAggregator aggregator;
    std::atomic<int> queued{0};
};

struct ActivityFetcher::PageOutcome {
    Expected<UsagePageInfo> info;
    std::optional<UsageReport> snapshot; // taken when no other page was waiting behind this one
};

ActivityFetcher::ActivityFetcher(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {
    m_worker.setMaxThreadCount(1);
    m_worker.setObjectName(QStringLiteral("ActivityAggregation"));
}

ActivityFetcher::~ActivityFetcher() {
    abandon();
    m_worker.waitForDone();
}

QString ActivityFetcher::aggregatedFeature(ActivityQuery::Scope scope) {
    return ActivityQuery::scopeName(scope) + QStringLiteral("DailyActivityAggregated");
}

void ActivityFetcher::start(const ActivityQuery &query) {
    abandon();
    m_query = query;
    m_deployments = std::exchange(m_query.deployments, {});
    m_modelsLeft = m_deployments;
    if (!m_modelsLeft.isEmpty())
        m_query.model = m_modelsLeft.takeFirst();
    m_pagedOnly = false;
    m_run = std::make_shared<Run>(m_parts);
    m_run->aggregator.setRange(query.start, query.end);
    m_report = UsageReport();
    m_report.includeRange(query.start, query.end);
    m_asOf = {};
    resetPaging();
    m_pagesDone = 0;
    m_aggregating = 0;
    m_peakInFlight = 0;
    m_finishing = false;
    m_running = true;
    if (!m_client) {
        ApiError e;
        e.message = tr("Not connected to a proxy.");
        fail(e);
        return;
    }
    requestFirst();
}

void ActivityFetcher::requestFirst() {
    if (!m_pagedOnly && api::clientFeature(*m_client, aggregatedFeature(m_query.scope)).value_or(true))
        requestAggregated();
    else
        requestPage(m_nextPage++);
}

void ActivityFetcher::cancel() {
    if (!m_running)
        return;
    ApiError e;
    e.kind = ApiError::Kind::Canceled;
    e.message = tr("Canceled.");
    fail(e);
}

void ActivityFetcher::abandon() {
    ++m_generation; // late answers of the abandoned fetch are ignored
    const auto replies = std::exchange(m_replies, {});
    for (const auto &r : replies)
        if (r)
            r->cancel();
}

void ActivityFetcher::track(ApiReply *reply) {
    m_replies << reply;
    m_peakInFlight = std::max(m_peakInFlight, inFlight());
}

void ActivityFetcher::requestAggregated() {
    const int generation = m_generation;
    ApiReply *reply = api::dailyActivityAggregated(*m_client, m_query);
    connect(reply, &ApiReply::finished, this, [this, generation, reply] {
        if (generation != m_generation)
            return;
        m_replies.clear();
        const QString feature = aggregatedFeature(m_query.scope);
        // A missing route (an older proxy: FastAPI's 404, or 405) is remembered for the connection; a 422
        // refuses this query's parameters (api_key_limit over the proxy's maximum) and pages this fetch
        // only. LiteLLM's own 404 ("Team not found") is an answer, not a missing route.
        const int status = reply->httpStatus();
        const bool noRoute = !reply->isOk() && (status == 405 || isNoRoute(reply->error()));
        const bool refused = !reply->isOk() && status == 422;
        if (noRoute || refused) {
            qCDebug(lcUsage) << "aggregated daily activity" << (noRoute ? "missing" : "refused")
                             << "; paging";
            if (noRoute)
                api::setClientFeature(*m_client, feature, false);
            requestPage(m_nextPage++);
            return;
        }
        if (!reply->isOk()) {
            fail(reply->error());
            return;
        }
        api::setClientFeature(*m_client, feature, true);
        m_usedAggregated = true;
        m_nextPage = 2; // one answer covers the range
        emit pageReceived(1, reply->body());
        aggregate(1, reply->body());
    });
    track(reply);
}

void ActivityFetcher::pageInstead() {
    qCDebug(lcUsage) << "/aggregated cut keys off; paging for every key";
    m_run = std::make_shared<Run>(m_parts);
    m_run->aggregator.setRange(m_query.start, m_query.end);
    m_pagedOnly = true; // every deployment again, all paged: the cut-off answer is already summed
    m_modelsLeft = m_deployments;
    if (!m_modelsLeft.isEmpty())
        m_query.model = m_modelsLeft.takeFirst();
    resetPaging();
    m_pagesDone = 0;
    requestPage(m_nextPage++);
}

void ActivityFetcher::resetPaging() {
    m_usedAggregated = false;
    m_fingerprints.clear();
    m_knownPages = 1;
    m_nextPage = 1;
}

void ActivityFetcher::nextDeployment() {
    m_query.model = m_modelsLeft.takeFirst();
    resetPaging();
    requestFirst();
}

void ActivityFetcher::requestPage(int page) {
    ActivityQuery q = m_query;
    q.page = page;
    const int generation = m_generation;
    ApiReply *reply = api::dailyActivity(*m_client, q);
    connect(reply, &ApiReply::finished, this, [this, generation, page, reply] {
        if (generation != m_generation)
            return;
        m_replies.removeIf([](const QPointer<ApiReply> &p) { return p.isNull() || p->isFinished(); });
        if (!reply->isOk()) {
            fail(reply->error());
            return;
        }
        emit pageReceived(page, reply->body());
        aggregate(page, reply->body());
        pump();
    });
    track(reply);
}

void ActivityFetcher::aggregate(int page, const QByteArray &body) {
    const int generation = m_generation;
    std::shared_ptr<Run> run = m_run;
    ++run->queued;
    ++m_aggregating;
    const QString source = m_usedAggregated ? tr("the /aggregated answer") : tr("page %1").arg(page);
    QtConcurrent::run(&m_worker, [run, body, source] {
        PageOutcome out{run->aggregator.addPage(body, source), std::nullopt};
        if (--run->queued == 0 && out.info) {
            out.snapshot = run->aggregator.report();
            out.snapshot->sortItems();
        }
        return out;
    }).then(this, [this, generation, page](PageOutcome outcome) {
        if (generation != m_generation)
            return;
        --m_aggregating;
        onPage(page, std::move(outcome));
    });
}

void ActivityFetcher::onPage(int page, PageOutcome outcome) {
    if (!outcome.info) {
        fail(outcome.info.error());
        return;
    }
    const UsagePageInfo &info = *outcome.info;
    const bool keysCutOff = info.apiKeyLimit > 0 && info.totalApiKeys > info.apiKeyLimit;
    if (m_usedAggregated && keysCutOff &&
        (m_parts & (UsageAggregator::Part::Keys | UsageAggregator::Part::DayKeys))) {
        pageInstead();
        return;
    }
    if (!m_usedAggregated) {
        const bool empty = info.results == 0;
        if (page > 1 && empty && info.hasMore) {
            fail(pagingError(tr("page %1 was empty but the proxy says more follow.").arg(page)));
            return;
        }
        if (!empty) {
            for (const int other : {page - 1, page + 1}) {
                const auto it = m_fingerprints.constFind(other);
                if (it != m_fingerprints.cend() && *it == info.fingerprint) {
                    fail(pagingError(tr("pages %1 and %2 are the same.")
                                         .arg(std::min(page, other))
                                         .arg(std::max(page, other))));
                    return;
                }
            }
            m_fingerprints.insert(page, info.fingerprint);
        }
        m_knownPages = std::max({m_knownPages, info.totalPages, info.hasMore ? page + 1 : page});
        if (m_knownPages > m_maxPages) {
            fail(pagingError(tr("it reports more than %1 pages.").arg(m_maxPages)));
            return;
        }
    }
    ++m_pagesDone;
    if (outcome.snapshot) {
        m_report = std::move(*outcome.snapshot);
        emit reportUpdated();
    }
    emit progress(m_pagesDone, m_usedAggregated ? 1 : m_knownPages);
    pump();
}

void ActivityFetcher::pump() {
    if (!m_running || m_finishing)
        return;
    while (!m_usedAggregated && inFlight() < kMaxInFlight && m_nextPage <= m_knownPages)
        requestPage(m_nextPage++);
    if (m_replies.isEmpty() && m_aggregating == 0 && m_nextPage > m_knownPages) {
        if (m_modelsLeft.isEmpty() || !m_client)
            finish();
        else
            nextDeployment();
    }
}

void ActivityFetcher::finish() {
    m_finishing = true;
    const int generation = m_generation;
    // The worker holds the last reference, so the aggregator and its buffers are freed there, not in
    // the window's thread.
    QtConcurrent::run(&m_worker, [run = std::move(m_run), from = m_query.start, to = m_query.end] {
        UsageReport report = run->aggregator.takeReport();
        report.includeRange(from, to);
        report.sortItems();
        return report;
    }).then(this, [this, generation](UsageReport report) {
        if (generation != m_generation)
            return;
        m_report = std::move(report);
        m_asOf = QDateTime::currentDateTimeUtc();
        m_running = false;
        m_finishing = false;
        emit reportUpdated();
        emit finished();
    });
}

void ActivityFetcher::fail(ApiError error) {
    abandon();
    m_running = false;
    m_finishing = false;
    m_run.reset();
    qCDebug(lcUsage) << "daily activity failed:" << kindName(error.kind) << error.httpStatus;
    emit failed(error);
}
