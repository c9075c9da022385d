#include "ApiError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

QString valueText(const QJsonValue &v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isObject() || v.isArray())
        return QString::fromUtf8(v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

// Newer LiteLLM versions str() a dict into the message: "{'error': 'Key not found'}", or with more keys,
// "{'error': 'DB down', 'code': 500}". Pull the text of its error, message or detail entry out.
QString unwrapPythonRepr(const QString &text) {
    static const QRegularExpression repr(
        QStringLiteral(
            R"re(^\{.*?'(?:error|message|detail)'\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"))re"),
        QRegularExpression::DotMatchesEverythingOption);
    const QString trimmed = text.trimmed();
    if (!trimmed.endsWith(u'}'))
        return text;
    const auto m = repr.match(trimmed);
    if (!m.hasMatch())
        return text;
    QString inner = m.captured(1).isNull() ? m.captured(2) : m.captured(1);
    inner.replace(QStringLiteral("\\'"), QStringLiteral("'"));
    inner.replace(QStringLiteral("\\\""), QStringLiteral("\""));
    return inner;
}

// The text of a message or detail value: a string (unwrapped when it is a Python repr), or the first of
// error/message/detail/msg inside an object (LiteLLM nests them), or the compact JSON of anything else.
QString messageText(const QJsonValue &v, int depth = 0) {
    if (v.isString())
        return unwrapPythonRepr(v.toString());
    if (v.isObject() && depth < 4) {
        const auto o = v.toObject();
        for (const auto name : {u"error", u"message", u"detail", u"msg"}) {
            const auto inner = o.value(name);
            if (inner.isString() || inner.isObject())
                if (auto text = messageText(inner, depth + 1); !text.trimmed().isEmpty())
                    return text;
        }
    }
    return valueText(v);
}

QString validationText(const QJsonArray &items) {
    QStringList parts;
    for (const auto &item : items) {
        const auto o = item.toObject();
        QStringList loc;
        for (const auto &l : o.value(u"loc").toArray()) {
            const auto s = valueText(l);
            if (s != u"body" && s != u"query")
                loc << s;
        }
        const auto msg = o.value(u"msg").toString();
        parts << (loc.isEmpty() ? msg : loc.join(u'.') + QStringLiteral(": ") + msg);
    }
    return parts.join(QStringLiteral("; "));
}

// A readiness answer sent with an error status (503 when the database is down): say what it reports.
QString readinessText(const QJsonObject &root) {
    const QString db = valueText(root.value(u"db"));
    return db.isEmpty() ? QString() : QStringLiteral("The proxy is not ready: its database is %1.").arg(db);
}

QString statusHint(int status) {
    switch (status) {
    case 401:
        return QStringLiteral("Check the master key for this connection.");
    case 403:
        return QStringLiteral("The key in use is not allowed to do this; an admin key is needed.");
    case 404:
        return QStringLiteral("The item does not exist on this proxy.");
    case 422:
        return QStringLiteral("The proxy rejected the request's fields.");
    case 429:
        return QStringLiteral("The proxy is rate limiting; wait and try again.");
    case 500:
    case 502:
    case 503:
    case 504:
        return QStringLiteral("The proxy failed; check its logs and that its database is reachable.");
    default:
        return {};
    }
}

} // namespace

bool ApiError::isTransient() const {
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus == 429 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    default:
        return false;
    }
}

bool ApiError::needsEnterprise() const {
    return (httpStatus == 400 || httpStatus == 403 || httpStatus == 401) &&
           (message.contains(u"enterprise", Qt::CaseInsensitive) ||
            message.contains(u"premium", Qt::CaseInsensitive));
}

QString ApiError::toString() const {
    QString out = httpStatus ? QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(message) : message;
    if (!hint.isEmpty())
        out += QStringLiteral(" (") + hint + u')';
    return out;
}

ApiError ApiError::decode(const QString &what, const QString &detail) {
    ApiError e;
    e.kind = Kind::Decode;
    e.message = QStringLiteral("The proxy sent a response that could not be read: ") + what;
    e.hint =
        QStringLiteral("Is this URL a LiteLLM proxy? Check the base URL and any gateway in front of it.");
    e.detail = detail;
    return e;
}

ApiError ApiError::fromHttp(int status, const QByteArray &body) {
    ApiError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.hint = statusHint(status);
    e.detail = QString::fromUtf8(body.left(2000));

    QJsonParseError perr;
    const auto doc = QJsonDocument::fromJson(body, &perr);
    const auto root = doc.object();
    if (perr.error == QJsonParseError::NoError && doc.isObject()) {
        if (root.value(u"error").isObject()) {
            const auto err = root.value(u"error").toObject();
            e.message = messageText(err.value(u"message"));
            e.type = err.value(u"type").toString();
        } else if (root.contains(u"detail")) {
            const auto d = root.value(u"detail");
            e.message = d.isArray() ? validationText(d.toArray()) : messageText(d);
        } else if (root.value(u"error").isString()) {
            e.message = messageText(root.value(u"error"));
        } else if (root.value(u"message").isString()) {
            e.message = messageText(root.value(u"message"));
        } else {
            e.message = readinessText(root);
        }
        if (e.type == u"None")
            e.type.clear();
    }
    if (e.message.trimmed().isEmpty()) {
        const auto text = QString::fromUtf8(body.left(300)).simplified();
        const bool unreadable =
            text.isEmpty() || text.startsWith(u'<') || perr.error == QJsonParseError::NoError;
        e.message = unreadable ? QStringLiteral("The proxy answered with HTTP status %1.").arg(status) : text;
    }
    if (e.type.isEmpty() && (status == 401 || status == 403))
        e.type = QStringLiteral("auth_error");
    if (e.needsEnterprise())
        e.hint = QStringLiteral("This needs LiteLLM Enterprise on the proxy.");
    return e;
}

QString kindName(ApiError::Kind kind) {
    switch (kind) {
    case ApiError::Kind::Network:
        return QStringLiteral("network");
    case ApiError::Kind::Tls:
        return QStringLiteral("tls");
    case ApiError::Kind::Timeout:
        return QStringLiteral("timeout");
    case ApiError::Kind::Canceled:
        return QStringLiteral("canceled");
    case ApiError::Kind::Http:
        return QStringLiteral("http");
    case ApiError::Kind::Decode:
        return QStringLiteral("decode");
    case ApiError::Kind::TooLarge:
        return QStringLiteral("too large");
    }
    return {};
}
