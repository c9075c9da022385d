#include "KeyApi.h"

#include "core/api/Json.h"

#include <QJsonDocument>

namespace api {

namespace {

ApiError shapeError(const QString &what, const QByteArray &body) {
    return ApiError::decode(what, QString::fromUtf8(body.left(300)));
}

// The raw key must not end up in an error's detail: errors about generate replies carry no body.
template <typename T> Expected<T> withoutDetail(Expected<T> result) {
    if (!result)
        result.error().detail.clear();
    return result;
}

void setIfNotEmpty(QJsonObject &o, const QString &name, const QString &value) {
    if (!value.isEmpty())
        o.insert(name, value);
}

} // namespace

QUrlQuery KeyListQuery::toQuery() const {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, page)));
    q.addQueryItem(QStringLiteral("size"), QString::number(std::clamp(size, 1, kMaxSize)));
    q.addQueryItem(QStringLiteral("return_full_object"), QStringLiteral("true"));
    const auto add = [&q](const QString &name, const QString &value) {
        if (!value.isEmpty())
            q.addQueryItem(name, value);
    };
    add(QStringLiteral("user_id"), userId);
    add(QStringLiteral("team_id"), teamId);
    add(QStringLiteral("organization_id"), organizationId);
    add(QStringLiteral("key_alias"), keyAlias);
    if (!keyAlias.isEmpty() && aliasSubstring)
        q.addQueryItem(QStringLiteral("substring_matching"), QStringLiteral("true"));
    add(QStringLiteral("key_hash"), keyHash);
    if (deleted)
        q.addQueryItem(QStringLiteral("status"), QStringLiteral("deleted"));
    if (expires != Expiry::Any)
        q.addQueryItem(QStringLiteral("expires"),
                       expires == Expiry::Expired ? QStringLiteral("expired") : QStringLiteral("active"));
    if (!sortBy.isEmpty()) {
        q.addQueryItem(QStringLiteral("sort_by"), sortBy);
        q.addQueryItem(QStringLiteral("sort_order"),
                       sortOrder == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc"));
    }
    return q;
}

QJsonObject cleanKeyBody(QJsonObject body) {
    const auto alias = body.value(u"key_alias");
    if (alias.isString() && alias.toString().trimmed().isEmpty())
        body.insert(QStringLiteral("key_alias"), QJsonValue::Null);
    return body;
}

QJsonObject KeyGenerateRequest::toJson() const {
    QJsonObject o;
    setIfNotEmpty(o, QStringLiteral("key_alias"), keyAlias.trimmed());
    setIfNotEmpty(o, QStringLiteral("duration"), duration);
    if (!models.isEmpty())
        o.insert(QStringLiteral("models"), QJsonArray::fromStringList(models));
    if (maxBudget)
        o.insert(QStringLiteral("max_budget"), *maxBudget);
    setIfNotEmpty(o, QStringLiteral("budget_duration"), budgetDuration);
    if (softBudget)
        o.insert(QStringLiteral("soft_budget"), *softBudget);
    setIfNotEmpty(o, QStringLiteral("user_id"), userId);
    setIfNotEmpty(o, QStringLiteral("team_id"), teamId);
    setIfNotEmpty(o, QStringLiteral("organization_id"), organizationId);
    if (tpmLimit)
        o.insert(QStringLiteral("tpm_limit"), *tpmLimit);
    if (rpmLimit)
        o.insert(QStringLiteral("rpm_limit"), *rpmLimit);
    if (maxParallelRequests)
        o.insert(QStringLiteral("max_parallel_requests"), *maxParallelRequests);
    if (!metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), metadata);
    if (blocked)
        o.insert(QStringLiteral("blocked"), *blocked);
    setIfNotEmpty(o, QStringLiteral("key_type"), keyType);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return cleanKeyBody(o);
}

QJsonObject KeyRegenerateRequest::toJson() const {
    QJsonObject o = fields;
    o.insert(QStringLiteral("key"), key);
    setIfNotEmpty(o, QStringLiteral("grace_period"), gracePeriod);
    setIfNotEmpty(o, QStringLiteral("new_key"), newKey);
    return cleanKeyBody(o);
}

