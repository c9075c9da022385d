#include "HttpServer.h"

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qsizetype kMaxBody = 64 * 1024 * 1024;
const char *kBufferProperty = "desk_http_buffer";

QByteArray head(int status, const QByteArray &contentType, qint64 length, bool close,
                const QByteArray &extraHeaders = {}) {
    QByteArray h = "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReason(status) + "\r\n";
    h += "Content-Type: " + contentType + "\r\n";
    h += extraHeaders;
    h += "Content-Length: " + QByteArray::number(length) + "\r\n";
    h += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    h += "Server: litellm-desk-simulator\r\n\r\n";
    return h;
}

} // namespace

QByteArray httpReason(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

HttpResponder::HttpResponder(QTcpSocket *socket)
    : m_socket(socket) {}

bool HttpResponder::isValid() const {
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpResponder::send(int status, const QByteArray &body, const QByteArray &contentType,
                         const QByteArray &extraHeaders) {
    if (!isValid())
        return;
    const bool close = m_socket->property("desk_close").toBool();
    m_socket->write(head(status, contentType, body.size(), close, extraHeaders));
    m_socket->write(body);
    if (close)
        m_socket->disconnectFromHost();
    m_socket = nullptr;
}

void HttpResponder::sendTruncated(int status, const QByteArray &body, qint64 declaredLength) {
    if (!isValid())
        return;
    m_socket->write(head(status, "application/json", declaredLength, true));
    m_socket->write(body);
    m_socket->disconnectFromHost();
    m_socket = nullptr;
}

void HttpResponder::drop() {
    if (m_socket)
        m_socket->abort();
    m_socket = nullptr;
}

HttpServer::HttpServer(Handler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_server(new QTcpServer(this)) {
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QHostAddress &address, quint16 port) {
    return m_server->listen(address, port);
}

bool HttpServer::listenTls(const QSslConfiguration &tls, const QHostAddress &address, quint16 port) {
    delete m_server;
    auto *server = new QSslServer(this);
    server->setSslConfiguration(tls);
    server->setHandshakeTimeout(5000);
    // A TLS connection is handed out once its handshake is done.
    connect(server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onNewConnection);
    m_server = server;
    m_tls = true;
    return m_server->listen(address, port);
}

quint16 HttpServer::port() const {
    return m_server->serverPort();
}

QString HttpServer::errorString() const {
    return m_server->errorString();
}

int HttpServer::openConnections() const {
    return static_cast<int>(m_server->findChildren<QTcpSocket *>().size());
}

void HttpServer::onNewConnection() {
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void HttpServer::onReadyRead(QTcpSocket *socket) {
    QByteArray buffer = socket->property(kBufferProperty).toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (buffer.size() > kMaxHead)
                socket->abort();
            break;
        }
        const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() < 3) {
            HttpResponder(socket).send(400, R"({"detail":"Malformed request line"})");
            socket->disconnectFromHost();
            return;
        }
        HttpRequest req;
        req.method = requestLine.at(0).toUpper();
        const QUrl url = QUrl::fromEncoded(requestLine.at(1));
        req.path = url.path();
        req.query = QUrlQuery(url);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                req.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qint64 length = req.header("content-length").toLongLong();
        if (length < 0 || length > kMaxBody) {
            HttpResponder(socket).send(413, R"({"detail":"Body too large"})");
            socket->disconnectFromHost();
            return;
        }
        if (buffer.size() < headEnd + 4 + length)
            break; // wait for the rest of the body
        req.body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        socket->setProperty("desk_close", req.header("connection").toLower() == "close");
        ++m_served;
        m_handler(req, HttpResponder(socket));
    }
    socket->setProperty(kBufferProperty, buffer);
}
