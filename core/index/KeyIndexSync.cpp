#include "KeyIndexSync.h"

#include "core/api/Call.h"
#include "core/api/KeyApi.h"
#include "core/index/KeyIndex.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcIndex)

namespace {

// The index's bookkeeping of syncs (KeyIndex::meta).
const QString kSyncComplete = QStringLiteral("sync_complete");    // "1" once every key was read once
const QString kCrawlNextPage = QStringLiteral("crawl_next_page"); // where a first or full sync resumes
const QString kCrawlStarted = QStringLiteral("crawl_started");
const QString kCrawlMark = QStringLiteral("crawl_mark");
const QString kCrawlJournal = QStringLiteral("crawl_journal");
const QString kMark = QStringLiteral("mark"); // newest updated_at the index has read (UTC ms)
const QString kLastSync = QStringLiteral("last_sync");
const QString kSpendAsOf = QStringLiteral("spend_as_of");
const QString kSource = QStringLiteral("sync");
const QString kKeepDays = QStringLiteral("journal_keep_days");

qint64 updatedMs(const KeyRecord &k) {
    return k.updatedAt.isValid() ? k.updatedAt.toMSecsSinceEpoch() : 0;
}

} // namespace

KeyIndexSync::KeyIndexSync(ProxyClient &client, KeyIndex &index, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_index(index) {}

KeyIndexSync::~KeyIndexSync() {
    if (m_running) {
        m_running = false;
        for (const auto &r : std::as_const(m_inFlight))
            if (r)
                r->cancel();
    }
}

void KeyIndexSync::start(const SyncOptions &options) {
    if (m_running)
        return;
    m_options = options;
    m_pacer = SyncPacer(options.concurrency);
    m_report = {};
    m_unreachable = 0;
    m_clock.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_running = true;
    m_inFlight.clear();
    m_unwritten.clear();
    m_pagesDone.clear();
    m_missing.clear();
    m_read = 0;
    m_proxyTotal = -1;
    m_newestSeen = 0;
    m_lastPage = -1;
    m_found = 0;
    m_active = 0;
    m_mark = m_index.meta(kMark).toLongLong();

    const bool complete = m_index.meta(kSyncComplete) == u"1";
    const bool resuming = !m_index.meta(kCrawlNextPage).isEmpty();
    m_crawling = !complete || options.full || resuming;
    if (m_crawling && !resuming) { // a new crawl: from page 1, journaled only when the index was complete
        // An empty index is filled without its secondary indexes, built once when every key is in.
        const bool empty = m_index.keyCount() == 0;
        if (!m_index.begin() || (empty && !m_index.deferIndexes()) ||
            !m_index.setMeta(kCrawlNextPage, QStringLiteral("1")) ||
            !m_index.setMetaTime(kCrawlStarted, m_startedAt) || !m_index.setMeta(kCrawlMark, {}) ||
            !m_index.setMeta(kCrawlJournal, complete ? QStringLiteral("1") : QString()) ||
            !m_index.commit()) {
            m_index.rollback();
            QMetaObject::invokeMethod(
                this, [this] { failStore(); }, Qt::QueuedConnection);
            return;
        }
    }
    m_report.firstSync = m_crawling;
    m_journal = !m_crawling || m_index.meta(kCrawlJournal) == u"1";
    m_frontier = m_nextPage = std::max(1, m_index.meta(kCrawlNextPage).toInt());
    probe();
}

void KeyIndexSync::cancel() {
    if (!m_running)
        return;
    m_running = false;
    if (!writeCrawled()) // what was read is kept; failing that, the next sync reads it again
        qCWarning(lcIndex) << "keys read before the cancel were not written:" << m_index.lastError();
    for (const auto &r : std::as_const(m_inFlight))
        if (r)
            r->cancel();
    m_inFlight.clear();
    m_report.canceled = true;
    m_report.elapsedMs = m_clock.elapsed();
    m_report.keys = m_index.keyCount();
    m_report.message = m_crawling ? tr("Sync canceled; the next sync continues where this one stopped.")
                                  : tr("Sync canceled.");
    emit finished(m_report);
}

void KeyIndexSync::request(const QUrlQuery &query, PageHandler onPage, ErrorHandler onError) {
    ++m_active;
    const qint64 delay = m_pacer.delayMs();
    if (delay <= 0) {
        send(query, std::move(onPage), std::move(onError));
        return;
    }
    QTimer::singleShot(delay, this, [this, query, onPage = std::move(onPage), onError = std::move(onError)] {
        if (m_running)
            send(query, onPage, onError);
    });
}

void KeyIndexSync::send(const QUrlQuery &query, PageHandler onPage, ErrorHandler onError) {
    ++m_report.requests;
    QElapsedTimer took;
    took.start();
    ApiReply *reply = api::call<api::KeyPage>(
        m_client, Request::get(QStringLiteral("/key/list"), query), &api::decodeKeyPage, this,
        [this, query, took, onPage, onError](Expected<api::KeyPage> result) {
            if (!m_running)
                return;
            if (result) {
                --m_active;
                m_unreachable = 0;
                m_pacer.onSuccess(took.elapsed());
                // Only a list of every live key counts them all (not the archive, not a look-up by hash).
                if (!query.hasQueryItem(QStringLiteral("status")) &&
                    !query.hasQueryItem(QStringLiteral("key_hash")))
                    noteTotal(*result);
                onPage(*result);
                return;
            }
            if (onError && onError(result.error())) {
                --m_active;
                return;
            }
            const bool unreachable = result.error().kind == ApiError::Kind::Network &&
                                     ++m_unreachable > m_options.unreachableRetries;
            if (!unreachable && m_pacer.onFailure(result.error())) {
                qCInfo(lcIndex) << "key list request failed, retrying in" << m_pacer.delayMs()
                                << "ms:" << result.error().toString();
                --m_active;
                request(query, onPage, onError);
                return;
            }
            fail(result.error());
        });
    m_inFlight.removeAll(nullptr);
    m_inFlight << reply;
}

void KeyIndexSync::noteTotal(const api::KeyPage &page) {
    if (page.totalCount)
        m_proxyTotal = *page.totalCount;
}

QUrlQuery KeyIndexSync::listQuery(int page, const QString &sortBy, Qt::SortOrder order) const {
    api::KeyListQuery q;
    q.page = page;
    q.size = kPageSize;
    q.sortBy = sortBy;
    q.sortOrder = order;
    return q.toQuery();
}

// The newest keys first: in a first sync it sets the mark the sync catches up from afterwards; later
// it is the first page of the recent pass.
void KeyIndexSync::probe() {
    if (!m_crawling) {
        recentPage(1);
        return;
    }
    request(listQuery(1, QStringLiteral("updated_at"), Qt::DescendingOrder), [this](api::KeyPage &page) {
        if (m_index.meta(kCrawlMark).isEmpty()) {
            qint64 newest = 0;
            for (const auto &k : std::as_const(page.keys))
                newest = std::max(newest, updatedMs(k));
            if (!m_index.setMeta(kCrawlMark, QString::number(newest)))
                return failStore();
        }
        m_mark = m_index.meta(kCrawlMark).toLongLong();
        if (m_proxyTotal >= 0)
            m_lastPage = int((m_proxyTotal + kPageSize - 1) / kPageSize);
        emit progress(0, std::max<qint64>(0, m_proxyTotal));
        crawl();
    });
}

void KeyIndexSync::crawl() {
    if (!m_running)
        return;
    while (m_active < m_pacer.concurrency()) {
        if (m_lastPage >= 0 && m_nextPage > m_lastPage)
            break;
        if (m_lastPage < 0 && m_nextPage >= m_frontier + SyncPacer::kMaxConcurrency)
            break; // the end is not known: do not run far ahead of it
        crawlPage(m_nextPage++);
        if (m_pacer.delayMs() > 0)
            break; // pausing: one request at a time
    }
    if (m_active == 0 && m_lastPage >= 0 && m_nextPage > m_lastPage)
        finishCrawl();
}

void KeyIndexSync::crawlPage(int pageNumber) {
    // In hash order: the proxy pages its primary key, no two keys tie (created_at may), and the index
    // receives every key at the end of its hash index instead of at random places in it. A key created
    // or deleted meanwhile shifts the pages by one; the recent pass and the count reconcile that.
    request(listQuery(pageNumber, QStringLiteral("token"), Qt::AscendingOrder),
            [this, pageNumber](api::KeyPage &page) {
                if (page.keys.size() < kPageSize)
                    m_lastPage = m_lastPage < 0 ? pageNumber : std::min(m_lastPage, pageNumber);
                else if (m_proxyTotal >= 0)
                    m_lastPage = std::max<int>(pageNumber, int((m_proxyTotal + kPageSize - 1) / kPageSize));
                m_pagesDone.insert(pageNumber);
                while (m_pagesDone.remove(m_frontier))
                    ++m_frontier;
                m_unwritten += page.keys;
                if (m_unwritten.size() >= kWriteBatch && !writeCrawled())
                    return failStore();
                m_read += page.keys.size();
                emit progress(m_read, std::max<qint64>(m_read, m_proxyTotal));
                crawl();
            });
}

// Pages read and not yet written go in one transaction with where the crawl resumes: a crash loses at
// most one batch, which the next sync reads again.
bool KeyIndexSync::writeCrawled() {
    if (m_unwritten.isEmpty())
        return true;
    if (!m_index.begin())
        return false;
    if (!store(m_unwritten, m_journal) || !m_index.setMeta(kCrawlNextPage, QString::number(m_frontier)) ||
        !m_index.commit()) {
        m_index.rollback();
        return false;
    }
    m_unwritten.clear();
    return true;
}

void KeyIndexSync::finishCrawl() {
    if (!writeCrawled())
        return failStore();
    if (!m_index.hasDeferredIndexes())
        return removeUnseen();
    // Building the indexes of a million keys takes seconds: on a worker thread with its own connection.
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (!m_running)
            return;
        if (const QString error = watcher->result(); !error.isEmpty())
            return failStore(error);
        removeUnseen();
    });
    watcher->setFuture(QtConcurrent::run(&KeyIndex::buildIndexes, m_index.path()));
}

