#include "Profile.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

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
    c.timeoutMs = std::clamp(timeoutSeconds, 1, kMaxTimeoutSeconds) * 1000; // never none, never overflowing
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
    if (timeoutSeconds < 1 || timeoutSeconds > kMaxTimeoutSeconds)
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

namespace {

// A settings value as text. An INI value with commas that were not quoted (a file edited by hand) comes
// back as a list: it is joined again rather than read as nothing.
QString settingText(const QVariant &v) {
    if (v.typeId() != QMetaType::QStringList)
        return v.toString();
    QStringList parts = v.toStringList();
    for (QString &part : parts)
        part = part.trimmed();
    return parts.join(QStringLiteral(", "));
}

// Only what QSettings writes for true (or a number other than 0) is true: any other word is false.
bool settingTrue(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::Bool:
        return v.toBool();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return v.toDouble() != 0;
    default:
        break;
    }
    const QString s = settingText(v).trimmed().toLower();
    return s == u"true" || s == u"1";
}

} // namespace

Profile profileFromSettings(const QString &id, const QVariantMap &values) {
    const auto text = [&values](const char *key) { return settingText(values.value(QLatin1String(key))); };
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
    // A stray word never confirms plain HTTP, and a timeout is never 0 (none at all) nor past the limit.
    p.plainHttpConfirmed = settingTrue(values.value(QStringLiteral("plainHttpConfirmed")));
    bool ok = false;
    const double timeout = values.value(QStringLiteral("timeoutSeconds"), 30).toDouble(&ok);
    if (ok && timeout >= 1 && timeout <= Profile::kMaxTimeoutSeconds)
        p.timeoutSeconds = static_cast<int>(timeout);
    else if (ok && timeout > Profile::kMaxTimeoutSeconds)
        p.timeoutSeconds = Profile::kMaxTimeoutSeconds;
    return p;
}
