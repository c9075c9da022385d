#include "ClientConfig.h"

QUrl normalizeBaseUrl(const QString &text, QString *why) {
    QString t = text.trimmed();
    if (t.isEmpty()) {
        if (why)
            *why = QStringLiteral("Enter the proxy's URL, for example https://litellm.example.com.");
        return {};
    }
    if (!t.contains(QStringLiteral("://")))
        t.prepend(QStringLiteral("https://"));
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        if (why)
            *why = QStringLiteral("\"%1\" is not a valid URL.").arg(text.trimmed());
        return {};
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        if (why)
            *why = QStringLiteral("The URL must start with http:// or https://.");
        return {};
    }
    url.setScheme(scheme);
    QString path = url.path();
    while (path.contains(QStringLiteral("//")))
        path.replace(QStringLiteral("//"), QStringLiteral("/"));
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QString authStyleName(AuthStyle style) {
    return style == AuthStyle::LiteLlmHeader ? QStringLiteral("x-litellm-api-key") : QStringLiteral("bearer");
}

AuthStyle authStyleFromName(const QString &name) {
    return name.trimmed().toLower() == u"x-litellm-api-key" ? AuthStyle::LiteLlmHeader : AuthStyle::Bearer;
}

QString normalizeFingerprint(const QString &fingerprint) {
    QString out;
    for (const QChar c : fingerprint)
        if (c.isLetterOrNumber())
            out += c.toLower();
    return out;
}

QHash<QString, qint64> ClientConfig::defaultReplyLimits() {
    QHash<QString, qint64> limits;
    for (const char *entity : {"user", "team", "tag", "organization", "customer", "agent"}) {
        const QString route = u'/' + QLatin1StringView(entity) + u"/daily/activity";
        limits.insert(route, kActivityReplyLimit);
        limits.insert(route + u"/aggregated", kActivityReplyLimit);
    }
    return limits;
}
