#pragma once

#include "sim/HttpServer.h"

#include <QHash>
#include <QList>
#include <QUrl>

#include <functional>

// A loopback HTTP server that answers each path with a canned status and body, and records what it
// was sent, for unit tests of the client's calls and decoders. Paths with no answer get 404.
class CannedServer {
public:
    struct Answer {
        int status = 200;
        QByteArray body;
        int delayMs = 0;
        bool hang = false;
        QByteArray headers = {}; // extra header lines, each ending in "\r\n"
    };

    // Computes the answer from the request (e.g. a different body per page).
    using Responder = std::function<Answer(const HttpRequest &)>;

    CannedServer();
    QUrl url() const;

    void on(const QString &path, int status, const QByteArray &body);
    void on(const QString &path, Answer answer);
    void on(const QString &path, Responder responder);
    int requestsTo(const QString &path) const;

    const QList<HttpRequest> &received() const { return m_received; }
    HttpRequest last() const { return m_received.isEmpty() ? HttpRequest() : m_received.last(); }
    int concurrent() const { return m_concurrent; }
    int peakConcurrent() const { return m_peak; }

private:
    HttpServer m_server;
    QHash<QString, Answer> m_answers;
    QHash<QString, Responder> m_responders;
    QList<HttpRequest> m_received;
    int m_concurrent = 0;
    int m_peak = 0;
};
