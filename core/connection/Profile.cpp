#include "Profile.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUuid>

bool Profile::isLoopback() const {
    const QString host = baseUrl.host();
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

bool Profile::needsPlainHttpConfirmation() const {
    return baseUrl.scheme() == u"http" && !isLoopback() && !plainHttpConfirmed;
}

ClientConfig Profile::clientConfig() const {
    ClientConfig c;
    c.baseUrl = baseUrl;
    c.authStyle = authStyle;
    c.timeoutMs = timeoutSeconds * 1000;
    c.caFile = caFile;
    c.pinnedSha256 = pinnedSha256;
    return c;
}

QString Profile::validate() const {
    if (name.trimmed().isEmpty())
        return QStringLiteral("Give the connection a name.");
    if (name.size() > 80)
        return QStringLiteral("The name is too long (80 characters at most).");
    QString why;
    if (!normalizeBaseUrl(baseUrl.toString(), &why).isValid())
        return why;
    if (timeoutSeconds < 1 || timeoutSeconds > 600)
        return QStringLiteral("The timeout must be between 1 and 600 seconds.");
    static const QRegularExpression rgb(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!color.isEmpty() && !rgb.match(color).hasMatch())
        return QStringLiteral("The colour must be written #rrggbb.");
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!pinnedSha256.isEmpty() && !hex.match(QString(pinnedSha256).remove(u':')).hasMatch())
        return QStringLiteral("The pinned certificate must be a SHA-256 fingerprint (64 hex digits).");
    return {};
}

QString Profile::newId() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Profile::defaultColor(const QString &environment) {
    const QString env = environment.toLower();
    if (env.startsWith(u"prod"))
        return QStringLiteral("#c62828");
    if (env.startsWith(u"stag"))
        return QStringLiteral("#ef8f00");
    if (env.startsWith(u"dev") || env.startsWith(u"test") || env == u"demo")
        return QStringLiteral("#2e7d32");
    return QStringLiteral("#1565c0");
}

Profile profileFromSettings(const QString &id, const QVariantMap &values) {
    const auto text = [&values](const char *key) { return values.value(QLatin1String(key)).toString(); };
    Profile p;
    p.id = id;
    p.name = text("name");
    p.baseUrl = QUrl(text("url"));
    p.authStyle = authStyleFromName(text("auth"));
    p.environment = text("environment");
    p.color = text("color");
    if (p.color.isEmpty())
        p.color = Profile::defaultColor(p.environment);
    p.caFile = text("caFile");
    p.pinnedSha256 = text("pinnedSha256");
    p.plainHttpConfirmed = values.value(QStringLiteral("plainHttpConfirmed"), false).toBool();
    p.timeoutSeconds = values.value(QStringLiteral("timeoutSeconds"), 30).toInt();
    return p;
}
