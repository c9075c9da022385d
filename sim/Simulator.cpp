#include "Simulator.h"

#include <QJsonDocument>
#include <QTimer>

namespace {

QString errorTypeFor(int status) {
    switch (status) {
    case 400:
        return QStringLiteral("bad_request_error");
    case 401:
    case 403:
        return QStringLiteral("auth_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 422:
        return QStringLiteral("validation_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        return QStringLiteral("internal_server_error");
    }
}

QJsonValue stringify(const QJsonValue &v, bool arraysToo) {
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isArray()) {
        if (arraysToo)
            return QStringLiteral("[not a list]");
        QJsonArray out;
        for (const auto &item : v.toArray())
            out << stringify(item, arraysToo);
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const auto o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), stringify(it.value(), arraysToo));
        return out;
    }
    return v;
}

QByteArray retype(const QByteArray &body, bool arraysToo) {
    const auto doc = QJsonDocument::fromJson(body);
    if (doc.isObject())
        return QJsonDocument(stringify(doc.object(), arraysToo).toObject()).toJson(QJsonDocument::Compact);
    if (doc.isArray())
        return QJsonDocument(stringify(doc.array(), arraysToo).toArray()).toJson(QJsonDocument::Compact);
    return body;
}

// The key a request carries, by LiteLLM's header precedence. Sets *malformed for a bad Authorization.
QString extractKey(const HttpRequest &r, bool *malformed) {
    auto strip = [](QByteArray v) {
        v = v.trimmed();
        if (v.startsWith("Bearer ") || v.startsWith("bearer "))
            v = v.mid(7).trimmed();
        return QString::fromUtf8(v);
    };
    if (const auto v = r.header("x-litellm-api-key"); !v.isEmpty())
        return strip(v);
    if (const auto v = r.header("authorization"); !v.isEmpty()) {
        if (v.startsWith("Bearer ") || v.startsWith("bearer "))
            return strip(v);
        if (v.startsWith("Basic "))
            return QString::fromUtf8(v.mid(6).trimmed());
        *malformed = true;
        return {};
    }
    for (const char *name : {"api-key", "x-api-key", "x-goog-api-key", "ocp-apim-subscription-key"})
        if (const auto v = r.header(name); !v.isEmpty())
            return strip(v);
    return {};
}

} // namespace

Simulator::Simulator(SimOptions options, QObject *parent)
    : QObject(parent)
    , m_data(std::make_unique<SimDataset>(options))
    , m_server(new HttpServer([this](const HttpRequest &r, HttpResponder w) { handle(r, w); }, this)) {
    registerHealthRoutes(*this);
    registerModelRoutes(*this);
    registerKeyRoutes(*this);
    registerUserRoutes(*this);
    registerTeamRoutes(*this);
    registerActivityRoutes(*this);
}

Simulator::~Simulator() = default;

bool Simulator::listen(quint16 port) {
    return m_server->listen(QHostAddress::LocalHost, port);
}

bool Simulator::listenTls(const QSslConfiguration &tls, quint16 port) {
    return m_server->listenTls(tls, QHostAddress::LocalHost, port);
}

QString Simulator::errorString() const {
    return m_server->errorString();
}

quint16 Simulator::port() const {
    return m_server->port();
}

QUrl Simulator::url() const {
    QUrl u;
    u.setScheme(m_server->isTls() ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server->port());
    return u;
}

qint64 Simulator::requestsServed() const {
    return m_server->requestsServed();
}

void Simulator::addFault(const SimFault &fault) {
    m_faults.prepend(fault);
}

void Simulator::clearFaults() {
    m_faults.clear();
}

void Simulator::addRoute(const QByteArray &method, const QString &path, Route route, bool isPublic) {
    m_routes.append({method, path.split(u'/', Qt::SkipEmptyParts), std::move(route), isPublic});
}

SimReply Simulator::routeReply(const QByteArray &method, const QString &path, SimRequest &request) {
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    for (const auto &r : m_routes)
        if (r.method == method && r.segments == segments)
            return r.route(request);
    return SimReply::detail(404, QStringLiteral("Not Found"));
}

std::optional<SimFault> Simulator::takeFault(const QString &path) {
    for (auto &f : m_faults) {
        if (f.matches(path)) {
            if (f.times > 0)
                --f.times;
            return f;
        }
    }
    return std::nullopt;
}