// Every page was read: keys the crawl did not see are gone (a --full sync of a complete index), and
// the keys written while it ran are read from the mark taken at its start.
void KeyIndexSync::removeUnseen() {
    QStringList unseen;
    {
        QSqlQuery q(m_index.database().db());
        q.prepare(QStringLiteral("SELECT token FROM keys WHERE synced_at IS NULL OR synced_at < ?"));
        q.addBindValue(m_index.meta(kCrawlStarted).toLongLong());
        if (q.exec())
            while (q.next())
                unseen << q.value(0).toString();
    }
    if (!m_index.begin())
        return failStore();
    m_report.deleted += m_index.remove(unseen, QDateTime::currentDateTimeUtc(), kSource);
    if (!m_index.setMeta(kSyncComplete, QStringLiteral("1")) || !m_index.setMeta(kCrawlNextPage, {}) ||
        !m_index.setMeta(kMark, QString::number(m_mark)) || !m_index.commit()) {
        m_index.rollback();
        return failStore();
    }
    recentPage(1);
}

void KeyIndexSync::recentPage(int pageNumber) {
    request(listQuery(pageNumber, QStringLiteral("updated_at"), Qt::DescendingOrder),
            [this, pageNumber](api::KeyPage &page) {
                if (!m_index.begin())
                    return failStore();
                if (!store(page.keys, m_journal) || !m_index.commit()) {
                    m_index.rollback();
                    return failStore();
                }
                for (const auto &k : std::as_const(page.keys))
                    m_newestSeen = std::max(m_newestSeen, updatedMs(k));
                m_read += page.keys.size();
                emit progress(m_read, 0);
                // Keys updated in the mark's own millisecond are read again: one written after the last sync
                // read that millisecond would otherwise be missed.
                const bool more = page.keys.size() >= kPageSize && updatedMs(page.keys.last()) >= m_mark;
                if (more)
                    return recentPage(pageNumber + 1);
                m_mark = std::max(m_mark, m_newestSeen);
                reconcile();
            });
}