Expected<KeyPage> decodeKeyPage(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto keys = o->value(u"keys");
    if (!keys.isArray())
        return Unexpected(shapeError(QStringLiteral("the key list has no \"keys\" list"), body));
    KeyPage page;
    const auto rows = keys.toArray();
    page.keys.reserve(rows.size());
    for (const auto &row : rows) {
        if (row.isObject()) {
            page.keys << keyRecordFromJson(row.toObject());
        } else if (row.isString()) { // older proxies, or return_full_object ignored: hashes only
            page.keys << keyRecordFromHash(row.toString());
            page.hashOnly = true;
        } else {
            return Unexpected(
                shapeError(QStringLiteral("a key list entry is neither an object nor a hash"), body));
        }
    }
    page.totalCount = json::optInt(o->value(u"total_count"));
    page.currentPage = static_cast<int>(std::max<qint64>(1, json::integer(o->value(u"current_page"), 1)));
    page.totalPages = static_cast<int>(std::max<qint64>(1, json::integer(o->value(u"total_pages"), 1)));
    return page;
}

Expected<KeyRecord> decodeKeyInfo(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto info = o->value(u"info");
    if (!info.isObject())
        return Unexpected(shapeError(QStringLiteral("the key info has no \"info\" object"), body));
    return keyRecordFromJson(info.toObject(), json::str(o->value(u"key")));
}

namespace {

// The row a key route answered, unwrapped where a version wraps it, and the "key" it echoed.
struct EchoedRow {
    QJsonObject row;
    QString echoed;
};

Expected<EchoedRow> echoedRow(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    QJsonObject row = *o;
    for (const auto wrapper : {u"info", u"data"}) // some versions wrap the row
        if (row.value(wrapper).isObject() && !row.contains(u"token"))
            row = row.value(wrapper).toObject();
    const QString echoed = json::str(o->value(u"key"));
    if (row.isEmpty() || (!row.contains(u"token") && echoed.isEmpty()))
        return Unexpected(shapeError(QStringLiteral("the reply holds no key"), body));
    return EchoedRow{row, echoed};
}

} // namespace

Expected<KeyRecord> decodeKeyRow(const QByteArray &body) {
    const auto r = echoedRow(body);
    if (!r)
        return Unexpected(r.error());
    return keyRecordFromJson(r->row, r->echoed);
}

Expected<QJsonObject> decodeKeyUpdate(const QByteArray &body) {
    const auto r = echoedRow(body);
    if (!r)
        return Unexpected(r.error());
    QJsonObject changes = r->row;
    // LiteLLM writes dict fields as JSON text before storing them (jsonify_object) and echoes that text.
    static const QStringList dictFields{
        QStringLiteral("metadata"),        QStringLiteral("aliases"),          QStringLiteral("config"),
        QStringLiteral("permissions"),     QStringLiteral("model_max_budget"), QStringLiteral("model_spend"),
        QStringLiteral("router_settings"), QStringLiteral("object_permission")};
    for (const QString &name : dictFields) {
        const QJsonValue v = changes.value(name);
        if (!v.isString())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(v.toString().toUtf8());
        if (doc.isObject())
            changes.insert(name, doc.object());
        else
            changes.remove(name); // unreadable: never laid over the known value
    }
    if (isKeyHash(r->echoed))
        changes.insert(QStringLiteral("key"), r->echoed);
    else
        changes.remove(u"key"); // a raw key is not kept
    return changes;
}

KeyRecord mergeKeyUpdate(const KeyRecord &row, const QJsonObject &changes) {
    QJsonObject merged = row.raw;
    for (auto it = changes.begin(); it != changes.end(); ++it)
        if (it.key() != u"key")
            merged.insert(it.key(), it.value());
    if (!row.token.isEmpty())
        merged.insert(QStringLiteral("token"), row.token);
    return keyRecordFromJson(merged, json::str(changes.value(u"key")));
}

