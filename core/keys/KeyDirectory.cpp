#include "KeyDirectory.h"

#include "core/api/ErrorReason.h"
#include "core/api/ProxyClient.h"

#include <QLoggingCategory>
#include <QMap>

#include <algorithm>

Q_LOGGING_CATEGORY(lcKeys, "desk.keys")

struct KeyDirectory::Export {
    KeyFilter filter;
    int lastPage = 1;        // the highest page to ask for (grows page by page when the total is unknown)
    bool sequential = false; // the proxy sent no total: one page at a time until a short page
    int nextPage = 2;
    int pagesDone = 0;
    QMap<int, QList<KeyRecord>> pages;
    QSet<QString> seen; // tokens seen in any page so far, to stop a proxy that pages forever
    QList<QPointer<ApiReply>> active;
    bool warned = false;
};

namespace {

QString droppedMessage(qsizetype dropped, const QString &field) {
    return QStringLiteral("the proxy ignored the %1 filter: %2 rows that do not match were left out")
        .arg(field)
        .arg(dropped);
}

} // namespace

KeyDirectory::KeyDirectory(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); }) {}

KeyDirectory::~KeyDirectory() {
    cancelExport();
}

void KeyDirectory::setFilter(const KeyFilter &filter) {
    m_filter = filter;
}

void KeyDirectory::reload() {
    ++m_generation;
    if (m_pageReply)
        m_pageReply->cancel();
    m_keys.clear();
    m_seen.clear();
    m_pagesLoaded = 0;
    m_lastPage = 1;
    m_lastPageShort = false;
    m_total.reset();
    m_dropped = 0;
    emit reset();
    requestPage(1);
}

bool KeyDirectory::canFetchMore() const {
    if (isLoading() || m_pagesLoaded == 0 || m_lastPageShort)
        return false;
    // Without a total, a full last page means there may be more.
    return m_total ? m_pagesLoaded < m_lastPage : true;
}

void KeyDirectory::fetchMore() {
    if (canFetchMore())
        requestPage(m_pagesLoaded + 1);
}

KeyDirectory::PageResult KeyDirectory::screen(const api::KeyPage &page, QSet<QString> &seen) const {
    PageResult out;
    const QDateTime t = now();
    for (const KeyRecord &k : page.keys) {
        if (k.token.isEmpty() || seen.contains(k.token))
            continue; // the list shifted between pages: a row seen already
        if (const QString field = m_filter.firstMismatch(k, t); !field.isEmpty()) {
            ++out.dropped;
            if (out.mismatch.isEmpty())
                out.mismatch = field;
            continue;
        }
        seen.insert(k.token);
        if (m_filter.clientMatches(k, t))
            out.accepted << k;
    }
    return out;
}

void KeyDirectory::requestPage(int page) {
    if (!m_client)
        return;
    const int generation = m_generation;
    m_pageReply = api::listKeys(*m_client, m_filter.toQuery(page, kPageSize), this,
                                [this, page, generation](Expected<api::KeyPage> r) {
                                    if (generation != m_generation)
                                        return;
                                    m_pageReply.clear();
                                    emit loadingChanged(false);
                                    if (!r) {
                                        qCWarning(lcKeys)
                                            << "key list page" << page << "failed:" << r.error().toString();
                                        emit failed(r.error());
                                        return;
                                    }
                                    if (page == 1) {
                                        m_total = r->totalCount;
                                        m_lastPage = r->totalPages;
                                    }
                                    const qsizetype before = m_seen.size();
                                    PageResult result = screen(*r, m_seen);
                                    m_pagesLoaded = page;
                                    // A short page, or one with nothing new, is the end whatever the
                                    // proxy claims.
                                    m_lastPageShort = r->keys.size() < kPageSize || m_seen.size() == before;
                                    if (result.dropped > 0) {
                                        m_dropped += result.dropped;
                                        emit filterIgnored(droppedMessage(result.dropped, result.mismatch));
                                    }
                                    if (!result.accepted.isEmpty()) {
                                        const qsizetype first = m_keys.size();
                                        m_keys += result.accepted;
                                        emit keysAppended(first, m_keys.size() - 1);
                                    }
                                });
    emit loadingChanged(true);
}

void KeyDirectory::exportAll() {
    if (!m_client || m_export)
        return;
    m_export = new Export;
    m_export->filter = m_filter;
    exportRequest(1);
}

