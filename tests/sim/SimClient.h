#pragma once

#include "sim/Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>

// A plain HTTP client for simulator tests: one call, one answer, waited for with a signal spy.
class SimClient {
public:
    struct Answer {
        int status = 0;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        bool finished = false;

        QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
        QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
        bool isJson() const { return !QJsonDocument::fromJson(body).isNull(); }
        QString errorMessage() const {
            return object().value(u"error").toObject().value(u"message").toString();
        }
        QString errorType() const { return object().value(u"error").toObject().value(u"type").toString(); }
    };

    explicit SimClient(Simulator &sim)
        : m_sim(sim)
        , m_key(sim.masterKey().toUtf8()) {}

    void setKey(const QByteArray &key) { m_key = key; }
    void setHeader(const QByteArray &name, const QByteArray &value) { m_header = {name, value}; }
    void setTimeout(int ms) { m_timeoutMs = ms; }

    Answer get(const QString &pathAndQuery) { return call("GET", pathAndQuery, {}); }
    Answer post(const QString &path, const QJsonObject &body) { return call("POST", path, body); }

    Answer call(const QByteArray &verb, const QString &pathAndQuery, const QJsonObject &body) {
        QNetworkRequest request(m_sim.url().resolved(QUrl(pathAndQuery)));
        request.setTransferTimeout(m_timeoutMs);
        if (!m_header.first.isEmpty())
            request.setRawHeader(m_header.first, m_header.second);
        else if (!m_key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_key);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = verb == "GET"
                                   ? m_nam.get(request)
                                   : m_nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy done(reply, &QNetworkReply::finished);
        Answer a;
        a.finished = done.wait(m_timeoutMs + 5000) || !done.isEmpty();
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.error = reply->error();
        reply->deleteLater();
        return a;
    }

private:
    Simulator &m_sim;
    QNetworkAccessManager m_nam;
    QByteArray m_key;
    QPair<QByteArray, QByteArray> m_header;
    int m_timeoutMs = 20000;
};
