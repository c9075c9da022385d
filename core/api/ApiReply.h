#pragma once

#include "core/api/ApiError.h"
#include "core/api/Request.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QNetworkReply;
class ProxyClient;

// One request in flight (or queued). Emits finished() exactly once, then is deleted by the client.
// Keep it in a QPointer if you may want to cancel() it later.
class ApiReply : public QObject {
    Q_OBJECT
public:
    const Request &request() const { return m_request; }
    bool isOk() const { return m_ok; }
    int httpStatus() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    const ApiError &error() const { return m_error; }
    bool isFinished() const { return m_finished; }

    // Stops the request; finished() follows with a Canceled error. Does nothing once finished.
    void cancel();

    // How many times the request was sent again after a 429 or 503.
    int retries() const { return m_retries; }

signals:
    void finished();

private:
    friend class ProxyClient;
    ApiReply(Request request, ProxyClient *client);

    Request m_request;
    QPointer<ProxyClient> m_client;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_body;
    ApiError m_error;
    int m_status = 0;
    bool m_ok = false;
    bool m_finished = false;
    bool m_canceled = false;
    bool m_tlsFailed = false;
    bool m_tooLarge = false;
    int m_retries = 0;
};
