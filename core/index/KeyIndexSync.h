#pragma once

#include "core/api/ApiError.h"
#include "core/api/KeyRecord.h"
#include "core/index/SyncPacer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrlQuery>

#include <functional>

class ApiReply;
class KeyIndex;
class ProxyClient;
namespace api {
struct KeyPage;
}

struct SyncOptions {
    bool full = false;   // read every key again (a first sync always does)
    int concurrency = 1; // requests in flight, 1 to 4
    // How long the changes journal keeps entries: 0 keeps what the index was last told (90 days unless
    // told otherwise); a number of days is remembered in the index for the app and the CLI alike.
    int keepDays = 0;
    // Requests in a row that found nothing listening (or no such host) before the sync gives up. The
    // pacer's patience suits a proxy that restarts; the Keys page asks once again and then shows the
    // index read-only.
    int unreachableRetries = SyncPacer::kMaxRetries;
};

struct SyncReport {
    bool ok = false;
    bool canceled = false;
    bool firstSync = false; // every key was read (a first sync, a resumed one, or --full)
    int created = 0;
    int changed = 0;
    int deleted = 0;
    int requests = 0;
    qint64 elapsedMs = 0;
    qint64 keys = 0;     // in the index after the sync
    QDateTime spendAsOf; // every key's spend is at least this recent
    ApiError error;      // when !ok and !canceled
    QString message;     // one line for a person: what happened, or what went wrong and what to do
};

// Brings a KeyIndex up to date with the proxy, gently:
// - a first sync reads every page of /key/list (full objects, in hash order) at the pacer's pace and
//   writes them a batch at a time with where it is, so a cancel, a crash or a restart resumes there
//   (a crash loses at most one batch); an empty index gets its secondary indexes once every key is in;
// - later syncs read /key/list sorted by updated_at, newest first, down to the last sync's mark (keys
//   with exactly the mark's time are read again, so none written in that same instant is missed). LiteLLM
//   writes spend through Prisma, whose @updatedAt moves updated_at, so keys that spent come back too;
// - deleted keys are found by counting: when the proxy counts fewer keys than the index holds, the
//   archived keys (status=deleted) say which; where a proxy has no archive, the hash-only list does.
// An unchanged proxy costs one request.
class KeyIndexSync : public QObject {
    Q_OBJECT
public:
    KeyIndexSync(ProxyClient &client, KeyIndex &index, QObject *parent = nullptr);
    ~KeyIndexSync() override;

    static constexpr int kPageSize = 100;
    // Keys a first or full sync writes per transaction: fewer, larger writes cost the disk and the CPU
    // much less than one per page; a crash loses at most this many, read again by the next sync.
    static constexpr int kWriteBatch = 1000;

    void start(const SyncOptions &options = {});
    void cancel();
    bool isRunning() const { return m_running; }
    const SyncReport &report() const { return m_report; }

    // When `index` last finished a sync, and how recent every key's spend is (invalid: never synced).
    static QDateTime lastSync(const KeyIndex &index);
    static QDateTime spendAsOf(const KeyIndex &index);
    static constexpr int kDefaultKeepDays = 90;
    static constexpr int kMaxKeepDays = 3650;
    static int keepDays(const KeyIndex &index);
    static bool setKeepDays(KeyIndex &index, int days);

signals:
    // Keys read so far, and how many the proxy has (0 when not known yet).
    void progress(qint64 done, qint64 total);
    void finished(const SyncReport &report);

private:
    using PageHandler = std::function<void(api::KeyPage &page)>;
    // Returns true when it took care of the error (the sync goes on another way).
    using ErrorHandler = std::function<bool(const ApiError &error)>;

    void request(const QUrlQuery &query, PageHandler onPage, ErrorHandler onError = {});
    void send(const QUrlQuery &query, PageHandler onPage, ErrorHandler onError);
    QUrlQuery listQuery(int page, const QString &sortBy, Qt::SortOrder order) const;
    void probe();
    void crawl();
    void crawlPage(int page);
    bool writeCrawled();
    void finishCrawl();
    void removeUnseen();
    void recentPage(int page);
    void reconcile();
    void deletedPage(int page, qint64 need);
    void hashWalk(int page);
    void fetchMissing();
    void finish();
    void fail(const ApiError &error);
    void failStore(const QString &why = {});
    bool store(const QList<KeyRecord> &keys, bool journal);
    void noteTotal(const api::KeyPage &page);

    ProxyClient &m_client;
    KeyIndex &m_index;
    SyncOptions m_options;
    SyncPacer m_pacer;
    SyncReport m_report;
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    QList<QPointer<ApiReply>> m_inFlight;
    bool m_running = false;
    bool m_crawling = false;
    bool m_journal = true;
    int m_active = 0;         // requests asked and not yet answered (waiting to be sent included)
    qint64 m_found = 0;       // deleted keys found so far
    qint64 m_mark = 0;        // updated_at (ms) the recent pass reads down to
    qint64 m_newestSeen = 0;  // newest updated_at read in this sync
    qint64 m_proxyTotal = -1; // the proxy's latest total_count; -1 when it sent none
    qint64 m_read = 0;
    int m_unreachable = 0; // network failures in a row
    // Crawl bookkeeping: pages done beyond the contiguous frontier, the next page to ask, the last page.
    QSet<int> m_pagesDone;
    QList<KeyRecord> m_unwritten; // crawled keys not yet written
    int m_frontier = 1;
    int m_nextPage = 1;
    int m_lastPage = -1;
    QStringList m_missing;
};
