#pragma once

#include "core/api/ClientConfig.h"
#include "core/connection/Profile.h"

#include <QCommandLineOption>
#include <QList>
#include <QProcessEnvironment>
#include <QString>

#include <expected>
#include <optional>

class ProxyClient;
class QCommandLineParser;
class QObject;

// Where the CLI keeps what the GUI keeps: profiles in the app's QSettings (organization and application
// "litellm-desk") and roles.json beside them. --config FILE (an INI file, roles.json in its folder) or
// $LITELLM_DESK_CONFIG_DIR (litellm-desk.conf and roles.json in it) point elsewhere.
struct DeskConfig {
    static constexpr auto kDirVariable = "LITELLM_DESK_CONFIG_DIR";

    QString settingsFile; // empty: the application's native settings
    QString rolesFile;

    static QCommandLineOption option();
    static DeskConfig read(const QCommandLineParser &parser, const QProcessEnvironment &env);
};

// How to reach the proxy: --url (or LITELLM_PROXY_URL), --auth-header, --timeout, and the key, which is
// read only from LITELLM_PROXY_API_KEY so it never shows up in a process list or shell history.
// Or --profile NAME: a saved connection, whose key the runner reads from the keychain before the command
// starts.
struct ProxyOptions {
    static constexpr auto kUrlVariable = "LITELLM_PROXY_URL";
    static constexpr auto kKeyVariable = "LITELLM_PROXY_API_KEY";

    ClientConfig config;
    QString apiKey;
    DeskConfig deskConfig;
    std::optional<Profile> profile;

    // Roles belong to a profile (its id) or, with --url, to the proxy's URL.
    QString roleScope() const { return profile ? profile->id : config.baseUrl.toString(); }

    bool hasKey() const { return !apiKey.isEmpty(); }
    ProxyClient *makeClient(QObject *parent) const;

    static QList<QCommandLineOption> options();
    // Reads the parsed options and the environment; the error is a usage message that says what to do.
    static std::expected<ProxyOptions, QString> read(const QCommandLineParser &parser,
                                                     const QProcessEnvironment &env);
    // --auth-header and --timeout into `config` (`onlyGiven`: only those on the command line, over a
    // profile's).
    static std::expected<void, QString> readConnection(const QCommandLineParser &parser, ClientConfig &config,
                                                       bool onlyGiven);
};
