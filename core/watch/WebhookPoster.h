#pragma once

#include "core/watch/Alert.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

// Posts new alerts to a webhook as JSON, so a team can route them anywhere:
//   {"text": "...", "connection": "prod", "alerts": [{kind, subject_type, subject, ...}]}
// `text` is Slack's (and Mattermost's, Teams' incoming webhooks') message field: one line a alert.
// The URL is a secret (it lets anyone post): it is never logged or shown, and errors name only its host.
class WebhookPoster : public QObject {
    Q_OBJECT
public:
    static constexpr int kTimeoutMs = 15000;

    explicit WebhookPoster(QObject *parent = nullptr);

    static QByteArray payload(const QString &connection, const QList<Alert> &alerts);
    // `done` gets an empty string on success (a 2xx answer), else what went wrong.
    void post(const QUrl &url, const QString &connection, const QList<Alert> &alerts,
              std::function<void(QString error)> done);

private:
    QNetworkAccessManager *m_nam;
};
