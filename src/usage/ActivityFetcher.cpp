#include "ActivityFetcher.h"

#include "api/ActivityApi.h"
#include "api/ClientFeatures.h"

#include <QLoggingCategory>

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

ActivityFetcher::ActivityFetcher(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

ActivityFetcher::~ActivityFetcher() {
    abandon();
}

QString ActivityFetcher::aggregatedFeature(ActivityQuery::Scope scope) {
    return ActivityQuery::scopeName(scope) + QStringLiteral("DailyActivityAggregated");
}

void ActivityFetcher::start(const ActivityQuery &query) {
    abandon();
    m_query = query;
    m_result = DailyActivity();
    m_fingerprints.clear();
    m_knownPages = 1;
    m_nextPage = 1;
    m_pagesDone = 0;
    m_peakInFlight = 0;
    m_usedAggregated = false;
    m_running = true;
    if (!m_client) {
        ApiError e;
        e.message = tr("Not connected to a proxy.");
        fail(e);
        return;
    }
    if (api::clientFeature(*m_client, aggregatedFeature(query.scope)).value_or(true))
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

void ActivityFetcher::requestAggregated() {
    const int generation = m_generation;
    ApiReply *reply =
        api::dailyActivityAggregated(*m_client, m_query, this, [this, generation](Expected<ActivityPage> r) {
            if (generation != m_generation)
                return;
            m_replies.clear();
            const QString feature = aggregatedFeature(m_query.scope);
            if (!r && (r.error().httpStatus == 404 || r.error().httpStatus == 405)) {
                qCDebug(lcUsage) << "no aggregated daily activity route; paging instead";
                api::setClientFeature(*m_client, feature, false);
                requestPage(m_nextPage++);
                return;
            }
            if (!r) {
                fail(r.error());
                return;
            }
            api::setClientFeature(*m_client, feature, true);
            m_usedAggregated = true;
            m_result = std::move(r->activity);
            m_pagesDone = 1;
            emit progress(1, 1);
            finish();
        });
    m_replies << reply;
    m_peakInFlight = std::max(m_peakInFlight, inFlight());
}

void ActivityFetcher::requestPage(int page) {
    ActivityQuery q = m_query;
    q.page = page;
    const int generation = m_generation;
    ApiReply *reply =
        api::dailyActivity(*m_client, q, this, [this, generation, page](Expected<ActivityPage> r) {
            if (generation != m_generation)
                return;
            m_replies.removeIf([](const QPointer<ApiReply> &p) { return p.isNull() || p->isFinished(); });
            if (!r) {
                fail(r.error());
                return;
            }
            onPage(page, std::move(*r));
        });
    m_replies << reply;
    m_peakInFlight = std::max(m_peakInFlight, inFlight());
}

void ActivityFetcher::onPage(int page, ActivityPage result) {
    const bool empty = result.activity.isEmpty();
    if (page > 1 && empty && result.hasMore) {
        fail(pagingError(tr("page %1 was empty but the proxy says more follow.").arg(page)));
        return;
    }
    if (!empty) {
        for (const int other : {page - 1, page + 1}) {
            if (m_fingerprints.value(other) == result.fingerprint) {
                fail(pagingError(tr("pages %1 and %2 are the same.")
                                     .arg(std::min(page, other))
                                     .arg(std::max(page, other))));
                return;
            }
        }
        m_fingerprints.insert(page, result.fingerprint);
    }
    m_result.merge(std::move(result.activity));
    m_knownPages = std::max({m_knownPages, result.totalPages, result.hasMore ? page + 1 : page});
    if (m_knownPages > m_maxPages) {
        fail(pagingError(tr("it reports more than %1 pages.").arg(m_maxPages)));
        return;
    }
    ++m_pagesDone;
    emit progress(m_pagesDone, m_knownPages);
    pump();
}

void ActivityFetcher::pump() {
    if (!m_running)
        return;
    while (inFlight() < kMaxInFlight && m_nextPage <= m_knownPages)
        requestPage(m_nextPage++);
    if (m_replies.isEmpty() && m_nextPage > m_knownPages)
        finish();
}

void ActivityFetcher::finish() {
    m_running = false;
    m_result.fillRange(m_query.start, m_query.end);
    m_result.recomputeTotals();
    emit finished();
}

void ActivityFetcher::fail(ApiError error) {
    abandon();
    m_running = false;
    qCDebug(lcUsage) << "daily activity failed:" << kindName(error.kind) << error.httpStatus;
    emit failed(error);
}
