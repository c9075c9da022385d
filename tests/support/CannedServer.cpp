#include "CannedServer.h"

#include <QTimer>

CannedServer::CannedServer()
    : m_server([this](const HttpRequest &r, HttpResponder w) {
        m_received << r;
        const Answer a = m_answers.value(r.path, Answer{404, R"({"detail":"Not Found"})"});
        if (a.hang) {
            ++m_concurrent;
            m_peak = std::max(m_peak, m_concurrent);
            return;
        }
        if (a.delayMs <= 0) {
            w.send(a.status, a.body);
            return;
        }
        ++m_concurrent;
        m_peak = std::max(m_peak, m_concurrent);
        QTimer::singleShot(a.delayMs, [this, w, a]() mutable {
            --m_concurrent;
            w.send(a.status, a.body);
        });
    })
{
    m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl CannedServer::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server.port());
    return u;
}

void CannedServer::on(const QString &path, int status, const QByteArray &body) { m_answers.insert(path, {status, body}); }

void CannedServer::on(const QString &path, Answer answer) { m_answers.insert(path, std::move(answer)); }
