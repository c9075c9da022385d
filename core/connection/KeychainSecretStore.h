#pragma once

#include "core/connection/SecretStore.h"

// The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager
// on Windows). Service "litellm-desk"; insecure fallback off: where no keychain exists, calls fail with
// NoBackend and nothing is written in plain text.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("litellm-desk"),
                                 QObject *parent = nullptr);

    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const QString &secret, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;
    QString backendName() const override;

private:
    QString m_service;
};
