#pragma once

#include "core/api/ApiError.h"
#include "core/budget/BudgetBook.h"
#include "core/keys/KeyFilter.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class ApiReply;
class ProxyClient;

// One export of every key a filter matches, for the Keys page's Export and `keys list --all`: reads every
// page of /key/list (at most kWindow requests at a time), keeps each key once, and either hands the keys
// back (finished) or writes them to a file as CSV or JSON (written), serialised and saved atomically off
// the GUI thread. An export holds every key the proxy listed or fails: it ends only once every page asked
// for has been decoded, and fails when the proxy claimed more keys than its pages held. One object per
// export; it may be deleted at any time, which cancels it.
class KeyExporter : public QObject {
    Q_OBJECT
public:
    static constexpr int kPageSize = 100;
    static constexpr int kWindow = 4;

    enum class Format { Csv, Json };
    // JSON for a path ending in .json (any case), else CSV.
    static Format formatFor(const QString &path);
    // The keys as the exports and the CLI write them (keyexport's fields; CSV with its header row).
    static QByteArray serialise(const QList<KeyRecord> &keys, Format format, const QDateTime &now,
                                const BudgetBook *budgets = nullptr);

    KeyExporter(ProxyClient *client, const KeyFilter &filter, QObject *parent = nullptr);
    ~KeyExporter() override;

    // The clock the filter and the computed fields use (tests fix it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    // A further test each key must pass to be exported (the Keys page's quick filters and risk toggles).
    void setAccept(std::function<bool(const KeyRecord &, const QDateTime &)> accept) {
        m_accept = std::move(accept);
    }

    // Reads every page, then emits finished() with the keys.
    void start();
    // Reads every page, then writes them to `path` and emits written().
    void startWriting(const QString &path);
    // Stops the requests; nothing is emitted or written afterwards.
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(qint64 pagesDone, qint64 pagesTotal, qint64 keys);
    // The proxy sent rows that do not match the filter; they are left out.
    void filterIgnored(const QString &message);
    void finished(const QList<KeyRecord> &keys);
    void written(const QString &path, qsizetype keys);
    // A request failed, or the proxy's pages did not add up.
    void failed(const ApiError &error);
    // Every key arrived but the file could not be written (a local problem, not the proxy's).
    void writeFailed(const QString &path, const QString &problem);

private:
    void request(int page);
    void pageArrived(int page, Expected<api::KeyPage> result);
    void pump();
    void complete();
    void write(const QList<KeyRecord> &keys);
    void fail(const ApiError &error);

    QPointer<ProxyClient> m_client;
    KeyFilter m_filter;
    std::function<QDateTime()> m_clock;
    std::function<bool(const KeyRecord &, const QDateTime &)> m_accept;
    QString m_path; // empty: hand the keys back
    bool m_running = false;
    int m_generation = 0;
    int m_lastPage = 1;        // the highest page to ask for (grows page by page when the total is unknown)
    bool m_sequential = false; // the proxy sent no total: one page at a time until a short page
    int m_nextPage = 2;
    int m_pagesDone = 0;
    std::optional<qint64> m_claimed; // the total the proxy claimed on page 1
    QMap<int, QList<KeyRecord>> m_pages;
    QSet<QString> m_seen; // tokens seen in any page so far, to stop a proxy that pages forever
    QSet<int> m_waiting;  // pages asked for whose rows have not been decoded yet
    QList<QPointer<ApiReply>> m_replies;
};
