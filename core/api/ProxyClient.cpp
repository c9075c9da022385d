#include "ProxyClient.h"

#include "core/api/ErrorReason.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

Q_LOGGING_CATEGORY(lcApi, "desk.api")

namespace {

ApiError networkError(QNetworkReply::NetworkError code, const QString &text, const QUrl &url) {
    ApiError e;
    e.detail = text;
    const QString where =
        url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString();
    switch (code) {
    case QNetworkReply::TimeoutError:
        e.kind = ApiError::Kind::Timeout;
        e.message = QStringLiteral("The proxy at %1 did not answer in time.").arg(where);
        e.hint = QStringLiteral("The proxy may be overloaded or hanging; try again, or raise the timeout.");
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ApiError::Kind::Tls;
        e.message = QStringLiteral("The TLS connection to %1 failed: %2").arg(where, text);
        e.hint = QStringLiteral(
            "Check the proxy's certificate, or set a custom CA or pinned certificate for this connection.");
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.message = QStringLiteral("Nothing is listening at %1 (connection refused).").arg(where);
        e.hint = QStringLiteral("Is the proxy running? Check the host and port.");
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = QStringLiteral("The host of %1 was not found.").arg(where);
        e.hint = QStringLiteral("Check the URL's host name and your DNS.");
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = QStringLiteral("The proxy at %1 closed the connection before answering.").arg(where);
        e.hint = QStringLiteral("The proxy may have crashed or restarted; try again.");
        break;
    default:
        e.message = QStringLiteral("Could not reach the proxy at %1: %2").arg(where, text);
        e.hint = QStringLiteral("Check the URL and your network connection.");
        break;
    }
    return e;
}

} // namespace

ApiReply::ApiReply(Request request, ProxyClient *client)
    : QObject(client)
    , m_request(std::move(request))
    , m_client(client) {}

void ApiReply::cancel() {
    if (m_finished || m_canceled)
        return;
    m_canceled = true;
    if (m_client)
        m_client->cancel(this);
}

ProxyClient::ProxyClient(ClientConfig config, QString apiKey, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_key(std::move(apiKey))
    , m_nam(new QNetworkAccessManager(this)) {
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_tls = QSslConfiguration::defaultConfiguration();
    if (!m_config.caFile.isEmpty()) {
        const auto extra = QSslCertificate::fromPath(m_config.caFile, QSsl::Pem);
        if (extra.isEmpty())
            m_tlsSetupError = QStringLiteral("The CA file %1 holds no PEM certificate.").arg(m_config.caFile);
        m_tls.addCaCertificates(extra);
    }
    if (m_config.maxInFlight < 1)
        m_config.maxInFlight = 1;
}

ProxyClient::~ProxyClient() {
    m_key.fill(u'\0');
}

void ProxyClient::clearKey() {
    m_key.fill(u'\0');
    m_key.clear();
}

QUrl ProxyClient::urlFor(const QString &path, const QUrlQuery &query) const {
    QUrl url = m_config.baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    QString tail = path;
    while (tail.startsWith(u'/'))
        tail.remove(0, 1);
    url.setPath(base + u'/' + tail);
    if (!query.isEmpty()) {
        // QUrlQuery leaves '+' as it is, and Python servers read a '+' in a query as a space.
        QUrlQuery encoded;
        const auto plus = [](QString text) { return text.replace(u'+', QStringLiteral("%2B")); };
        for (const auto &[name, value] : query.queryItems(QUrl::PrettyDecoded))
            encoded.addQueryItem(plus(name), plus(value));
        url.setQuery(encoded);
    }
    return url;
}

ApiReply *ProxyClient::send(Request request) {
    auto *reply = new ApiReply(std::move(request), this);
    if (!m_tlsSetupError.isEmpty()) { // fail every request the same clear way rather than trust less
        reply->m_finished = true;
        reply->m_error.kind = ApiError::Kind::Tls;
        reply->m_error.message = m_tlsSetupError;
        reply->m_error.hint =
            QStringLiteral("Choose a PEM file with the proxy's CA certificate in the connection's settings.");
        QMetaObject::invokeMethod(
            reply,
            [reply] {
                emit reply->finished();
                reply->deleteLater();
            },
            Qt::QueuedConnection);
        return reply;
    }
    m_queue.enqueue(reply);
    // Start on the next turn of the event loop so callers can connect to finished() first.
    QMetaObject::invokeMethod(this, &ProxyClient::pump, Qt::QueuedConnection);
    return reply;
}

void ProxyClient::pump() {
    while (m_inFlight < m_config.maxInFlight && !m_queue.isEmpty()) {
        QPointer<ApiReply> next = m_queue.dequeue();
        if (next && !next->m_finished)
            start(next);
    }
}

void ProxyClient::start(ApiReply *reply) {
    const Request &r = reply->m_request;
    QNetworkRequest req(urlFor(r.path, r.query));
    req.setTransferTimeout(m_config.timeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("litellm-desk/" DESK_VERSION));
    req.setRawHeader("Accept", "application/json");
    if (!m_key.isEmpty()) {
        if (m_config.authStyle == AuthStyle::LiteLlmHeader)
            req.setRawHeader("x-litellm-api-key", m_key.toUtf8());
        else
            req.setRawHeader("Authorization", "Bearer " + m_key.toUtf8());
    }
    if (req.url().scheme() == u"https")
        req.setSslConfiguration(m_tls);
    QNetworkReply *net = nullptr;
    if (r.method == Request::Method::Post) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        net = m_nam->post(req, QJsonDocument(r.body).toJson(QJsonDocument::Compact));
    } else {
        net = m_nam->get(req);
    }
    reply->m_reply = net;
    m_active.append(reply);
    ++m_inFlight;
    m_peakInFlight = std::max(m_peakInFlight, m_inFlight);
    if (m_inFlight == 1)
        emit busyChanged(true);
    qCDebug(lcApi) << (r.method == Request::Method::Post ? "POST" : "GET") << r.path;
    connect(net, &QNetworkReply::sslErrors, reply, [this, reply, net](const QList<QSslError> &errors) {
        const QSslCertificate cert = net->sslConfiguration().peerCertificate();
        const QString sha = QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
        // A pinned certificate is trusted as it is; anything else is never ignored.
        if (!m_config.pinnedSha256.isEmpty() && sha == normalizeFingerprint(m_config.pinnedSha256)) {
            net->ignoreSslErrors(errors);
            return;
        }
        QStringList what;
        for (const auto &e : errors)
            what << e.errorString();
        ApiError &e = reply->m_error;
        e.kind = ApiError::Kind::Tls;
        e.message =
            QStringLiteral("The proxy's certificate is not trusted: %1").arg(what.join(QStringLiteral("; ")));
        e.hint = m_config.pinnedSha256.isEmpty()
                     ? QStringLiteral("If this is your proxy's self-signed certificate, check its "
                                      "fingerprint and pin it, or add its CA to the connection.")
                     : QStringLiteral("The certificate does not match the pinned fingerprint: the proxy's "
                                      "certificate changed, or this is not your proxy.");
        e.certificateSha256 = sha;
        e.certificateSummary = QStringLiteral("Subject: %1\nIssuer: %2\nValid: %3 to %4\nSHA-256: %5")
                                   .arg(cert.subjectDisplayName(), cert.issuerDisplayName(),
                                        cert.effectiveDate().toString(Qt::ISODate),
                                        cert.expiryDate().toString(Qt::ISODate), sha);
        e.detail = e.certificateSummary;
        reply->m_tlsFailed = true;
    });
    // The body is taken as it arrives, into room reserved from its length, so a page of many
    // megabytes is not copied in one piece when it ends.
    connect(net, &QNetworkReply::metaDataChanged, reply, [reply, net] {
        constexpr qint64 kMaxReserve = qint64(1) << 30;
        const qint64 length = net->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > 0 && length <= kMaxReserve)
            reply->m_body.reserve(length);
    });
    connect(net, &QNetworkReply::readyRead, reply, [reply, net] {
        QByteArray &body = reply->m_body;
        const qsizetype had = body.size();
        body.resize(had + qsizetype(net->bytesAvailable()));
        body.truncate(had + qsizetype(std::max<qint64>(0, net->read(body.data() + had, body.size() - had))));
    });
    connect(net, &QNetworkReply::finished, reply, [this, reply] { complete(reply); });
}

