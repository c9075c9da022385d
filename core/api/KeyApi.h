#pragma once

#include "core/api/Call.h"
#include "core/api/KeyRecord.h"

#include <optional>

namespace api {

// GET /key/list. Always asks for full objects; `size` is capped at the proxy's 100.
struct KeyListQuery {
    enum class Expiry { Any, Expired, Active };

    int page = 1;
    int size = 50;
    QString userId;
    QString teamId;
    QString organizationId;
    QString keyAlias;
    bool aliasSubstring = false; // key_alias matches as "contains" (newer proxies, admins)
    QString keyHash;
    bool deleted = false; // status=deleted: archived keys
    Expiry expires = Expiry::Any;
    QString sortBy; // spend, max_budget, created_at, updated_at, token, key_alias
    Qt::SortOrder sortOrder = Qt::DescendingOrder;

    static constexpr int kMaxSize = 100;
    QUrlQuery toQuery() const;
};

struct KeyPage {
    QList<KeyRecord> keys;
    std::optional<qint64> totalCount; // the proxy may send null
    int currentPage = 1;
    int totalPages = 1;
    bool hashOnly = false; // the proxy sent hash strings, not key objects
};

// POST /key/generate. Unset fields are not sent; an empty alias is never sent as "".
struct KeyGenerateRequest {
    QString keyAlias;
    QString duration; // "30d"; empty = never expires
    QStringList models;
    std::optional<double> maxBudget;
    QString budgetDuration;
    std::optional<double> softBudget;
    QString userId;
    QString teamId;
    QString organizationId;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<qint64> maxParallelRequests;
    QJsonObject metadata;
    std::optional<bool> blocked;
    QString keyType;
    QJsonObject extra; // any other GenerateKeyRequest field, sent as given (wins over the fields above)

    QJsonObject toJson() const;
};

// What /key/generate and /key/regenerate answer. `key` is the raw key: shown once, never stored or logged.
struct GeneratedKey {
    QString key;
    QString token; // the hash (token_id / token)
    QString keyName;
    QDateTime expires; // invalid = never
    KeyRecord record;  // the echoed fields (alias, models, budget, ...), read as a key row
    QJsonObject raw;   // the whole reply, raw key included
};

// POST /key/regenerate (LiteLLM Enterprise). `fields` may hold any updatable field.
struct KeyRegenerateRequest {
    QString key; // raw or hash of the key to replace
    QJsonObject fields;
    QString gracePeriod; // "24h": the old key keeps working that long
    QString newKey;      // custom "sk-..." raw key, optional

    QJsonObject toJson() const;
};

// Removes what must never be sent in a key body: an empty key_alias becomes null.
QJsonObject cleanKeyBody(QJsonObject body);

Expected<KeyPage> decodeKeyPage(const QByteArray &body);
Expected<KeyRecord> decodeKeyInfo(const QByteArray &body); // {"key":..., "info":{...}}
Expected<KeyRecord> decodeKeyRow(const QByteArray &body);  // /key/block, /key/unblock
// /key/update's reply: the key as sent plus only the fields it changed (older proxies, dict fields such as
// metadata as JSON text) or the whole row (newer ones). Never a row to show as is: the changed fields,
// decoded, to lay over the row they belong to (mergeKeyUpdate) or to check against a read-back.
Expected<QJsonObject> decodeKeyUpdate(const QByteArray &body);
// `row` with the fields of an update reply laid over it; the fields the reply lacks keep their values.
KeyRecord mergeKeyUpdate(const KeyRecord &row, const QJsonObject &changes);
Expected<GeneratedKey> decodeGeneratedKey(const QByteArray &body);
Expected<QStringList> decodeDeletedKeys(const QByteArray &body);

ApiReply *listKeys(ProxyClient &client, const KeyListQuery &query, QObject *context, Handler<KeyPage> done);
// `key` is a raw key or a hash; empty asks about the calling key.
ApiReply *keyInfo(ProxyClient &client, const QString &key, QObject *context, Handler<KeyRecord> done);
ApiReply *generateKey(ProxyClient &client, const KeyGenerateRequest &request, QObject *context,
                      Handler<GeneratedKey> done);
ApiReply *generateKey(ProxyClient &client, QJsonObject body, QObject *context, Handler<GeneratedKey> done);
// Sends `key` plus `fields`; only the fields sent are changed. Answers the changed fields (decodeKeyUpdate).
ApiReply *updateKey(ProxyClient &client, const QString &key, QJsonObject fields, QObject *context,
                    Handler<QJsonObject> done);
// Returns the deleted keys as the proxy echoed them.
ApiReply *deleteKeys(ProxyClient &client, const QStringList &keys, QObject *context,
                     Handler<QStringList> done);
ApiReply *deleteKeysByAlias(ProxyClient &client, const QStringList &aliases, QObject *context,
                            Handler<QStringList> done);
ApiReply *blockKey(ProxyClient &client, const QString &key, QObject *context, Handler<KeyRecord> done);
ApiReply *unblockKey(ProxyClient &client, const QString &key, QObject *context, Handler<KeyRecord> done);
ApiReply *regenerateKey(ProxyClient &client, const KeyRegenerateRequest &request, QObject *context,
                        Handler<GeneratedKey> done);

} // namespace api