void KeyIndexSync::reconcile() {
    const qint64 have = m_index.keyCount();
    m_found = 0;
    if (m_proxyTotal < 0)
        deletedPage(1, -1);
    else if (have > m_proxyTotal)
        deletedPage(1, have - m_proxyTotal);
    else if (have < m_proxyTotal)
        hashWalk(1);
    else
        finish();
}

// Archived keys (status=deleted): those still in the index were deleted since it read them.
void KeyIndexSync::deletedPage(int pageNumber, qint64 need) {
    api::KeyListQuery q;
    q.page = pageNumber;
    q.size = kPageSize;
    q.deleted = true;
    const auto noArchive = [this](const ApiError &e) {
        if (e.kind != ApiError::Kind::Http ||
            (e.httpStatus != 400 && e.httpStatus != 404 && e.httpStatus != 422))
            return false;
        hashWalk(1); // an older proxy without the deleted-keys archive
        return true;
    };
    request(
        q.toQuery(),
        [this, pageNumber, need](api::KeyPage &page) {
            QStringList tokens;
            for (const auto &k : std::as_const(page.keys)) {
                if (k.hashOnly || !k.deletedAt.isValid())
                    return hashWalk(1); // the proxy ignored status=deleted and listed live keys
                tokens << k.token;
            }
            if (!m_index.begin())
                return failStore();
            const int removed = m_index.remove(tokens, QDateTime::currentDateTimeUtc(), kSource);
            if (!m_index.commit()) {
                m_index.rollback();
                return failStore();
            }
            m_report.deleted += removed;
            m_found += removed;
            const bool last = page.keys.size() < kPageSize;
            if (need >= 0 && m_found >= need)
                return m_index.keyCount() == m_proxyTotal ? finish() : hashWalk(1);
            if (need < 0 && (removed == 0 || last))
                return finish();
            if (last)
                return hashWalk(1);
            deletedPage(pageNumber + 1, need);
        },
        noArchive);
}

