#include "ProxyOptions.h"

#include "api/ProxyClient.h"

#include <QCommandLineParser>

#include <cmath>

QList<QCommandLineOption> ProxyOptions::options() {
    return {
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
    const QString urlVariable = QLatin1StringView(kUrlVariable);
    const QString urlText =
        parser.isSet(QStringLiteral("url")) ? parser.value(QStringLiteral("url")) : env.value(urlVariable);
    if (urlText.trimmed().isEmpty())
        return std::unexpected(QStringLiteral("no proxy URL: pass --url URL or set %1").arg(urlVariable));
    QString why;
    o.config.baseUrl = normalizeBaseUrl(urlText, &why);
    if (!o.config.baseUrl.isValid())
        return std::unexpected(QStringLiteral("bad proxy URL: %1").arg(why));

    const QString style = parser.value(QStringLiteral("auth-header")).trimmed().toLower();
    if (style != u"bearer" && style != u"x-litellm-api-key")
        return std::unexpected(
            QStringLiteral("--auth-header must be bearer or x-litellm-api-key, not \"%1\"").arg(style));
    o.config.authStyle = authStyleFromName(style);

    bool ok = false;
    const double seconds = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 86400)
        return std::unexpected(
            QStringLiteral("--timeout expects a number of seconds greater than 0, not \"%1\"")
                .arg(parser.value(QStringLiteral("timeout"))));
    o.config.timeoutMs = std::max(1, static_cast<int>(std::lround(seconds * 1000)));

    o.apiKey = env.value(QLatin1StringView(kKeyVariable)).trimmed();
    return o;
}

ProxyClient *ProxyOptions::makeClient(QObject *parent) const {
    return new ProxyClient(config, apiKey, parent);
}
