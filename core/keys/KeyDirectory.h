#pragma once

#include "core/api/KeyApi.h"
#include "core/keys/KeyActionResult.h"
#include "core/keys/KeyFilter.h"
#include "core/keys/KeyUpdate.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class ApiReply;
class ProxyClient;

// The proxy's virtual keys, a page of 100 at a time: the first page on reload(), more on fetchMore(),
// sorted and filtered by the proxy. Rows are deduplicated by token, and rows that do not match the
// filter (a proxy that ignored it) are dropped with a warning. Reading every page is KeyExporter's work.
// Also blocks, unblocks, deletes, updates and regenerates keys. Each of those requests hands its own
// results to the `done` it was given, called from the event loop while `context` lives (never when
// `context` is gone, nor after the directory itself is gone); the rows listed follow either way. Other
// requests' results never reach it.
class KeyDirectory : public QObject {
    Q_OBJECT
public:
    static constexpr int kPageSize = 100;

    explicit KeyDirectory(ProxyClient *client, QObject *parent = nullptr);
    ~KeyDirectory() override;

    void setFilter(const KeyFilter &filter); // takes effect on the next reload()
    const KeyFilter &filter() const { return m_filter; }
    // The clock the filters and risks use (tests fix it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }

    void reload();
    bool canFetchMore() const;
    void fetchMore();
    bool isLoading() const { return !m_pageReply.isNull(); }

    const QList<KeyRecord> &keys() const { return m_keys; }
    qsizetype loadedCount() const { return m_keys.size(); }
    // As the proxy claimed it, less the listed keys deleted since.
    std::optional<qint64> totalCount() const { return m_total; }
    qsizetype droppedCount() const { return m_dropped; } // rows the proxy should not have sent
    int pagesLoaded() const { return m_pagesLoaded; }

    using ActionDone = std::function<void(const KeyActionResult &)>;
    using RegenerateDone = std::function<void(Expected<api::GeneratedKey>)>;

    // One request per key; `done` is called once per key, in the order the proxy answers.
    void block(const QStringList &keys, QObject *context, ActionDone done);
    void unblock(const QStringList &keys, QObject *context, ActionDone done);
    void remove(const QStringList &keys, QObject *context, ActionDone done);
    // Metadata entries are merged into the key's current metadata, which is read first. `done` is
    // called once.
    void update(const QString &key, const KeyUpdate &update, QObject *context, ActionDone done);
    // /key/regenerate (LiteLLM Enterprise): a new raw key replaces the old one, whose row takes the new
    // token. The raw key is only handed to `done`, never kept here.
    void regenerate(const QString &key, QObject *context, RegenerateDone done);

signals:
    void reset(); // the list was cleared for a new first page
    void keysAppended(qsizetype first, qsizetype last);
    void keyChanged(qsizetype row);
    void keyRemoved(qsizetype row);
    void loadingChanged(bool loading);
    void failed(const ApiError &error);
    void filterIgnored(const QString &message); // the proxy sent rows that do not match the filter

private:
    void requestPage(int page);
    void applyRow(const KeyRecord &record);
    void dropRow(const QString &key);
    void setBlocked(const QStringList &keys, bool blocked, const ActionDone &done);
    void sendUpdate(const QString &key, const KeyUpdate &update, const QJsonObject &currentMetadata,
                    const ActionDone &done);
    void readBack(const QString &key, const KeyUpdate &update, const QDateTime &sentAt,
                  const QJsonObject &changes, const ActionDone &done);

    QPointer<ProxyClient> m_client;
    std::function<QDateTime()> m_clock;
    KeyFilter m_filter;
    QList<KeyRecord> m_keys;
    QSet<QString> m_seen;
    QPointer<ApiReply> m_pageReply;
    int m_generation = 0;
    int m_pagesLoaded = 0;
    int m_lastPage = 1;
    bool m_lastPageShort = false;
    std::optional<qint64> m_total;
    qsizetype m_dropped = 0;
};
