#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <expected>

// One error type for every failure a request can end in. `message` is for the user, `hint` says what to
// do about it, `detail` is for logs and the "details" disclosure. None of them ever holds a secret.
struct ApiError {
    enum class Kind { Network, Tls, Timeout, Canceled, Http, Decode, TooLarge };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 when no HTTP status was received
    QString type;       // LiteLLM's error `type` (auth_error, not_found_error, ...) when it sent one
    QString message;
    QString hint;
    QString detail;
    // For TLS errors: the proxy's certificate, so the user can inspect and pin it.
    QString certificateSha256;
    QString certificateSummary;

    bool isTransient() const;
    bool needsEnterprise() const;
    // "HTTP 401: Authentication Error ... (hint)" — one line, for a CLI's stderr or a status bar.
    QString toString() const;

    static ApiError decode(const QString &what, const QString &detail = {});
    // Builds an error from an HTTP status and the body LiteLLM sent with it: its
    // {"error":{...}} envelope, FastAPI's {"detail": ...} (string, object or 422 list) or plain text.
    static ApiError fromHttp(int status, const QByteArray &body);
};
Q_DECLARE_METATYPE(ApiError)

template <typename T> using Expected = std::expected<T, ApiError>;
using Unexpected = std::unexpected<ApiError>;

QString kindName(ApiError::Kind kind);
