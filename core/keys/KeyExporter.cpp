#include "KeyExporter.h"

#include "core/api/ProxyClient.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/keys/KeyExport.h"

#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

Q_LOGGING_CATEGORY(lcExport, "desk.keys.export")

KeyExporter::Format KeyExporter::formatFor(const QString &path) {
    return path.endsWith(u".json", Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

QByteArray KeyExporter::serialise(const QList<KeyRecord> &keys, Format format, const QDateTime &now,
                                  const BudgetBook *budgets) {
    if (format == Format::Json)
        return JsonWriter::document(keyexport::toJson(keys, now, budgets));
    QString out = CsvWriter::row(keyexport::csvFieldNames());
    for (const KeyRecord &k : keys)
        out += CsvWriter::row(keyexport::csvFields(k, now, budgets));
    return out.toUtf8();
}

KeyExporter::KeyExporter(ProxyClient *client, const KeyFilter &filter, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_filter(filter)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); }) {}

KeyExporter::~KeyExporter() {
    cancel();
}

void KeyExporter::start() {
    if (m_running)
        return;
    if (!m_client) {
        ApiError e;
        e.message = tr("Not connected to a proxy.");
        e.hint = tr("Connect, then export again.");
        return fail(e);
    }
    m_running = true;
    ++m_generation;
    m_lastPage = 1;
    m_sequential = false;
    m_nextPage = 2;
    m_pagesDone = 0;
    m_claimed.reset();
    m_pages.clear();
    m_seen.clear();
    m_waiting.clear();
    request(1);
}

void KeyExporter::startWriting(const QString &path) {
    m_path = path;
    start();
}

void KeyExporter::cancel() {
    if (!m_running)
        return;
    m_running = false;
    ++m_generation; // results still on their way, or a write under way, are ignored
    for (const auto &reply : std::as_const(m_replies))
        if (reply)
            reply->cancel();
    m_replies.clear();
    m_waiting.clear();
    m_pages.clear();
}

void KeyExporter::request(int page) {
    if (!m_client) {
        ApiError e;
        e.kind = ApiError::Kind::Canceled;
        e.message = tr("The connection closed during the export; nothing was exported.");
        e.hint = tr("Connect, then export again.");
        return fail(e);
    }
    const int generation = m_generation;
    m_waiting.insert(page);
    m_replies.removeIf([](const QPointer<ApiReply> &r) { return r.isNull(); });
    m_replies << api::listKeys(*m_client, m_filter.toQuery(page, kPageSize), this,
                               [this, page, generation](Expected<api::KeyPage> r) {
                                   if (generation == m_generation)
                                       pageArrived(page, std::move(r));
                               });
}

void KeyExporter::pageArrived(int page, Expected<api::KeyPage> result) {
    // A page counts as done only here, once decoded: a reply whose body is still being decoded on a
    // worker thread is finished on the wire but its rows are not in yet.
    m_waiting.remove(page);
    if (!result)
        return fail(result.error());
    if (page == 1) {
        m_claimed = result->totalCount;
        m_sequential = !m_claimed.has_value();
        m_lastPage = m_sequential ? 1 : result->totalPages;
    }
    const qsizetype before = m_seen.size();
    for (const KeyRecord &k : std::as_const(result->keys))
        if (!k.token.isEmpty())
            m_seen.insert(k.token);
    // Without a total, a full page that brought something new may have a successor.
    if (m_sequential && result->keys.size() >= kPageSize && m_seen.size() > before && page == m_lastPage)
        m_lastPage = page + 1;
    m_pages.insert(page, std::move(result->keys));
    ++m_pagesDone;
    const int generation = m_generation;
    emit progress(m_pagesDone, std::max(m_lastPage, m_pagesDone), m_seen.size());
    if (generation == m_generation) // a receiver may have canceled
        pump();
}

void KeyExporter::pump() {
    while (m_waiting.size() < kWindow && m_nextPage <= m_lastPage)
        request(m_nextPage++);
    if (m_waiting.isEmpty())
        complete();
}

void KeyExporter::complete() {
    if (m_claimed && m_seen.size() < *m_claimed) {
        ApiError e;
        e.kind = ApiError::Kind::Decode;
        e.message = tr("The proxy listed %1 keys but its pages held only %2; nothing was exported.")
                        .arg(*m_claimed)
                        .arg(m_seen.size());
        e.hint = tr("Keys were probably deleted while the export ran. Export again.");
        return fail(e);
    }
    const QDateTime now = m_clock();
    QSet<QString> seen;
    seen.reserve(m_seen.size());
    QList<KeyRecord> all;
    all.reserve(m_seen.size());
    qsizetype dropped = 0;
    QString mismatch;
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        KeyFilter::Screened s = m_filter.screen(it.value(), seen, now);
        it.value().clear(); // each page is read once more, then dropped
        for (KeyRecord &k : s.accepted)
            if (!m_accept || m_accept(k, now))
                all << std::move(k);
        dropped += s.dropped;
        if (mismatch.isEmpty())
            mismatch = s.mismatch;
    }
    m_pages.clear();
    m_replies.clear();
    if (dropped > 0)
        emit filterIgnored(KeyFilter::ignoredMessage(dropped, mismatch));
    if (m_path.isEmpty()) {
        m_running = false;
        emit finished(all);
        return;
    }
    write(all);
}

void KeyExporter::write(const QList<KeyRecord> &keys) {
    struct Outcome {
        QString problem;
        qsizetype keys = 0;
    };
    const int generation = m_generation;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const Outcome outcome = watcher->result();
        m_running = false;
        if (!outcome.problem.isEmpty()) {
            qCWarning(lcExport) << "could not write" << m_path << outcome.problem;
            emit writeFailed(m_path, outcome.problem);
            return;
        }
        emit written(m_path, outcome.keys);
    });
    watcher->setFuture(QtConcurrent::run([keys, path = m_path, now = m_clock()] {
        const QByteArray bytes = serialise(keys, formatFor(path), now);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return Outcome{file.errorString(), 0};
        return Outcome{{}, keys.size()};
    }));
}

void KeyExporter::fail(const ApiError &error) {
    qCWarning(lcExport) << "key export failed:" << error.toString();
    cancel();
    emit failed(error);
}
