#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// An answer from a simulator route, and helpers for LiteLLM's error shapes.
struct SimReply {
    int status = 200;
    QByteArray body;
    QByteArray headers = {}; // extra header lines, each ending in "\r\n"

    static SimReply json(const QJsonObject &o, int status = 200);
    static SimReply json(const QJsonArray &a, int status = 200);
    static SimReply raw(QByteArray body, int status = 200) { return {status, std::move(body)}; }
    // {"error":{"message":..,"type":..,"param":"None","code":"401"}}, as ProxyException sends it.
    static SimReply error(int status, const QString &message, const QString &type, const QString &param = {});
    // {"detail": "..."} or {"detail": {"error": "..."}}, as a raw FastAPI HTTPException sends it.
    static SimReply detail(int status, const QString &text, bool wrapInErrorObject = false);
    // {"detail":[{"type":"missing","loc":["body", field],"msg":"Field required","input":..}]}
    static SimReply validation(const QString &location, const QString &field, const QString &msg,
                               const QString &type = QStringLiteral("missing"));
};
