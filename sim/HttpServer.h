#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

class QSslConfiguration;
class QTcpServer;
class QTcpSocket;

// A parsed HTTP/1.1 request.
struct HttpRequest {
    QByteArray method;
    QString path; // decoded path, no query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QString queryValue(const QString &name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
};

// Where a handler writes its answer. It may answer at once, later (keep a copy: it is a cheap handle),
// or never (a hang); or drop the connection, or write raw bytes.
class HttpResponder {
public:
    HttpResponder() = default;
    explicit HttpResponder(QTcpSocket *socket);

    bool isValid() const;
    // `extraHeaders` are whole header lines, each ending in "\r\n" ("Retry-After: 1\r\n").
    void send(int status, const QByteArray &body, const QByteArray &contentType = "application/json",
              const QByteArray &extraHeaders = {});
    // Sends a head that promises `declaredLength` bytes, then `body`, then closes: a cut-off transfer.
    void sendTruncated(int status, const QByteArray &body, qint64 declaredLength);
    void drop();

private:
    QPointer<QTcpSocket> m_socket;
};

// A small HTTP/1.1 server on QTcpServer with keep-alive. The simulator needs full control over the
// connection (hangs, drops, cut-off bodies) for its fault injection, which a higher-level server hides.
class HttpServer : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, HttpResponder)>;

    explicit HttpServer(Handler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // The same over TLS (HTTPS), with the given certificate and key. Call instead of listen().
    bool listenTls(const QSslConfiguration &tls, const QHostAddress &address = QHostAddress::LocalHost,
                   quint16 port = 0);
    bool isTls() const { return m_tls; }
    quint16 port() const;
    QString errorString() const;
    int openConnections() const;
    qint64 requestsServed() const { return m_served; }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    Handler m_handler;
    QTcpServer *m_server = nullptr;
    qint64 m_served = 0;
    bool m_tls = false;
};

QByteArray httpReason(int status);
