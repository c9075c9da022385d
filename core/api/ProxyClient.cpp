#include "ProxyClient.h"

#include "core/api/ErrorReason.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <cmath>

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
        e.message = ProxyClient::tr("The proxy at %1 did not answer in time.").arg(where);
        e.hint = ProxyClient::tr("The proxy may be overloaded or hanging; try again, or raise the timeout.");
        break;
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ApiError::Kind::Tls;
        e.message = ProxyClient::tr("The TLS connection to %1 failed: %2").arg(where, text);
        e.hint = ProxyClient::tr(
            "Check the proxy's certificate, or set a custom CA or pinned certificate for this "
            "connection.");
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.message = ProxyClient::tr("Nothing is listening at %1 (connection refused).").arg(where);
        e.hint = ProxyClient::tr("Is the proxy running? Check the host and port.");
        break;
    case QNetworkReply::HostNotFoundError:
        e.message = ProxyClient::tr("The host of %1 was not found.").arg(where);
        e.hint = ProxyClient::tr("Check the URL's host name and your DNS.");
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.message = ProxyClient::tr("The proxy at %1 closed the connection before answering.").arg(where);
        e.hint = ProxyClient::tr("The proxy may have crashed or restarted; try again.");
        break;
    default:
        e.message = ProxyClient::tr("Could not reach the proxy at %1: %2").arg(where, text);
        e.hint = ProxyClient::tr("Check the URL and your network connection.");
        break;
    }
    return e;
}

ApiError canceledError() {
    ApiError e;
    e.kind = ApiError::Kind::Canceled;
    e.message = ProxyClient::tr("Canceled.");
    return e;
}

