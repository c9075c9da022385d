#pragma once

#include "CannedServer.h"
#include "core/api/Call.h"

#include <QTest>

#include <memory>
#include <optional>

// Runs one typed call and waits (event loop, no sleeps) for its handler.
// `start` is given the context object and the handler to pass to an api:: function.
template <typename T, typename Start> std::optional<Expected<T>> waitFor(Start start, int timeoutMs = 10000) {
    QObject context;
    auto result = std::make_shared<std::optional<Expected<T>>>();
    start(&context, Handler<T>([result](Expected<T> r) { *result = std::move(r); }));
    (void)QTest::qWaitFor([&] { return result->has_value(); }, timeoutMs);
    return *result;
}

inline std::unique_ptr<ProxyClient> clientFor(const CannedServer &server, int timeoutMs = 5000) {
    ClientConfig config;
    config.baseUrl = server.url();
    config.timeoutMs = timeoutMs;
    return std::make_unique<ProxyClient>(config, QStringLiteral("sk-master-1234"));
}
