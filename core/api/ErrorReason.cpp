#include "ErrorReason.h"

#include "core/api/Health.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

// LiteLLM answers with its {"error": {...}} envelope or a FastAPI detail object; FastAPI's own answer
// to an unknown path is {"detail": "Not Found"}, and a gateway's is a page.
bool fromLiteLlm(const ApiError &error) {
    if (error.type == u"not_found_error")
        return true;
    const QJsonObject root = QJsonDocument::fromJson(error.detail.toUtf8()).object();
    if (root.value(u"error").isObject() || root.value(u"error").isString() ||
        root.value(u"message").isString())
        return true;
    const QJsonValue detail = root.value(u"detail");
    return detail.isObject() || detail.isArray();
}

// What a request to `path` does, for "... may not delete keys".
QString actionFor(const QString &path) {
    struct Route {
        const char16_t *prefix;
        const char *action;
    };
    static const Route routes[] = {
        {u"/key/generate", QT_TRANSLATE_NOOP("ErrorReason", "create keys")},
        {u"/key/delete", QT_TRANSLATE_NOOP("ErrorReason", "delete keys")},
        {u"/key/update", QT_TRANSLATE_NOOP("ErrorReason", "change keys")},
        {u"/key/block", QT_TRANSLATE_NOOP("ErrorReason", "block keys")},
        {u"/key/unblock", QT_TRANSLATE_NOOP("ErrorReason", "unblock keys")},
        {u"/key/regenerate", QT_TRANSLATE_NOOP("ErrorReason", "regenerate keys")},
        {u"/key/list", QT_TRANSLATE_NOOP("ErrorReason", "list keys")},
        {u"/key/info", QT_TRANSLATE_NOOP("ErrorReason", "read key details")},
        {u"/user/new", QT_TRANSLATE_NOOP("ErrorReason", "create users")},
        {u"/user/update", QT_TRANSLATE_NOOP("ErrorReason", "change users")},
        {u"/user/delete", QT_TRANSLATE_NOOP("ErrorReason", "delete users")},
        {u"/user/list", QT_TRANSLATE_NOOP("ErrorReason", "list users")},
        {u"/user/info", QT_TRANSLATE_NOOP("ErrorReason", "read user details")},
        {u"/user/daily/activity", QT_TRANSLATE_NOOP("ErrorReason", "read usage")},
        {u"/team/daily/activity", QT_TRANSLATE_NOOP("ErrorReason", "read team usage")},
        {u"/tag/daily/activity", QT_TRANSLATE_NOOP("ErrorReason", "read tag usage")},
        {u"/team/", QT_TRANSLATE_NOOP("ErrorReason", "manage teams")},
        {u"/v2/team/", QT_TRANSLATE_NOOP("ErrorReason", "list teams")},
        {u"/model/", QT_TRANSLATE_NOOP("ErrorReason", "manage models")},
    };
    for (const auto &r : routes)
        if (path.startsWith(QStringView(r.prefix)))
            return QCoreApplication::translate("ErrorReason", r.action);
    return QCoreApplication::translate("ErrorReason", "use %1").arg(path);
}

} // namespace

QString refusedRole(const ApiError &error) {
    if (error.httpStatus != 401 && error.httpStatus != 403)
        return {};
    static const QRegularExpression role(QStringLiteral(R"(\brole\s*=\s*([A-Za-z_]+))"),
                                         QRegularExpression::CaseInsensitiveOption);
    const auto m = role.match(error.message);
    return m.hasMatch() && m.captured(1) != u"None" ? m.captured(1) : QString();
}

ErrorReason errorReason(const ApiError &error) {
    if (error.kind != ApiError::Kind::Http)
        return ErrorReason::Other;
    if (error.needsEnterprise())
        return ErrorReason::Enterprise;
    switch (error.httpStatus) {
    case 401:
        return refusedRole(error).isEmpty() ? ErrorReason::Unauthenticated : ErrorReason::Forbidden;
    case 403:
        return ErrorReason::Forbidden;
    case 404:
        if (!fromLiteLlm(error))
            return ErrorReason::NoRoute;
        // A non-admin deleting a team key whose team row is gone gets a 404 about the team: the key is
        // still there.
        return error.message.startsWith(u"Team not found in db", Qt::CaseInsensitive) ? ErrorReason::Other
                                                                                      : ErrorReason::NotFound;
    case 400:
        // LiteLLM's words when a key alias, team alias or user id is already in use.
        return fromLiteLlm(error) && error.message.contains(u"already exists", Qt::CaseInsensitive)
                   ? ErrorReason::AlreadyExists
                   : ErrorReason::Other;
    case 429:
        return ErrorReason::RateLimited;
    case 502:
    case 503:
    case 504:
        return ErrorReason::Unavailable;
    default:
        return ErrorReason::Other;
    }
}

void describeForRoute(ApiError &error, const QString &path) {
    switch (errorReason(error)) {
    case ErrorReason::Forbidden:
        if (const QString role = refusedRole(error); role.isEmpty())
            error.hint =
                QCoreApplication::translate("ErrorReason", "The key is valid but not allowed to %1: use a "
                                                           "key whose role allows it, such as an admin key.")
                    .arg(actionFor(path));
        else
            error.hint = QCoreApplication::translate(
                             "ErrorReason", "The key's role, %1, may not %2: use a key whose role allows "
                                            "it, such as an admin key, or ask a proxy admin.")
                             .arg(roleLabel(role), actionFor(path));
        break;
    case ErrorReason::NoRoute:
        error.hint = QCoreApplication::translate(
                         "ErrorReason", "Nothing answers at %1 on this proxy: check the proxy URL (a "
                                        "missing or extra path prefix such as /litellm, or a gateway in "
                                        "front of it), or the proxy is older than this feature.")
                         .arg(path);
        break;
    default:
        break;
    }
}
