#pragma once

#include <QHash>
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

    // A read (GET) answered 429 or 503 is sent again up to `maxRetries` times, after the proxy's
    // Retry-After or a doubling pause; a wait longer than `maxRetryWaitMs` is not waited for. Writes are
    // never sent twice.
    int maxRetries = 3;
    int maxRetryWaitMs = 30000;

    // The largest reply accepted from a route, in bytes: a bigger one fails before it is read, so a
    // proxy cannot fill the memory. `replyLimits` holds the routes with their own limit.
    static constexpr qint64 kDefaultReplyLimit = qint64(64) << 20;
    static constexpr qint64 kActivityReplyLimit = qint64(512) << 20;
    qint64 maxReplyBytes = kDefaultReplyLimit;
    QHash<QString, qint64> replyLimits = defaultReplyLimits();

    qint64 replyLimit(const QString &path) const { return replyLimits.value(path, maxReplyBytes); }
    // The daily activity routes, whose replies cover whole ranges: kActivityReplyLimit each.
    static QHash<QString, qint64> defaultReplyLimits();
};

// "AB:cd:..." -> "abcd..."
QString normalizeFingerprint(const QString &fingerprint);

// "http://host:4000//" -> "http://host:4000"; keeps a path prefix ("https://gw/litellm/" -> ".../litellm").
// Returns an invalid URL (and a message in *why) when the text is not an http(s) URL.
QUrl normalizeBaseUrl(const QString &text, QString *why = nullptr);
QString authStyleName(AuthStyle style);
AuthStyle authStyleFromName(const QString &name);