// Retry-After as delay-seconds or an HTTP date; -1 when absent or unreadable. LiteLLM's older request
// limiter sends fractional seconds ("37.52", the time to the next minute), its newer one whole seconds.
qint64 retryAfterMs(const QByteArray &header) {
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (ok)
        return !(seconds >= 0) ? -1 : qint64(std::ceil(std::min(seconds, double(1 << 30)) * 1000));
    // HTTP dates end in "GMT", which is "+0000" to the RFC 2822 reader.
    QString date = QString::fromLatin1(value);
    if (date.endsWith(u" GMT"))
        date = date.chopped(4) + u" +0000";
    const QDateTime at = QDateTime::fromString(date, Qt::RFC2822Date);
    return at.isValid() ? std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at)) : -1;
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
            m_tlsSetupError = tr("The CA file %1 holds no PEM certificate.").arg(m_config.caFile);
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
            tr("Choose a PEM file with the proxy's CA certificate in the connection's settings.");
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
    ++m_sent;
    setBusy(true);
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
        e.message = tr("The proxy's certificate is not trusted: %1").arg(what.join(QStringLiteral("; ")));
        e.hint =
            m_config.pinnedSha256.isEmpty()
                ? tr("If this is your proxy's self-signed certificate, check its fingerprint and pin it, "
                     "or add its CA to the connection.")
                : tr("The certificate does not match the pinned fingerprint: the proxy's certificate "
                     "changed, or this is not your proxy.");
        e.certificateSha256 = sha;
        e.certificateSummary = tr("Subject: %1\nIssuer: %2\nValid: %3 to %4\nSHA-256: %5")
                                   .arg(cert.subjectDisplayName(), cert.issuerDisplayName(),
                                        cert.effectiveDate().toString(Qt::ISODate),
                                        cert.expiryDate().toString(Qt::ISODate), sha);
        e.detail = e.certificateSummary;
        reply->m_tlsFailed = true;
    });
    // The body is taken as it arrives, into room reserved from its length, so a page of many
    // megabytes is not copied in one piece when it ends. A body over the route's limit is not read.
    const qint64 limit = m_config.replyLimit(r.path);
    connect(net, &QNetworkReply::metaDataChanged, reply, [this, reply, net, limit] {
        const qint64 length = net->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > limit)
            return failTooLarge(reply, net);
        if (length > 0)
            reply->m_body.reserve(length);
    });
    connect(net, &QNetworkReply::readyRead, reply, [this, reply, net, limit] {
        QByteArray &body = reply->m_body;
        const qsizetype had = body.size();
        if (had + net->bytesAvailable() > limit)
            return failTooLarge(reply, net);
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
    if (net->isOpen() && !reply->m_tooLarge) // an aborted reply is closed
        reply->m_body += net->readAll();
    const auto code = net->error();
    if (reply->m_tlsFailed || reply->m_tooLarge) {
        // m_error was filled in the sslErrors handler or by failTooLarge().
    } else if (reply->m_canceled) {
        reply->m_error = canceledError();
    } else if (code == QNetworkReply::OperationCanceledError || code == QNetworkReply::TimeoutError) {
        // setTransferTimeout() aborts a silent transfer; the user did not cancel, so this is a timeout.
        reply->m_error = networkError(QNetworkReply::TimeoutError, net->errorString(), net->url());
        reply->m_error.message += tr(" (no data for %1 s)").arg(m_config.timeoutMs / 1000.0);
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
    const int waitMs = reply->m_ok ? -1 : retryDelay(reply, net);
    net->deleteLater();
    reply->m_reply = nullptr;
    m_active.removeOne(reply);
    --m_inFlight;
    if (waitMs >= 0) {
        retryLater(reply, waitMs);
    } else {
        emit reply->finished();
        reply->deleteLater();
    }
    settle();
    pump();
}

void ProxyClient::failTooLarge(ApiReply *reply, QNetworkReply *net) {
    if (reply->m_tooLarge || reply->m_finished)
        return;
    const qint64 limit = m_config.replyLimit(reply->m_request.path);
    ApiError &e = reply->m_error;
    e.kind = ApiError::Kind::TooLarge;
    e.message = tr("The proxy's answer to %1 is larger than %2, the most this connection accepts from it.")
                    .arg(reply->m_request.path, QLocale().formattedDataSize(limit));
    e.hint = tr("Ask for less: a shorter range, a narrower filter or smaller pages.");
    reply->m_tooLarge = true;
    reply->m_body.clear();
    reply->m_body.squeeze();
    net->abort(); // finished() follows and complete() reports the error set here
}

int ProxyClient::retryDelay(ApiReply *reply, QNetworkReply *net) {
    ApiError &e = reply->m_error;
    if (reply->m_request.method != Request::Method::Get || e.kind != ApiError::Kind::Http ||
        (e.httpStatus != 429 && e.httpStatus != 503))
        return -1;
    // A health probe's 503 is its answer (the database is down): LiteLLM's admission gate never holds
    // /health/* back, so asking again only delays the news.
    if (e.httpStatus == 503 && reply->m_request.path.startsWith(u"/health/"))
        return -1;
    const qint64 asked = retryAfterMs(net->rawHeader("Retry-After"));
    const qint64 waitMs = asked >= 0 ? asked : qint64(1000) << std::min(reply->m_retries, 10);
    if (asked > m_config.maxRetryWaitMs) {
        const int seconds = int(std::min<qint64>((asked + 999) / 1000, std::numeric_limits<int>::max()));
        e.hint = tr("The proxy asks to wait %n second(s) before trying again.", nullptr, seconds);
        return -1;
    }
    if (reply->m_retries >= m_config.maxRetries) {
        if (reply->m_retries > 0)
            e.hint += u' ' + tr("It was asked %n more time(s) before giving up.", nullptr, reply->m_retries);
        return -1;
    }
    return int(std::min<qint64>(waitMs, m_config.maxRetryWaitMs));
}

void ProxyClient::retryLater(ApiReply *reply, int waitMs) {
    ++reply->m_retries;
    const int status = reply->m_status;
    reply->m_finished = false;
    reply->m_status = 0;
    reply->m_body.clear();
    reply->m_error = {};
    m_waiting.append(reply);
    emit retrying(tr("The proxy is busy (HTTP %1): asking for %2 again in %n second(s), try %3 of %4.",
                     nullptr, (waitMs + 999) / 1000)
                      .arg(status)
                      .arg(reply->m_request.path)
                      .arg(reply->m_retries + 1)
                      .arg(m_config.maxRetries + 1));
    QTimer::singleShot(waitMs, this, [this, guard = QPointer<ApiReply>(reply)] {
        if (!m_waiting.removeOne(guard) || !guard) // canceled while waiting
            return settle();
        m_queue.prepend(guard);
        pump();
    });
}

void ProxyClient::setBusy(bool busy) {
    if (std::exchange(m_busy, busy) != busy)
        emit busyChanged(busy);
}

void ProxyClient::settle() {
    m_waiting.removeAll(nullptr);
    if (m_inFlight == 0 && m_queue.isEmpty() && m_waiting.isEmpty())
        setBusy(false);
}

void ProxyClient::cancel(ApiReply *reply) {
    if (reply->m_reply) {
        reply->m_reply->abort(); // finished() follows synchronously and complete() reports Canceled
        return;
    }
    // Still queued, or waiting to be sent again: finish it now.
    m_queue.removeAll(reply);
    m_waiting.removeAll(reply);
    reply->m_finished = true;
    reply->m_error = canceledError();
    QMetaObject::invokeMethod(
        reply,
        [reply] {
            emit reply->finished();
            reply->deleteLater();
        },
        Qt::QueuedConnection);
    settle();
}

void ProxyClient::cancelAll() {
    const auto queued = m_queue + m_waiting;
    for (const auto &r : queued)
        if (r)
            r->cancel();
    const auto active = m_active;
    for (const auto &r : active)
        if (r)
            r->cancel();
}
