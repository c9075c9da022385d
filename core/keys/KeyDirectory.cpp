#include "KeyDirectory.h"

#include "core/api/ErrorReason.h"
#include "core/api/ProxyClient.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcKeys, "desk.keys")

KeyDirectory::KeyDirectory(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); }) {}

KeyDirectory::~KeyDirectory() = default;

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

void KeyDirectory::requestPage(int page) {
    if (!m_client)
        return;
    const int generation = m_generation;
    m_pageReply =
        api::listKeys(*m_client, m_filter.toQuery(page, kPageSize), this,
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
                          KeyFilter::Screened result = m_filter.screen(r->keys, m_seen, now());
                          m_pagesLoaded = page;
                          // A short page, or one with nothing new, is the end whatever the
                          // proxy claims.
                          m_lastPageShort = r->keys.size() < kPageSize || m_seen.size() == before;
                          if (result.dropped > 0) {
                              m_dropped += result.dropped;
                              emit filterIgnored(KeyFilter::ignoredMessage(result.dropped, result.mismatch));
                          }
                          if (!result.accepted.isEmpty()) {
                              const qsizetype first = m_keys.size();
                              m_keys += result.accepted;
                              emit keysAppended(first, m_keys.size() - 1);
                          }
                      });
    emit loadingChanged(true);
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
            if (m_total && *m_total > 0)
                --*m_total; // the proxy counted the key when it listed it
            emit keyRemoved(i);
            return;
        }
    }
}

namespace {

// `done`, called only while `context` lives: the result of a request whose asker is gone goes nowhere.
template <typename... Args>
std::function<void(Args...)> whileAlive(QObject *context, std::function<void(Args...)> done) {
    Q_ASSERT(context);
    return [guard = QPointer<QObject>(context), done = std::move(done)](Args... args) {
        if (guard && done)
            done(std::forward<Args>(args)...);
    };
}

KeyActionResult failure(KeyActionResult::Action action, const QString &key, const ApiError &error) {
    KeyActionResult result;
    result.action = action;
    result.key = key;
    result.outcome = KeyActionResult::Outcome::Failed;
    result.error = error;
    return result;
}

} // namespace

void KeyDirectory::block(const QStringList &keys, QObject *context, ActionDone done) {
    setBlocked(keys, true, whileAlive(context, std::move(done)));
}

void KeyDirectory::unblock(const QStringList &keys, QObject *context, ActionDone done) {
    setBlocked(keys, false, whileAlive(context, std::move(done)));
}

void KeyDirectory::setBlocked(const QStringList &keys, bool blocked, const ActionDone &done) {
    if (!m_client)
        return;
    const auto action = blocked ? KeyActionResult::Action::Block : KeyActionResult::Action::Unblock;
    for (const QString &key : keys) {
        auto handle = [this, key, action, done](Expected<KeyRecord> r) {
            if (!r)
                return done(failure(action, key, r.error()));
            KeyActionResult result;
            result.action = action;
            result.key = key;
            result.record = *r;
            applyRow(*r);
            done(result);
        };
        if (blocked)
            api::blockKey(*m_client, key, this, std::move(handle));
        else
            api::unblockKey(*m_client, key, this, std::move(handle));
    }
}

void KeyDirectory::remove(const QStringList &keys, QObject *context, ActionDone done) {
    if (!m_client)
        return;
    done = whileAlive(context, std::move(done));
    // One request per key: the proxy fails a whole batch when one key is missing.
    for (const QString &key : keys) {
        api::deleteKeys(*m_client, {key}, this, [this, key, done](Expected<QStringList> r) {
            constexpr auto action = KeyActionResult::Action::Delete;
            if (!r && !isGone(r.error()))
                return done(failure(action, key, r.error()));
            KeyActionResult result;
            result.action = action;
            result.key = key;
            if (!r)
                result.outcome = KeyActionResult::Outcome::AlreadyGone;
            dropRow(key);
            done(result);
        });
    }
}

void KeyDirectory::update(const QString &key, const KeyUpdate &update, QObject *context, ActionDone done) {
    if (!m_client)
        return;
    done = whileAlive(context, std::move(done));
    if (update.metadata.isEmpty())
        return sendUpdate(key, update, {}, done);
    api::keyInfo(*m_client, key, this, [this, key, update, done](Expected<KeyRecord> r) {
        if (!r)
            return done(failure(KeyActionResult::Action::Update, key, r.error()));
        sendUpdate(key, update, r->metadata, done);
    });
}

void KeyDirectory::sendUpdate(const QString &key, const KeyUpdate &update, const QJsonObject &currentMetadata,
                              const ActionDone &done) {
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    api::updateKey(*m_client, key, update.toJson(currentMetadata), this,
                   [this, key, update, sentAt, done](Expected<QJsonObject> r) {
                       if (!r)
                           return done(failure(KeyActionResult::Action::Update, key, r.error()));
                       readBack(key, update, sentAt, *r, done);
                   });
}

// The update reply holds only what changed (or, from newer proxies, the whole row): the key is read back
// so the row shown and the check of what was applied use the proxy's whole, current row. When it cannot
// be read, the reply is laid over the row known here.
void KeyDirectory::readBack(const QString &key, const KeyUpdate &update, const QDateTime &sentAt,
                            const QJsonObject &changes, const ActionDone &done) {
    api::keyInfo(*m_client, key, this, [this, key, update, sentAt, changes, done](Expected<KeyRecord> info) {
        KeyActionResult result;
        result.action = KeyActionResult::Action::Update;
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
        done(result);
    });
}

void KeyDirectory::regenerate(const QString &key, QObject *context, RegenerateDone done) {
    if (!m_client)
        return;
    done = whileAlive(context, std::move(done));
    api::KeyRegenerateRequest request;
    request.key = key;
    api::regenerateKey(*m_client, request, this, [this, key, done](Expected<api::GeneratedKey> r) {
        if (!r) {
            qCWarning(lcKeys) << "regenerating a key failed:" << r.error().toString();
            return done(std::move(r));
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
        done(std::move(r));
    });
}
