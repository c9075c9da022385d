#include "ModelApi.h"

#include "core/api/Json.h"

namespace api {

Expected<ModelPage> decodeModelPage(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto data = o->value(u"data");
    ModelPage page;
    if (data.isArray()) {
        for (const auto &entry : data.toArray())
            if (entry.isObject())
                page.models << modelInfoFromJson(entry.toObject());
    } else if (data.isObject()) { // /model/info?litellm_model_id=... answers one object
        page.models << modelInfoFromJson(data.toObject());
    } else {
        return Unexpected(ApiError::decode(QStringLiteral("the model list has no \"data\""),
                                           QString::fromUtf8(body.left(300))));
    }
    page.paged = o->contains(u"total_pages") || o->contains(u"total_count");
    page.totalCount = json::integer(o->value(u"total_count"), page.models.size());
    page.currentPage = static_cast<int>(json::integer(o->value(u"current_page"), 1));
    page.totalPages = static_cast<int>(json::integer(o->value(u"total_pages"), 1));
    if (page.totalPages < 1)
        page.totalPages = 1;
    return page;
}

Expected<QStringList> decodeModelIds(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    if (!o->value(u"data").isArray())
        return Unexpected(ApiError::decode(QStringLiteral("the model list has no \"data\""),
                                           QString::fromUtf8(body.left(300))));
    QStringList ids;
    for (const auto &m : o->value(u"data").toArray())
        if (const auto id = json::str(m.toObject().value(u"id")); !id.isEmpty())
            ids << id;
    return ids;
}

ApiReply *modelInfoV2(ProxyClient &client, const ModelQuery &query, QObject *context,
                      Handler<ModelPage> done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("page"), QString::number(query.page));
    q.addQueryItem(QStringLiteral("size"), QString::number(query.size));
    if (!query.search.isEmpty())
        q.addQueryItem(QStringLiteral("search"), query.search);
    if (!query.teamId.isEmpty())
        q.addQueryItem(QStringLiteral("teamId"), query.teamId);
    return call<ModelPage>(client, Request::get(QStringLiteral("/v2/model/info"), q), &decodeModelPage,
                           context, std::move(done));
}

ApiReply *modelInfo(ProxyClient &client, QObject *context, Handler<ModelPage> done) {
    return call<ModelPage>(client, Request::get(QStringLiteral("/model/info")), &decodeModelPage, context,
                           std::move(done));
}

ApiReply *models(ProxyClient &client, QObject *context, Handler<QStringList> done) {
    return call<QStringList>(client, Request::get(QStringLiteral("/models")), &decodeModelIds, context,
                             std::move(done));
}

} // namespace api
