#pragma once

#include <QString>
#include <QUrl>

enum class AuthStyle {
    Bearer,        // Authorization: Bearer sk-...
    LiteLlmHeader, // x-litellm-api-key: sk-... (for gateways that consume Authorization)
};

// What a ProxyClient needs to reach one proxy. Holds no secret.
struct ClientConfig {
    QUrl baseUrl;
    AuthStyle authStyle = AuthStyle::Bearer;
    int timeoutMs = 30000;
    int maxInFlight = 4;
    QString caFile;       // extra trusted CA certificates (PEM), added to the system's
    QString pinnedSha256; // hex SHA-256 of the proxy's own certificate: trusted even if self-signed
};

// "AB:cd:..." -> "abcd..."
QString normalizeFingerprint(const QString &fingerprint);

// "http://host:4000//" -> "http://host:4000"; keeps a path prefix ("https://gw/litellm/" -> ".../litellm").
// Returns an invalid URL (and a message in *why) when the text is not an http(s) URL.
QUrl normalizeBaseUrl(const QString &text, QString *why = nullptr);
QString authStyleName(AuthStyle style);
AuthStyle authStyleFromName(const QString &name);
