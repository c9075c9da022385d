#include "PeopleApi.h"

#include "core/api/Json.h"
#include "core/api/ListDecode.h"

#include <QCoreApplication>

namespace api {

using namespace decoding;

QUrlQuery UserListQuery::toQuery() const {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, page)));
    q.addQueryItem(QStringLiteral("page_size"), QString::number(std::clamp(pageSize, 1, kMaxPageSize)));
    addIfSet(q, QStringLiteral("role"), role);
    addIfSet(q, QStringLiteral("user_email"), userEmail);
    addIfSet(q, QStringLiteral("team"), team);
    if (!sortBy.isEmpty()) {
        q.addQueryItem(QStringLiteral("sort_by"), sortBy);
        q.addQueryItem(QStringLiteral("sort_order"), orderName(sortOrder));
    }
    return q;
}

QJsonObject NewUserRequest::toJson() const {
    QJsonObject o;
    const auto set = [&o](const QString &name, const QString &value) {
        if (!value.isEmpty())
            o.insert(name, value);
    };
    set(QStringLiteral("user_id"), userId);
    set(QStringLiteral("user_email"), userEmail);
    set(QStringLiteral("user_alias"), userAlias);
    set(QStringLiteral("user_role"), userRole);
    if (!teams.isEmpty())
        o.insert(QStringLiteral("teams"), QJsonArray::fromStringList(teams));
    if (maxBudget)
        o.insert(QStringLiteral("max_budget"), *maxBudget);
    set(QStringLiteral("budget_duration"), budgetDuration);
    if (!models.isEmpty())
        o.insert(QStringLiteral("models"), QJsonArray::fromStringList(models));
    if (!metadata.isEmpty())
        o.insert(QStringLiteral("metadata"), metadata);
    o.insert(QStringLiteral("auto_create_key"), autoCreateKey);
    if (autoCreateKey) {
        set(QStringLiteral("key_alias"), keyAlias.trimmed());
        set(QStringLiteral("duration"), duration);
    }
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

Expected<UserInfo> decodeUserInfo(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    const auto row = o->value(u"user_info");
    if (!row.isObject() && !row.isNull() && !row.isUndefined())
        return Unexpected(shapeError(QStringLiteral("\"user_info\" is not an object"), body));
    if (!row.isObject() && !o->contains(u"user_id"))
        return Unexpected(shapeError(QStringLiteral("the reply is not a user"), body));
    // Before v1.80 LiteLLM answered an unknown user_id with 200 and {"user_info": {"spend": 0}}, a row
    // without a user_id and nothing owned: that is "not found", as the newer 404 says.
    if (row.isObject() && !row.toObject().contains(u"user_id") && o->value(u"keys").toArray().isEmpty() &&
        o->value(u"teams").toArray().isEmpty()) {
        ApiError e;
        e.kind = ApiError::Kind::Http;
        e.httpStatus = 404;
        e.type = QStringLiteral("not_found_error");
        e.message = QCoreApplication::translate("PeopleApi", "User %1 not found.")
                        .arg(json::str(o->value(u"user_id")));
        e.detail = QString::fromUtf8(body.left(512));
        return Unexpected(e);
    }
    UserInfo info;
    info.user = userRecordFromJson(row.toObject());
    if (info.user.userId.isEmpty())
        info.user.userId = json::str(o->value(u"user_id"));
    info.keys = keyRows(o->value(u"keys"));
    for (const auto &t : o->value(u"teams").toArray())
        if (t.isObject())
            info.teams << teamRecordFromJson(t.toObject());
    return info;
}

Expected<UserPage> decodeUserPage(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    auto users = objects<UserRecord>(o->value(u"users"), &userRecordFromJson);
    if (!users)
        return Unexpected(shapeError(QStringLiteral("the user list has no \"users\" list of objects"), body));
    UserPage page;
    page.users = std::move(*users);
    page.total = json::optInt(o->value(u"total"));
    page.page = static_cast<int>(std::max<qint64>(1, json::integer(o->value(u"page"), 1)));
    page.pageSize = static_cast<int>(json::integer(o->value(u"page_size"), page.users.size()));
    page.totalPages = static_cast<int>(std::max<qint64>(1, json::integer(o->value(u"total_pages"), 1)));
    return page;
}

Expected<NewUser> decodeNewUser(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o) {
        o.error().detail.clear(); // the body may hold a raw key
        return Unexpected(o.error());
    }
    NewUser n;
    n.raw = *o;
    n.user = userRecordFromJson(*o);
    n.user.raw.remove(u"key");
    n.key = json::str(o->value(u"key"));
    if (n.user.userId.isEmpty())
        return Unexpected(ApiError::decode(QStringLiteral("the reply names no user")));
    return n;
}

Expected<UserRecord> decodeUserUpdate(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    QJsonObject row = o->value(u"data").isObject() ? o->value(u"data").toObject() : *o;
    if (!row.contains(u"user_id") && o->contains(u"user_id"))
        row.insert(QStringLiteral("user_id"), o->value(u"user_id"));
    UserRecord u = userRecordFromJson(row);
    if (u.userId.isEmpty())
        return Unexpected(shapeError(QStringLiteral("the reply names no user"), body));
    return u;
}

ApiReply *userInfo(ProxyClient &client, const QString &userId, QObject *context, Handler<UserInfo> done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("user_id"), userId);
    return call<UserInfo>(client, Request::get(QStringLiteral("/user/info"), q), &decodeUserInfo, context,
                          std::move(done));
}

ApiReply *listUsers(ProxyClient &client, const UserListQuery &query, QObject *context,
                    Handler<UserPage> done) {
    return call<UserPage>(client, Request::get(QStringLiteral("/user/list"), query.toQuery()),
                          &decodeUserPage, context, std::move(done));
}

ApiReply *newUser(ProxyClient &client, const NewUserRequest &request, QObject *context,
                  Handler<NewUser> done) {
    return call<NewUser>(client, Request::post(QStringLiteral("/user/new"), request.toJson()), &decodeNewUser,
                         context, std::move(done));
}

ApiReply *updateUser(ProxyClient &client, const QString &userId, QJsonObject fields, QObject *context,
                     Handler<UserRecord> done) {
    fields.insert(QStringLiteral("user_id"), userId);
    return call<UserRecord>(client, Request::post(QStringLiteral("/user/update"), fields), &decodeUserUpdate,
                            context, std::move(done));
}

} // namespace api
