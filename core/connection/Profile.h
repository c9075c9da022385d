#pragma once

#include "core/api/ClientConfig.h"

#include <QString>
#include <QUrl>
#include <QVariantMap>

// A saved connection to one proxy. Never holds a secret: the master key is in the keychain under
// service "litellm-desk", key "profile/<id>".
struct Profile {
    QString id;   // stable, generated once (a UUID without braces)
    QString name; // display name, unique (case-insensitive)
    QUrl baseUrl;
    AuthStyle authStyle = AuthStyle::Bearer;
    QString environment;             // free label such as dev, staging, prod
    QString color;                   // "#rrggbb", shown beside the profile everywhere
    QString caFile;                  // extra CA certificate(s), PEM
    QString pinnedSha256;            // hex SHA-256 of a self-signed proxy's certificate
    bool plainHttpConfirmed = false; // the user accepted http:// to a host that is not loopback
    int timeoutSeconds = 30;         // 1 to kMaxTimeoutSeconds
    static constexpr int kMaxTimeoutSeconds = 600;

    bool isValid() const { return !id.isEmpty() && !name.isEmpty() && baseUrl.isValid(); }
    bool isLoopback() const;
    // http:// to a non-loopback host that the user has not confirmed.
    bool needsPlainHttpConfirmation() const;
    QString secretKey() const { return QStringLiteral("profile/") + id; }
    // Watch's webhook URL (a secret: whoever has it can post) lives in the keychain beside the key.
    QString webhookSecretKey() const { return QStringLiteral("webhook/") + id; }
    ClientConfig clientConfig() const;

    // Empty when the profile can be saved; otherwise what to fix, for the dialog and the CLI alike.
    QString validate() const;

    static QString newId();
    static QString defaultColor(const QString &environment);
};

// A saved profile as ProfileStore reads it back: `values` are the settings of its group (name, url, auth,
// environment, color, caFile, pinnedSha256, plainHttpConfirmed, timeoutSeconds), as QSettings hands
// them over. Missing values take their defaults, and so do values that would make the connection laxer
// than the file says: only "true" (or a number other than 0) confirms plain HTTP, and a timeout that is
// not a number of seconds from 1 is 30 (past the limit, the limit).
Profile profileFromSettings(const QString &id, const QVariantMap &values);
