#pragma once

#include "core/api/Call.h"
#include "core/api/ModelInfo.h"

namespace api {

struct ModelQuery {
    int page = 1;
    int size = 50;
    QString search;
    QString teamId;
};

Expected<ModelPage> decodeModelPage(const QByteArray &body);  // /v2/model/info and /model/info
Expected<QStringList> decodeModelIds(const QByteArray &body); // /models

ApiReply *modelInfoV2(ProxyClient &client, const ModelQuery &query, QObject *context,
                      Handler<ModelPage> done);
ApiReply *modelInfo(ProxyClient &client, QObject *context, Handler<ModelPage> done);
ApiReply *models(ProxyClient &client, QObject *context, Handler<QStringList> done);

} // namespace api