void KeyDirectory::cancelExport() {
    if (!m_export)
        return;
    Export *e = m_export;
    m_export = nullptr;
    for (const auto &reply : e->active)
        if (reply)
            reply->cancel();
    delete e;
}

void KeyDirectory::exportRequest(int page) {
    Export *e = m_export;
    ApiReply *reply = api::listKeys(*m_client, e->filter.toQuery(page, kPageSize), this,
                                    [this, e, page](Expected<api::KeyPage> r) {
                                        if (m_export != e)
                                            return; // canceled
                                        exportPage(page, std::move(r));
                                    });
    e->active << reply;
}

void KeyDirectory::exportPage(int page, Expected<api::KeyPage> result) {
    Export *e = m_export;
    e->active.removeIf([](const QPointer<ApiReply> &r) { return r.isNull() || r->isFinished(); });
    if (!result)
        return exportFail(result.error());
    if (page == 1) {
        e->sequential = !result->totalCount.has_value();
        e->lastPage = e->sequential ? 1 : result->totalPages;
    }
    const qsizetype before = e->seen.size();
    for (const KeyRecord &k : result->keys)
        e->seen.insert(k.token);
    if (e->sequential && result->keys.size() >= kPageSize && e->seen.size() > before && page == e->lastPage)
        e->lastPage = page + 1;
    e->pages.insert(page, result->keys);
    ++e->pagesDone;
    emit exportProgress(e->pagesDone, std::max(e->lastPage, e->pagesDone), e->seen.size());
    if (m_export != e)
        return; // a receiver canceled the export
    exportPump();
}

void KeyDirectory::exportPump() {
    Export *e = m_export;
    while (e->active.size() < kExportWindow && e->nextPage <= e->lastPage)
        exportRequest(e->nextPage++);
    if (e->active.isEmpty())
        exportDone();
}

void KeyDirectory::exportDone() {
    Export *e = m_export;
    QSet<QString> seen;
    QList<KeyRecord> all;
    qsizetype rows = 0;
    for (const auto &keys : std::as_const(e->pages))
        rows += keys.size();
    all.reserve(rows);
    seen.reserve(rows);
    qsizetype dropped = 0;
    QString mismatch;
    for (auto it = e->pages.begin(); it != e->pages.end(); ++it) {
        api::KeyPage page;
        page.keys = std::move(it.value()); // each page is read once more, then dropped
        PageResult r = screen(page, seen);
        all.append(std::move(r.accepted));
        dropped += r.dropped;
        if (mismatch.isEmpty())
            mismatch = r.mismatch;
    }
    m_export = nullptr;
    delete e;
    if (dropped > 0)
        emit filterIgnored(droppedMessage(dropped, mismatch));
    emit exportFinished(all);
}

void KeyDirectory::exportFail(const ApiError &error) {
    qCWarning(lcKeys) << "key export failed:" << error.toString();
    cancelExport();
    emit exportFailed(error);
}

void KeyDirectory::applyRow(const KeyRecord &record) {
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        if (m_keys.at(i).token == record.token) {
            m_keys[i] = record;
            emit keyChanged(i);
            return;
        }
    }
}

void KeyDirectory::dropRow(const QString &key) {
    const QString token = isKeyHash(key) ? key.toLower() : hashKey(key);
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        if (m_keys.at(i).token.compare(token, Qt::CaseInsensitive) == 0) {
            m_keys.removeAt(i);
            m_seen.remove(token);
            emit keyRemoved(i);
            return;
        }
    }
}

void KeyDirectory::block(const QStringList &keys) {
    setBlocked(keys, true);
}

void KeyDirectory::unblock(const QStringList &keys) {
    setBlocked(keys, false);
}

void KeyDirectory::setBlocked(const QStringList &keys, bool blocked) {
    if (!m_client)
        return;
    for (const QString &key : keys) {
        auto done = [this, key, blocked](Expected<KeyRecord> r) {
            KeyActionResult result;
            result.action = blocked ? KeyActionResult::Action::Block : KeyActionResult::Action::Unblock;
            result.key = key;
            if (!r) {
                result.outcome = KeyActionResult::Outcome::Failed;
                result.error = r.error();
            } else {
                result.record = *r;
                applyRow(*r);
            }
            emit actionFinished(result);
        };
        if (blocked)
            api::blockKey(*m_client, key, this, std::move(done));
        else
            api::unblockKey(*m_client, key, this, std::move(done));
    }
}

