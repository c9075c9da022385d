#pragma once

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
// Also blocks, unblocks, deletes and updates keys.
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
    std::optional<qint64> totalCount() const { return m_total; } // as the proxy claims it
    qsizetype droppedCount() const { return m_dropped; }         // rows the proxy should not have sent
    int pagesLoaded() const { return m_pagesLoaded; }

    void block(const QStringList &keys);
    void unblock(const QStringList &keys);
    void remove(const QStringList &keys);
    // Metadata entries are merged into the key's current metadata, which is read first.
    void update(const QString &key, const KeyUpdate &update);
    // /key/regenerate (LiteLLM Enterprise): a new raw key replaces the old one, whose row takes the new
    // token. The raw key is only in the regenerated() signal, never kept here.
    void regenerate(const QString &key);

signals:
    void reset(); // the list was cleared for a new first page
    void keysAppended(qsizetype first, qsizetype last);
    void keyChanged(qsizetype row);
    void keyRemoved(qsizetype row);
    void loadingChanged(bool loading);
    void failed(const ApiError &error);
    void filterIgnored(const QString &message); // the proxy sent rows that do not match the filter
    void actionFinished(const KeyActionResult &result);
    void regenerated(const QString &key, const api::GeneratedKey &generated);
    void regenerateFailed(const QString &key, const ApiError &error);

private:
    void requestPage(int page);
    void applyRow(const KeyRecord &record);
    void dropRow(const QString &key);
    void setBlocked(const QStringList &keys, bool blocked);
    void sendUpdate(const QString &key, const KeyUpdate &update, const QJsonObject &currentMetadata);
    void readBack(const QString &key, const KeyUpdate &update, const QDateTime &sentAt,
                  const QJsonObject &changes);

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
