#pragma once

#include "core/api/ApiReply.h"
#include "core/api/ClientConfig.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSslConfiguration>

class QNetworkAccessManager;
class QNetworkReply;

// The one way to talk to a LiteLLM proxy: one QNetworkAccessManager per connection, authentication added
// in one place, a timeout on every request, at most `maxInFlight` requests on the wire (the rest queue),
// and every failure mapped to an ApiError. The key lives only in memory here.
class ProxyClient : public QObject {
    Q_OBJECT
public:
    ProxyClient(ClientConfig config, QString apiKey, QObject *parent = nullptr);
    ~ProxyClient() override;

    const ClientConfig &config() const { return m_config; }
    QUrl baseUrl() const { return m_config.baseUrl; }
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

    ApiReply *send(Request request);
    int inFlight() const { return m_inFlight; }
    int queued() const { return static_cast<int>(m_queue.size()); }
    // Most requests that were on the wire at once since this client was made (for tests and benchmarks).
    int peakInFlight() const { return m_peakInFlight; }
    // Requests put on the wire since this client was made (a retry counts again).
    qint64 requestsSent() const { return m_sent; }

    void cancelAll();
    // Forgets the key (logging out). Requests after this are sent without authentication.
    void clearKey();

signals:
    void busyChanged(bool busy);
    // A read is waiting before it is sent again; `text` says so, for a status bar or stderr.
    void retrying(const QString &text);

private:
    friend class ApiReply;
    void pump();
    void start(ApiReply *reply);
    void complete(ApiReply *reply);
    void cancel(ApiReply *reply);
    void setBusy(bool busy);
    void failTooLarge(ApiReply *reply, QNetworkReply *net);
    // How long to wait before sending `reply` again, or -1 when it is not to be retried.
    int retryDelay(ApiReply *reply, QNetworkReply *net);
    void retryLater(ApiReply *reply, int waitMs);
    void settle(); // not busy once nothing is in flight, queued or waiting

    ClientConfig m_config;
    QString m_key;
    QSslConfiguration m_tls;
    QString m_tlsSetupError;
    QNetworkAccessManager *m_nam = nullptr;
    QQueue<QPointer<ApiReply>> m_queue;
    QList<QPointer<ApiReply>> m_active;
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    qint64 m_sent = 0;
    QList<QPointer<ApiReply>> m_waiting; // reads waiting to be sent again
    bool m_busy = false;
};
