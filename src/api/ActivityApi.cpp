#include "ActivityApi.h"

#include "Json.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace api {

namespace {

struct Reader {
    const QByteArray &body;
    std::optional<ApiError> error;

    void fail(const QString &what) {
        if (!error)
            error = ApiError::decode(what, QString::fromUtf8(body.left(300)));
    }

    // An optional object: null or missing is empty, anything else but an object is an error.
    QJsonObject object(const QJsonValue &v, const QString &what) {
        if (v.isObject())
            return v.toObject();
        if (!v.isNull() && !v.isUndefined())
            fail(QStringLiteral("%1 is not an object").arg(what));
        return {};
    }

    ActivityKeyUsage keyUsage(const QJsonObject &o) {
        ActivityKeyUsage k;
        k.metrics = usageMetricsFromJson(object(o.value(u"metrics"), QStringLiteral("a key's metrics")));
        const auto meta = object(o.value(u"metadata"), QStringLiteral("a key's metadata"));
        k.keyAlias = json::str(meta.value(u"key_alias"));
        k.teamId = json::str(meta.value(u"team_id"));
        k.userId = json::str(meta.value(u"user_id"));
        k.userEmail = json::str(meta.value(u"user_email"));
        return k;
    }

    ActivityKeyMap keys(const QJsonValue &v, const QString &what) {
        ActivityKeyMap out;
        const auto o = object(v, what);
        out.reserve(o.size());
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), keyUsage(object(it.value(), what + QStringLiteral(" entry"))));
        return out;
    }

    ActivityItemMap items(const QJsonValue &v, const QString &what) {
        ActivityItemMap out;
        const auto o = object(v, what);
        out.reserve(o.size());
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto entry = object(it.value(), what + QStringLiteral(" entry"));
            ActivityItem item;
            item.metrics =
                usageMetricsFromJson(object(entry.value(u"metrics"), what + QStringLiteral(" metrics")));
            item.metadata = object(entry.value(u"metadata"), what + QStringLiteral(" metadata"));
            item.apiKeys = keys(entry.value(u"api_key_breakdown"), QStringLiteral("api_key_breakdown"));
            out.insert(it.key(), std::move(item));
        }
        return out;
    }

    ActivityDay day(const QJsonObject &row) {
        ActivityDay d;
        const QString date = json::str(row.value(u"date"));
        d.date = QDate::fromString(date.left(10), Qt::ISODate);
        if (!d.date.isValid())
            fail(QStringLiteral("a result has no valid date (\"%1\")").arg(date.left(40)));
        d.metrics = usageMetricsFromJson(object(row.value(u"metrics"), QStringLiteral("a day's metrics")));
        const auto b = object(row.value(u"breakdown"), QStringLiteral("breakdown"));
        d.models = items(b.value(u"models"), QStringLiteral("breakdown.models"));
        d.modelGroups = items(b.value(u"model_groups"), QStringLiteral("breakdown.model_groups"));
        d.providers = items(b.value(u"providers"), QStringLiteral("breakdown.providers"));
        d.entities = items(b.value(u"entities"), QStringLiteral("breakdown.entities"));
        d.mcpServers = items(b.value(u"mcp_servers"), QStringLiteral("breakdown.mcp_servers"));
        d.endpoints = items(b.value(u"endpoints"), QStringLiteral("breakdown.endpoints"));
        d.apiKeys = keys(b.value(u"api_keys"), QStringLiteral("breakdown.api_keys"));
        return d;
    }
};

ApiReply *sendActivity(ProxyClient &client, const ActivityQuery &query, bool aggregated, QObject *context,
                       Handler<ActivityPage> done) {
    return call<ActivityPage>(client, Request::get(query.path(aggregated), query.toQuery(aggregated)),
                              &decodeActivityPage, context, std::move(done));
}

} // namespace

Expected<ActivityPage> decodeActivityPage(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto results = o->value(u"results");
    if (!results.isArray())
        return Unexpected(ApiError::decode(QStringLiteral("the daily activity has no \"results\" list"),
                                           QString::fromUtf8(body.left(300))));
    Reader reader{body, {}};
    ActivityPage page;
    const auto rows = results.toArray();
    for (const auto &row : rows) {
        if (!row.isObject())
            return Unexpected(ApiError::decode(QStringLiteral("a daily activity result is not an object")));
        page.activity.add(reader.day(row.toObject()));
        if (reader.error)
            return Unexpected(*reader.error);
    }
    page.activity.recomputeTotals();
    const auto meta = json::obj(o->value(u"metadata"));
    page.page = static_cast<int>(std::max<qint64>(1, json::integer(meta.value(u"page"), 1)));
    page.hasMore = json::boolean(meta.value(u"has_more"));
    page.totalPages = static_cast<int>(std::clamp<qint64>(
        json::integer(meta.value(u"total_pages"), page.page), 1, std::numeric_limits<int>::max()));
    page.fingerprint =
        QCryptographicHash::hash(QJsonDocument(rows).toJson(QJsonDocument::Compact), QCryptographicHash::Md5);
    return page;
}

ApiReply *dailyActivity(ProxyClient &client, const ActivityQuery &query, QObject *context,
                        Handler<ActivityPage> done) {
    return sendActivity(client, query, false, context, std::move(done));
}

ApiReply *dailyActivityAggregated(ProxyClient &client, const ActivityQuery &query, QObject *context,
                                  Handler<ActivityPage> done) {
    return sendActivity(client, query, true, context, std::move(done));
}

} // namespace api
