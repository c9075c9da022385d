#include "CannedServer.h"

#include <QTimer>

CannedServer::CannedServer()
    : m_server([this](const HttpRequest &r, HttpResponder w) {
        m_received << r;
        const auto responder = m_responders.constFind(r.path);
        const Answer a = responder != m_responders.cend()
                             ? (*responder)(r)
                             : m_answers.value(r.path, Answer{404, R"({"detail":"Not Found"})", 0, false});
        if (a.hang) {
            ++m_concurrent;
            m_peak = std::max(m_peak, m_concurrent);
            return;
        }
        if (a.delayMs <= 0) {
            w.send(a.status, a.body, "application/json", a.headers);
            return;
        }
        ++m_concurrent;
        m_peak = std::max(m_peak, m_concurrent);
        QTimer::singleShot(a.delayMs, &m_server, [this, w, a]() mutable {
            --m_concurrent;
            w.send(a.status, a.body, "application/json", a.headers);
        });
    }) {
    m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl CannedServer::url() const {
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.port());
    return u;
}

void CannedServer::on(const QString &path, int status, const QByteArray &body) {
    on(path, Answer{status, body, 0, false});
}

void CannedServer::on(const QString &path, Answer answer) {
    m_responders.remove(path);
    m_answers.insert(path, std::move(answer));
}

void CannedServer::on(const QString &path, Responder responder) {
    m_responders.insert(path, std::move(responder));
}

int CannedServer::requestsTo(const QString &path) const {
    int n = 0;
    for (const auto &r : m_received)
        n += r.path == path ? 1 : 0;
    return n;
}
