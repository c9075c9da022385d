#pragma once

#include "core/connection/Profile.h"
#include "core/connection/ProxyProbe.h"
#include "core/connection/SecretStore.h"

#include <QObject>
#include <QPointer>

class ProxyClient;

// One open connection to a profile's proxy: fetches the master key from the keychain (or this
// session's memory), makes the ProxyClient, and probes version and role. Logging out wipes the key.
class Connection : public QObject {
    Q_OBJECT
public:
    // SavingKey: the proxy accepted a key typed for the keychain, which is being stored there.
    enum class State { Idle, ReadingKey, NeedsKey, Connecting, SavingKey, Connected, Failed };
    Q_ENUM(State)

    enum class KeyStorage { Keychain, SessionOnly };

    Connection(Profile profile, SecretStore *keychain, MemorySecretStore *session, QObject *parent = nullptr);
    ~Connection() override;

    const Profile &profile() const { return m_profile; }
    State state() const { return m_state; }
    ProxyClient *client() const { return m_client; }
    const ProbeResult &probe() const { return m_probe; }
    const SecretError &keyError() const { return m_keyError; }
    // Where the key in use came from / went to.
    KeyStorage keyStorage() const { return m_storage; }
    // Whether a key typed now may be offered for the keychain: there is one (saved profiles only), it
    // answered (no backend, locked, access denied or an unknown failure rule it out), and the key was not
    // just refused after being typed for this session only (it would only be refused again).
    bool canStoreKeyInKeychain(const SecretError &reason, bool wrongKey) const;

    // Looks the key up and connects; emits keyNeeded() when there is none or the keychain can't be used.
    void open();
    // A key typed by the user. Keychain: stored there once the proxy has accepted it (a permission
    // refusal still proves the key; a 401 means it is never stored, and a network failure leaves it
    // waiting for a reconnect); a keychain failure then emits keyNeeded with the reason, so the user can
    // choose session-only. SessionOnly: kept in memory for this run.
    void provideKey(const QString &key, KeyStorage storage);
    // Connects again with the key already in memory (after a network error, say).
    void reconnect();
    // Forgets the key in memory and drops the client; the keychain entry stays.
    void logout();

signals:
    void stateChanged(Connection::State state);
    void keyNeeded(const SecretError &reason);
    void connected(const ProbeResult &result);
    void failed(const ApiError &error);
    // A step of connecting, or a read waiting to be sent again: a line for the status bar.
    void progress(const QString &step);

private:
    void setState(State s);
    void connectWith(const QString &key);
    // The probe accepted the key typed for the keychain: store it, then report `result`.
    void keepKeyThen(const ProbeResult &result);
    void probed(const ProbeResult &result);

    Profile m_profile;
    QPointer<SecretStore> m_keychain;
    QPointer<MemorySecretStore> m_session;
    ProxyClient *m_client = nullptr;
    ProxyProbe *m_prober = nullptr;
    ProbeResult m_probe;
    SecretError m_keyError;
    State m_state = State::Idle;
    KeyStorage m_storage = KeyStorage::Keychain;
    QString m_key;
    bool m_keepInKeychain = false; // the key in use was typed for the keychain and is not stored yet
};