void KeyDirectory::remove(const QStringList &keys) {
    if (!m_client)
        return;
    // One request per key: the proxy fails a whole batch when one key is missing.
    for (const QString &key : keys) {
        api::deleteKeys(*m_client, {key}, this, [this, key](Expected<QStringList> r) {
            KeyActionResult result;
            result.action = KeyActionResult::Action::Delete;
            result.key = key;
            if (r) {
                dropRow(key);
            } else if (isGone(r.error())) {
                result.outcome = KeyActionResult::Outcome::AlreadyGone;
                dropRow(key);
            } else {
                result.outcome = KeyActionResult::Outcome::Failed;
                result.error = r.error();
            }
            emit actionFinished(result);
        });
    }
}

void KeyDirectory::update(const QString &key, const KeyUpdate &update) {
    if (!m_client)
        return;
    if (update.metadata.isEmpty())
        return sendUpdate(key, update, {});
    api::keyInfo(*m_client, key, this, [this, key, update](Expected<KeyRecord> r) {
        if (!r) {
            KeyActionResult result;
            result.key = key;
            result.outcome = KeyActionResult::Outcome::Failed;
            result.error = r.error();
            emit actionFinished(result);
            return;
        }
        sendUpdate(key, update, r->metadata);
    });
}

void KeyDirectory::sendUpdate(const QString &key, const KeyUpdate &update,
                              const QJsonObject &currentMetadata) {
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    api::updateKey(*m_client, key, update.toJson(currentMetadata), this,
                   [this, key, update, sentAt](Expected<QJsonObject> r) {
                       if (!r) {
                           KeyActionResult result;
                           result.key = key;
                           result.outcome = KeyActionResult::Outcome::Failed;
                           result.error = r.error();
                           emit actionFinished(result);
                           return;
                       }
                       readBack(key, update, sentAt, *r);
                   });
}

// The update reply holds only what changed (or, from newer proxies, the whole row): the key is read back
// so the row shown and the check of what was applied use the proxy's whole, current row. When it cannot
// be read, the reply is laid over the row known here.
void KeyDirectory::readBack(const QString &key, const KeyUpdate &update, const QDateTime &sentAt,
                            const QJsonObject &changes) {
    api::keyInfo(*m_client, key, this, [this, key, update, sentAt, changes](Expected<KeyRecord> info) {
        KeyActionResult result;
        result.key = key;
        if (info) {
            result.record = *info;
        } else {
            qCWarning(lcKeys) << "reading an updated key back failed:" << info.error().toString();
            const QString token = isKeyHash(key) ? key.toLower() : hashKey(key);
            const auto known = std::find_if(m_keys.cbegin(), m_keys.cend(),
                                            [&token](const KeyRecord &k) { return k.token == token; });
            KeyRecord row = known != m_keys.cend() ? *known : KeyRecord{};
            row.token = token;
            result.record = api::mergeKeyUpdate(row, changes);
        }
        result.droppedFields = update.droppedFields(result.record, sentAt);
        if (!result.droppedFields.isEmpty())
            qCWarning(lcKeys) << "the proxy did not apply" << result.droppedFields;
        applyRow(result.record);
        emit actionFinished(result);
    });
}

void KeyDirectory::regenerate(const QString &key) {
    if (!m_client)
        return;
    api::KeyRegenerateRequest request;
    request.key = key;
    api::regenerateKey(*m_client, request, this, [this, key](Expected<api::GeneratedKey> r) {
        if (!r) {
            qCWarning(lcKeys) << "regenerating a key failed:" << r.error().toString();
            emit regenerateFailed(key, r.error());
            return;
        }
        const QString old = isKeyHash(key) ? key.toLower() : hashKey(key);
        for (qsizetype i = 0; i < m_keys.size(); ++i) {
            if (m_keys.at(i).token.compare(old, Qt::CaseInsensitive) != 0)
                continue;
            KeyRecord row = m_keys.at(i);
            row.token = r->token;
            if (!r->keyName.isEmpty())
                row.keyName = r->keyName;
            if (r->expires.isValid())
                row.expires = r->expires;
            m_seen.remove(old);
            m_seen.insert(row.token);
            m_keys[i] = row;
            emit keyChanged(i);
            break;
        }
        emit regenerated(key, *r);
    });
}