// The last resort when counts disagree: every hash the proxy lists (cheap: no key objects), compared
// with the index. Keys only in the index are deleted; keys only on the proxy are read one by one.
void KeyIndexSync::hashWalk(int pageNumber) {
    if (pageNumber == 1) {
        QSqlQuery q(m_index.database().db());
        if (!q.exec(QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS listed (token TEXT PRIMARY KEY)")) ||
            !q.exec(QStringLiteral("DELETE FROM temp.listed")))
            return failStore();
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(pageNumber));
    query.addQueryItem(QStringLiteral("size"), QString::number(kPageSize));
    request(query, [this, pageNumber](api::KeyPage &page) {
        QSqlQuery insert(m_index.database().db());
        insert.prepare(QStringLiteral("INSERT OR IGNORE INTO temp.listed (token) VALUES (?)"));
        for (const auto &k : std::as_const(page.keys)) {
            insert.addBindValue(k.token.toLower());
            insert.exec();
        }
        if (page.keys.size() >= kPageSize)
            return hashWalk(pageNumber + 1);
        QStringList gone;
        QSqlQuery q(m_index.database().db());
        if (q.exec(
                QStringLiteral("SELECT token FROM keys WHERE token NOT IN (SELECT token FROM temp.listed)")))
            while (q.next())
                gone << q.value(0).toString();
        if (q.exec(
                QStringLiteral("SELECT token FROM temp.listed WHERE token NOT IN (SELECT token FROM keys)")))
            while (q.next())
                m_missing << q.value(0).toString();
        if (!m_index.begin())
            return failStore();
        m_report.deleted += m_index.remove(gone, QDateTime::currentDateTimeUtc(), kSource);
        if (!m_index.commit()) {
            m_index.rollback();
            return failStore();
        }
        fetchMissing();
    });
}

void KeyIndexSync::fetchMissing() {
    if (m_missing.isEmpty())
        return finish();
    api::KeyListQuery q;
    q.keyHash = m_missing.takeFirst();
    q.size = 1;
    request(q.toQuery(), [this](api::KeyPage &page) {
        if (!m_index.begin())
            return failStore();
        if (!store(page.keys, m_journal) || !m_index.commit()) {
            m_index.rollback();
            return failStore();
        }
        fetchMissing();
    });
}

bool KeyIndexSync::store(const QList<KeyRecord> &keys, bool journal) {
    KeyIndex::Applied applied;
    if (!m_index.store(keys, QDateTime::currentDateTimeUtc(), journal, kSource, &applied))
        return false;
    m_report.created += applied.created;
    m_report.changed += applied.changed;
    return true;
}

void KeyIndexSync::finish() {
    if (!m_index.begin())
        return failStore();
    if (m_options.keepDays > 0 && !setKeepDays(m_index, m_options.keepDays)) {
        m_index.rollback();
        return failStore();
    }
    m_index.journal().prune(QDateTime::currentDateTimeUtc(), keepDays(m_index));
    if (!m_index.setMeta(kMark, QString::number(m_mark)) ||
        !m_index.setMetaTime(kLastSync, QDateTime::currentDateTimeUtc()) ||
        !m_index.setMetaTime(kSpendAsOf, m_startedAt) || !m_index.commit()) {
        m_index.rollback();
        return failStore();
    }
    m_running = false;
    m_report.ok = true;
    m_report.elapsedMs = m_clock.elapsed();
    m_report.keys = m_index.keyCount();
    if (!m_journal) // a first sync: every key it holds is new to the index
        m_report.created = int(std::min<qint64>(m_report.keys, INT_MAX));
    m_report.spendAsOf = m_startedAt;
    m_report.message =
        tr("Index up to date: %Ln key(s).", nullptr, int(std::min<qint64>(m_report.keys, INT_MAX)));
    emit progress(m_report.keys, m_report.keys);
    emit finished(m_report);
}

void KeyIndexSync::fail(const ApiError &error) {
    if (!m_running)
        return;
    m_running = false;
    if (!writeCrawled())
        qCWarning(lcIndex) << "keys read before the failure were not written:" << m_index.lastError();
    for (const auto &r : std::as_const(m_inFlight))
        if (r)
            r->cancel();
    m_report.error = error;
    m_report.elapsedMs = m_clock.elapsed();
    m_report.keys = m_index.keyCount();
    m_report.message =
        m_crawling
            ? tr("Sync stopped: %1 The next sync continues where this one stopped.").arg(error.toString())
            : tr("Sync stopped: %1").arg(error.toString());
    emit finished(m_report);
}

void KeyIndexSync::failStore(const QString &why) {
    m_unwritten.clear(); // not written again by the failure itself
    ApiError e;
    e.kind = ApiError::Kind::Decode;
    e.message = tr("The key index %1 cannot be written: %2")
                    .arg(m_index.path(), why.isEmpty() ? m_index.lastError() : why);
    e.hint =
        tr("Check the free disk space and that no other program holds the file locked, then sync again.");
    fail(e);
}

QDateTime KeyIndexSync::lastSync(const KeyIndex &index) {
    return index.metaTime(kLastSync);
}

int KeyIndexSync::keepDays(const KeyIndex &index) {
    const int days = index.meta(kKeepDays).toInt();
    return days >= 1 && days <= kMaxKeepDays ? days : kDefaultKeepDays;
}

bool KeyIndexSync::setKeepDays(KeyIndex &index, int days) {
    return index.setMeta(kKeepDays, QString::number(std::clamp(days, 1, kMaxKeepDays)));
}

QDateTime KeyIndexSync::spendAsOf(const KeyIndex &index) {
    return index.metaTime(kSpendAsOf);
}
