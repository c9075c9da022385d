#include "SimHttp.h"

#include <QJsonDocument>

SimReply SimReply::json(const QJsonObject &o, int status) {
    return {status, QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

SimReply SimReply::json(const QJsonArray &a, int status) {
    return {status, QJsonDocument(a).toJson(QJsonDocument::Compact)};
}

SimReply SimReply::error(int status, const QString &message, const QString &type, const QString &param) {
    QJsonObject err{{QStringLiteral("message"), message},
                    {QStringLiteral("type"), type},
                    {QStringLiteral("param"), param.isEmpty() ? QStringLiteral("None") : param},
                    {QStringLiteral("code"), QString::number(status)}};
    return json(QJsonObject{{QStringLiteral("error"), err}}, status);
}

SimReply SimReply::detail(int status, const QString &text, bool wrapInErrorObject) {
    if (wrapInErrorObject)
        return json(QJsonObject{{QStringLiteral("detail"), QJsonObject{{QStringLiteral("error"), text}}}},
                    status);
    return json(QJsonObject{{QStringLiteral("detail"), text}}, status);
}

SimReply SimReply::validation(const QString &location, const QString &field, const QString &msg,
                              const QString &type) {
    QJsonObject item{{QStringLiteral("type"), type},
                     {QStringLiteral("loc"), QJsonArray{location, field}},
                     {QStringLiteral("msg"), msg},
                     {QStringLiteral("input"), QJsonValue::Null}};
    return json(QJsonObject{{QStringLiteral("detail"), QJsonArray{item}}}, 422);
}
