#pragma once

#include "api/ClientConfig.h"

#include <QCommandLineOption>
#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <expected>

class ProxyClient;
class QCommandLineParser;
class QObject;

// How to reach the proxy: --url (or LITELLM_PROXY_URL), --auth-header, --timeout, and the key, which is
// read only from LITELLM_PROXY_API_KEY so it never shows up in a process list or shell history.
struct ProxyOptions {
    static constexpr auto kUrlVariable = "LITELLM_PROXY_URL";
    static constexpr auto kKeyVariable = "LITELLM_PROXY_API_KEY";

    ClientConfig config;
    QString apiKey;

    bool hasKey() const { return !apiKey.isEmpty(); }
    ProxyClient *makeClient(QObject *parent) const;

    static QList<QCommandLineOption> options();
    // Reads the parsed options and the environment; the error is a usage message that says what to do.
    static std::expected<ProxyOptions, QString> read(const QCommandLineParser &parser,
                                                     const QProcessEnvironment &env);
};
