#pragma once

#include "core/connection/Connection.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

// Asks for a connection's master key (typed with echo off) and says why it is needed. Where the key can
// go to the keychain, "Save in Keychain and Connect"; where the keychain cannot be used (or the
// connection is not saved), "Use for This Session Only". Never a plain-text fallback. The typed key is
// handed over in keyEntered() and wiped from the field.
class KeyPrompt : public QDialog {
    Q_OBJECT
public:
    enum class Reason {
        Missing,
        WrongKey,
        KeychainLocked,
        NoKeychain,
        KeychainDenied,
        KeychainError,
        NotSaved
    };
    Q_ENUM(Reason)

    // `keychainUsable`: the key can be saved in the keychain; otherwise only session-only use is offered.
    KeyPrompt(const Profile &profile, Reason reason, bool keychainUsable, const QString &detail = {},
              QWidget *parent = nullptr);

    Reason reason() const { return m_reason; }
    bool offersKeychain() const { return m_keychainUsable; }
    bool offersSessionOnly() const { return !m_keychainUsable; }

    // What a SecretError from the keychain means for the prompt; `wrongKey` when the proxy refused the key.
    static Reason reasonFor(const SecretError &error, bool wrongKey, bool savedProfile);
    static QString explain(Reason reason, const QString &profileName);

signals:
    void keyEntered(const QString &key, Connection::KeyStorage storage);

private:
    void submit(Connection::KeyStorage storage);

    Reason m_reason;
    bool m_keychainUsable = false;
    QLineEdit *m_key = nullptr;
    QPushButton *m_keychainButton = nullptr;
    QPushButton *m_sessionButton = nullptr;
};
