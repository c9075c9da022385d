#pragma once

#include "core/api/ProxyClient.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

template <typename T> using Handler = std::function<void(Expected<T>)>;

template <typename T> using Decoder = Expected<T> (*)(const QByteArray &);

namespace api {

// Bodies above this size are decoded on a worker thread so the window never stalls on them.
inline constexpr qsizetype kOffThreadDecodeBytes = 512 * 1024;

// Sends `request`, decodes the reply with `decode` and hands the result to `done`, in `context`'s thread,
// unless `context` is gone by then. Returns the reply so the caller can cancel it.
template <typename T>
ApiReply *call(ProxyClient &client, Request request, Decoder<T> decode, QObject *context, Handler<T> done) {
    ApiReply *reply = client.send(std::move(request));
    QObject::connect(reply, &ApiReply::finished, context, [reply, decode, context, done = std::move(done)] {
        if (!reply->isOk()) {
            done(Unexpected(reply->error()));
            return;
        }
        if (reply->body().size() < kOffThreadDecodeBytes) {
            done(decode(reply->body()));
            return;
        }
        auto *watcher = new QFutureWatcher<Expected<T>>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done] {
            watcher->deleteLater();
            done(watcher->result());
        });
        watcher->setFuture(QtConcurrent::run([decode, body = reply->body()] { return decode(body); }));
    });
    return reply;
}

} // namespace api