void ProxyClient::complete(ApiReply *reply) {
    QNetworkReply *net = reply->m_reply;
    if (!net || reply->m_finished)
        return;
    reply->m_finished = true;
    reply->m_status = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (net->isOpen()) // an aborted reply is closed
        reply->m_body += net->readAll();
    const auto code = net->error();
    if (reply->m_tlsFailed) {
        // m_error was filled from the certificate in the sslErrors handler.
    } else if (reply->m_canceled) {
        reply->m_error.kind = ApiError::Kind::Canceled;
        reply->m_error.message = QStringLiteral("Canceled.");
    } else if (code == QNetworkReply::OperationCanceledError || code == QNetworkReply::TimeoutError) {
        // setTransferTimeout() aborts a silent transfer; the user did not cancel, so this is a timeout.
        reply->m_error = networkError(QNetworkReply::TimeoutError, net->errorString(), net->url());
        reply->m_error.message += QStringLiteral(" (no data for %1 s)").arg(m_config.timeoutMs / 1000.0);
    } else if (reply->m_status >= 200 && reply->m_status < 300 && code == QNetworkReply::NoError) {
        reply->m_ok = true;
    } else if (reply->m_status >= 300) {
        reply->m_error = ApiError::fromHttp(reply->m_status, reply->m_body);
        describeForRoute(reply->m_error, reply->m_request.path);
    } else {
        reply->m_error = networkError(code, net->errorString(), net->url());
    }
    if (!reply->m_ok)
        qCDebug(lcApi) << "failed" << reply->m_request.path << kindName(reply->m_error.kind)
                       << reply->m_status;
    net->deleteLater();
    reply->m_reply = nullptr;
    m_active.removeOne(reply);
    --m_inFlight;
    emit reply->finished();
    reply->deleteLater();
    if (m_inFlight == 0 && m_queue.isEmpty())
        emit busyChanged(false);
    pump();
}

void ProxyClient::cancel(ApiReply *reply) {
    if (reply->m_reply) {
        reply->m_reply->abort(); // finished() follows synchronously and complete() reports Canceled
        return;
    }
    // Still queued: finish it now.
    m_queue.removeAll(reply);
    reply->m_finished = true;
    reply->m_error.kind = ApiError::Kind::Canceled;
    reply->m_error.message = QStringLiteral("Canceled.");
    QMetaObject::invokeMethod(
        reply,
        [reply] {
            emit reply->finished();
            reply->deleteLater();
        },
        Qt::QueuedConnection);
}

void ProxyClient::cancelAll() {
    const auto queued = m_queue;
    for (const auto &r : queued)
        if (r)
            r->cancel();
    const auto active = m_active;
    for (const auto &r : active)
        if (r)
            r->cancel();
}
