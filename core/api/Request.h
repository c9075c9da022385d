#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

// One admin API call, before it is sent: method, path below the base URL, query and JSON body.
struct Request {
    enum class Method { Get, Post };

    Method method = Method::Get;
    QString path;
    QUrlQuery query;
    QJsonObject body;

    static Request get(QString path, QUrlQuery query = {}) {
        return {Method::Get, std::move(path), std::move(query), {}};
    }
    static Request post(QString path, QJsonObject body = {}) {
        return {Method::Post, std::move(path), {}, std::move(body)};
    }
};