void Simulator::handle(const HttpRequest &request, HttpResponder responder) {
    m_log << (request.query.isEmpty() ? request.path : request.path + u'?' + request.query.toString());
    ++m_pending;
    m_peakConcurrent = std::max(m_peakConcurrent, m_pending);
    auto fault = takeFault(request.path);
    const bool endless = fault && fault->kind == SimFault::Kind::EndlessPaging;
    // A 404 fault is a route the proxy does not have: FastAPI's own answer, not LiteLLM's envelope.
    SimReply reply =
        !fault || fault->kind != SimFault::Kind::Status ? dispatch(request, endless)
        : fault->arg == 404
            ? SimReply::detail(404, QStringLiteral("Not Found"))
            : SimReply::error(fault->arg, QStringLiteral("Simulated failure (status %1)").arg(fault->arg),
                              errorTypeFor(fault->arg));
    // LiteLLM's rate limiter and its worker admission gate say when to come back.
    if (fault && fault->kind == SimFault::Kind::Status && (fault->arg == 429 || fault->arg == 503))
        reply.headers = "Retry-After: 1\r\n";
    if (fault && fault->kind == SimFault::Kind::Hang)
        return; // never answered; the socket stays open until the client gives up
    if (fault && fault->kind == SimFault::Kind::Delay) {
        QTimer::singleShot(fault->arg, this,
                           [this, responder, reply] { deliver(responder, reply, std::nullopt); });
        return;
    }
    deliver(responder, reply, fault);
}

void Simulator::deliver(HttpResponder responder, const SimReply &reply, std::optional<SimFault> fault) {
    --m_pending;
    const SimFault::Kind kind = fault ? fault->kind : SimFault::Kind::EndlessPaging;
    switch (kind) {
    case SimFault::Kind::Drop:
        responder.drop();
        return;
    case SimFault::Kind::Truncate:
        responder.sendTruncated(reply.status, reply.body.left(reply.body.size() / 2), reply.body.size());
        return;
    case SimFault::Kind::BadJson:
        responder.send(reply.status, reply.body.left(reply.body.size() / 2));
        return;
    case SimFault::Kind::WrongTypes:
        responder.send(reply.status, retype(reply.body, false));
        return;
    case SimFault::Kind::WrongShape:
        responder.send(reply.status, retype(reply.body, true));
        return;
    case SimFault::Kind::Huge: {
        // Whitespace after the JSON keeps it valid: only its size is wrong.
        const qint64 size = qint64(fault->arg > 0 ? fault->arg : 80) << 20;
        QByteArray body = reply.body;
        body.append(QByteArray(std::max<qint64>(0, size - body.size()), ' '));
        responder.send(reply.status, body, "application/json", reply.headers);
        return;
    }
    default:
        responder.send(reply.status, reply.body, "application/json", reply.headers);
    }
}

SimReply Simulator::dispatch(const HttpRequest &request, bool endlessPaging) {
    const QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    const RouteEntry *found = nullptr;
    bool pathKnown = false;
    QHash<QString, QString> params;
    for (const auto &r : m_routes) {
        if (r.segments.size() != segments.size())
            continue;
        QHash<QString, QString> p;
        bool match = true;
        for (qsizetype i = 0; i < segments.size() && match; ++i) {
            const QString &want = r.segments.at(i);
            if (want.startsWith(u'{') && want.endsWith(u'}'))
                p.insert(want.mid(1, want.size() - 2), segments.at(i));
            else
                match = want == segments.at(i);
        }
        if (!match)
            continue;
        pathKnown = true;
        if (r.method == request.method) {
            found = &r;
            params = p;
            break;
        }
    }
    if (!found)
        return pathKnown ? SimReply::detail(405, QStringLiteral("Method Not Allowed"))
                         : SimReply::detail(404, QStringLiteral("Not Found"));

    SimRequest req{request, {}, {}, params, endlessPaging};
    if (!found->isPublic) {
        bool malformed = false;
        const QString key = extractKey(request, &malformed);
        if (malformed)
            return SimReply::error(401,
                                   QStringLiteral("Authentication Error, Malformed API Key passed in. Ensure "
                                                  "Key has `Bearer ` prefix. Passed in: "),
                                   QStringLiteral("auth_error"));
        if (key.isEmpty())
            return SimReply::error(401, QStringLiteral("Authentication Error, No api key passed in."),
                                   QStringLiteral("auth_error"));
        if (key == m_data->options().masterKey) {
            req.caller.isMaster = true;
            req.caller.role = QStringLiteral("proxy_admin");
            req.caller.userId = QStringLiteral("default_user_id");
        } else if (auto caller = m_data->authenticate(key)) {
            req.caller = *caller;
        } else {
            return caller.error();
        }
    }
    if (request.method == "POST" && !request.body.isEmpty()) {
        QJsonParseError err;
        const auto doc = QJsonDocument::fromJson(request.body, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return SimReply::json(
                QJsonObject{
                    {QStringLiteral("detail"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("json_invalid")},
                                            {QStringLiteral("loc"), QJsonArray{QStringLiteral("body"), 0}},
                                            {QStringLiteral("msg"), QStringLiteral("JSON decode error")}}}}},
                422);
        req.body = doc.object();
    }
    return found->route(req);
}