Expected<GeneratedKey> decodeGeneratedKey(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return withoutDetail<GeneratedKey>(Unexpected(o.error()));
    GeneratedKey g;
    g.key = json::str(o->value(u"key"));
    if (g.key.isEmpty())
        return Unexpected(ApiError::decode(QStringLiteral("the reply holds no new key")));
    g.raw = *o;
    g.token = json::str(o->value(u"token_id"));
    if (g.token.isEmpty() || !isKeyHash(g.token)) {
        const auto token = json::str(o->value(u"token"));
        g.token = isKeyHash(token) ? token : hashKey(g.key);
    }
    g.keyName = json::str(o->value(u"key_name"));
    g.expires = json::dateTime(o->value(u"expires"));
    QJsonObject row = *o;
    row.insert(QStringLiteral("token"), g.token);
    g.record = keyRecordFromJson(row);
    return g;
}

Expected<QStringList> decodeDeletedKeys(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto deleted = o->value(u"deleted_keys");
    if (!deleted.isArray())
        return Unexpected(shapeError(QStringLiteral("the reply has no \"deleted_keys\" list"), body));
    return json::strList(deleted);
}

ApiReply *listKeys(ProxyClient &client, const KeyListQuery &query, QObject *context, Handler<KeyPage> done) {
    return call<KeyPage>(client, Request::get(QStringLiteral("/key/list"), query.toQuery()), &decodeKeyPage,
                         context, std::move(done));
}

ApiReply *keyInfo(ProxyClient &client, const QString &key, QObject *context, Handler<KeyRecord> done) {
    QUrlQuery q;
    if (!key.isEmpty())
        q.addQueryItem(QStringLiteral("key"), key);
    return call<KeyRecord>(client, Request::get(QStringLiteral("/key/info"), q), &decodeKeyInfo, context,
                           std::move(done));
}

ApiReply *generateKey(ProxyClient &client, const KeyGenerateRequest &request, QObject *context,
                      Handler<GeneratedKey> done) {
    return generateKey(client, request.toJson(), context, std::move(done));
}

ApiReply *generateKey(ProxyClient &client, QJsonObject body, QObject *context, Handler<GeneratedKey> done) {
    return call<GeneratedKey>(client,
                              Request::post(QStringLiteral("/key/generate"), cleanKeyBody(std::move(body))),
                              &decodeGeneratedKey, context, std::move(done));
}

ApiReply *updateKey(ProxyClient &client, const QString &key, QJsonObject fields, QObject *context,
                    Handler<QJsonObject> done) {
    fields.insert(QStringLiteral("key"), key);
    return call<QJsonObject>(client,
                             Request::post(QStringLiteral("/key/update"), cleanKeyBody(std::move(fields))),
                             &decodeKeyUpdate, context, std::move(done));
}

ApiReply *deleteKeys(ProxyClient &client, const QStringList &keys, QObject *context,
                     Handler<QStringList> done) {
    const QJsonObject body{{QStringLiteral("keys"), QJsonArray::fromStringList(keys)}};
    return call<QStringList>(client, Request::post(QStringLiteral("/key/delete"), body), &decodeDeletedKeys,
                             context, std::move(done));
}

ApiReply *deleteKeysByAlias(ProxyClient &client, const QStringList &aliases, QObject *context,
                            Handler<QStringList> done) {
    const QJsonObject body{{QStringLiteral("key_aliases"), QJsonArray::fromStringList(aliases)}};
    return call<QStringList>(client, Request::post(QStringLiteral("/key/delete"), body), &decodeDeletedKeys,
                             context, std::move(done));
}

ApiReply *blockKey(ProxyClient &client, const QString &key, QObject *context, Handler<KeyRecord> done) {
    return call<KeyRecord>(client,
                           Request::post(QStringLiteral("/key/block"), {{QStringLiteral("key"), key}}),
                           &decodeKeyRow, context, std::move(done));
}

ApiReply *unblockKey(ProxyClient &client, const QString &key, QObject *context, Handler<KeyRecord> done) {
    return call<KeyRecord>(client,
                           Request::post(QStringLiteral("/key/unblock"), {{QStringLiteral("key"), key}}),
                           &decodeKeyRow, context, std::move(done));
}

ApiReply *regenerateKey(ProxyClient &client, const KeyRegenerateRequest &request, QObject *context,
                        Handler<GeneratedKey> done) {
    return call<GeneratedKey>(client, Request::post(QStringLiteral("/key/regenerate"), request.toJson()),
                              &decodeGeneratedKey, context, std::move(done));
}

} // namespace api
