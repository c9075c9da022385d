#include "core/watch/WebhookPoster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

WebhookPoster::WebhookPoster(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this)) {}

QByteArray WebhookPoster::payload(const QString &connection, const QList<Alert> &alerts) {
    QStringList lines;
    lines << QStringLiteral("LiteLLM Desk: %1 new alert%2 on %3")
                 .arg(alerts.size())
                 .arg(alerts.size() == 1 ? QString() : QStringLiteral("s"), connection);
    QJsonArray array;
    for (const Alert &a : alerts) {
        lines << QStringLiteral("• %1: %2").arg(Alert::kindLabel(a.kind), a.message);
        array << a.toJson();
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("text"), lines.join(u'\n')},
                                     {QStringLiteral("connection"), connection},
                                     {QStringLiteral("alerts"), array}})
        .toJson(QJsonDocument::Compact);
}

void WebhookPoster::post(const QUrl &url, const QString &connection, const QList<Alert> &alerts,
                         std::function<void(QString error)> done) {
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")) {
        done(QStringLiteral("the webhook is not an http(s) URL"));
        return;
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(kTimeoutMs);
    QNetworkReply *reply = m_nam->post(request, payload(connection, alerts));
    connect(reply, &QNetworkReply::finished, this, [reply, host = url.host(), done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300)
            return done({});
        // Never the URL itself: its path is the secret.
        done(status > 0 ? QStringLiteral("the webhook at %1 answered HTTP %2").arg(host).arg(status)
                        : QStringLiteral("the webhook at %1 could not be reached (%2)")
                              .arg(host, reply->error() == QNetworkReply::OperationCanceledError
                                             ? QStringLiteral("timed out")
                                             : QStringLiteral("network error %1").arg(int(reply->error()))));
    });
}
