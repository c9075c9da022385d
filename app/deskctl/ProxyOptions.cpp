#include "ProxyOptions.h"

#include "Console.h"

#include "core/api/ProxyClient.h"
#include "core/connection/ProfileStore.h"
#include "core/roles/RoleStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <cmath>

QCommandLineOption DeskConfig::option() {
    return QCommandLineOption(
        QStringLiteral("config"),
        QStringLiteral("Settings file (INI) with the saved profiles; roles.json is kept "
                       "beside it (default: the app's settings, or $%1).")
            .arg(QLatin1StringView(kDirVariable)),
        QStringLiteral("FILE"));
}

DeskConfig DeskConfig::read(const QCommandLineParser &parser, const QProcessEnvironment &env) {
    DeskConfig c;
    const QString dir = env.value(QLatin1StringView(kDirVariable));
    if (parser.isSet(QStringLiteral("config"))) {
        c.settingsFile = QFileInfo(parser.value(QStringLiteral("config"))).absoluteFilePath();
        c.rolesFile = QFileInfo(c.settingsFile).absolutePath() + QStringLiteral("/roles.json");
    } else if (!dir.isEmpty()) {
        c.settingsFile = QDir(dir).absoluteFilePath(QStringLiteral("litellm-desk.conf"));
        c.rolesFile = QDir(dir).absoluteFilePath(QStringLiteral("roles.json"));
    } else {
        c.rolesFile = RoleStore::defaultPath();
    }
    return c;
}

QList<QCommandLineOption> ProxyOptions::options() {
    return {
        QCommandLineOption(QStringLiteral("profile"),
                           QStringLiteral("Use a saved profile (see \"profiles list\"): its URL, TLS options "
                                          "and the key in the keychain."),
                           QStringLiteral("NAME")),
        DeskConfig::option(),
        QCommandLineOption(
            QStringLiteral("url"),
            QStringLiteral("The proxy's base URL (default: $%1).").arg(QLatin1StringView(kUrlVariable)),
            QStringLiteral("URL")),
        QCommandLineOption(QStringLiteral("auth-header"),
                           QStringLiteral("How to send the key: bearer (Authorization: Bearer, default) or "
                                          "x-litellm-api-key. The key itself is read from $%1.")
                               .arg(QLatin1StringView(kKeyVariable)),
                           QStringLiteral("STYLE"), QStringLiteral("bearer")),
        QCommandLineOption(
            QStringLiteral("timeout"),
            QStringLiteral("Give up on a request after this many seconds without data (default 30)."),
            QStringLiteral("SECONDS"), QStringLiteral("30")),
    };
}

std::expected<ProxyOptions, QString> ProxyOptions::read(const QCommandLineParser &parser,
                                                        const QProcessEnvironment &env) {
    ProxyOptions o;
    o.deskConfig = DeskConfig::read(parser, env);
    if (parser.isSet(QStringLiteral("profile"))) {
        const QString name = parser.value(QStringLiteral("profile"));
        if (parser.isSet(QStringLiteral("url")))
            return std::unexpected(QStringLiteral("--profile and --url cannot be used together"));
        ProfileStore store(o.deskConfig.settingsFile);
        o.profile = store.find(name);
        if (!o.profile)
            return std::unexpected(
                QStringLiteral("no profile named \"%1\" (see \"litellm-deskctl profiles list\")").arg(name));
        o.config = o.profile->clientConfig();
        if (const auto overrides = readConnection(parser, o.config, true); !overrides)
            return std::unexpected(overrides.error());
        return o; // the key comes from the keychain
    }
    const QString urlVariable = QLatin1StringView(kUrlVariable);
    const QString urlText =
        parser.isSet(QStringLiteral("url")) ? parser.value(QStringLiteral("url")) : env.value(urlVariable);
    if (urlText.trimmed().isEmpty())
        return std::unexpected(QStringLiteral("no proxy URL: pass --url URL or set %1").arg(urlVariable));
    QString why;
    o.config.baseUrl = normalizeBaseUrl(urlText, &why);
    if (!o.config.baseUrl.isValid())
        return std::unexpected(QStringLiteral("bad proxy URL: %1").arg(why));

    if (const auto connection = readConnection(parser, o.config, false); !connection)
        return std::unexpected(connection.error());
    o.apiKey = env.value(QLatin1StringView(kKeyVariable)).trimmed();
    return o;
}

std::expected<void, QString> ProxyOptions::readConnection(const QCommandLineParser &parser,
                                                          ClientConfig &config, bool onlyGiven) {
    if (!onlyGiven || parser.isSet(QStringLiteral("auth-header"))) {
        const QString style = parser.value(QStringLiteral("auth-header")).trimmed().toLower();
        if (style != u"bearer" && style != u"x-litellm-api-key")
            return std::unexpected(
                QStringLiteral("--auth-header must be bearer or x-litellm-api-key, not \"%1\"").arg(style));
        config.authStyle = authStyleFromName(style);
    }
    if (onlyGiven && !parser.isSet(QStringLiteral("timeout")))
        return {};
    bool ok = false;
    const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
        return std::unexpected(
            QStringLiteral("--timeout expects a number of seconds greater than 0, not \"%1\"")
                .arg(parser.value(QStringLiteral("timeout"))));
    config.timeoutMs = std::max(1, static_cast<int>(std::lround(seconds * 1000)));
    return {};
}

ProxyClient *ProxyOptions::makeClient(QObject *parent) const {
    auto *client = new ProxyClient(config, apiKey, parent);
    QObject::connect(client, &ProxyClient::retrying, client,
                     [](const QString &text) { console::note(QStringLiteral("waiting"), text); });
    return client;
}
