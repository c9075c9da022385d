#include "Connection.h"

#include "core/api/ErrorReason.h"
#include "core/api/ProxyClient.h"

Connection::Connection(Profile profile, SecretStore *keychain, MemorySecretStore *session, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_keychain(keychain)
    , m_session(session) {}

Connection::~Connection() {
    m_key.fill(u'\0');
}

void Connection::setState(State s) {
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void Connection::open() {
    m_keepInKeychain = false;
    setState(State::ReadingKey);
    // A key kept for this session wins: the user chose it after the keychain failed.
    if (m_session && m_session->contains(m_profile.secretKey())) {
        m_session->read(m_profile.secretKey(), this, [this](QString key, SecretError) {
            m_storage = KeyStorage::SessionOnly;
            connectWith(key);
        });
        return;
    }
    if (!m_keychain) {
        m_keyError = {SecretError::Kind::NoBackend, tr("No keychain is available."), {}};
        setState(State::NeedsKey);
        emit keyNeeded(m_keyError);
        return;
    }
    m_keychain->read(m_profile.secretKey(), this, [this](QString key, SecretError e) {
        if (!e.ok() || key.isEmpty()) {
            m_keyError =
                e.ok() ? SecretError{SecretError::Kind::NotFound, tr("No key is stored for this connection."),
                                     tr("Enter the proxy's master key.")}
                       : e;
            setState(State::NeedsKey);
            emit keyNeeded(m_keyError);
            return;
        }
        m_storage = KeyStorage::Keychain;
        connectWith(key);
    });
}

void Connection::provideKey(const QString &key, KeyStorage storage) {
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty()) {
        m_keyError = {SecretError::Kind::NotFound, tr("The key is empty."),
                      tr("Paste the proxy's master key.")};
        emit keyNeeded(m_keyError);
        return;
    }
    if (storage == KeyStorage::SessionOnly || !m_keychain) {
        m_storage = KeyStorage::SessionOnly;
        m_keepInKeychain = false;
        if (m_session)
            m_session->write(m_profile.secretKey(), trimmed, this, [](SecretError) {});
        connectWith(trimmed);
        return;
    }
    // Kept in the keychain only once the proxy accepts it: a key it refuses is never stored.
    m_storage = KeyStorage::Keychain;
    m_keepInKeychain = true;
    connectWith(trimmed);
}

void Connection::keepKeyThen(const ProbeResult &result) {
    if (!m_keychain) {
        m_keyError = {SecretError::Kind::NoBackend, tr("No keychain is available."), {}};
        setState(State::NeedsKey);
        emit keyNeeded(m_keyError);
        return;
    }
    setState(State::SavingKey);
    m_keychain->write(m_profile.secretKey(), m_key, this, [this, result](SecretError e) {
        if (!e.ok()) {
            // Nothing connects with a key that was not kept where the user asked: say why, so they can
            // choose this session only.
            m_keyError = e;
            setState(State::NeedsKey);
            emit keyNeeded(e);
            return;
        }
        m_keepInKeychain = false;
        if (m_session)
            m_session->wipe(m_profile.secretKey());
        probed(result);
    });
}

bool Connection::canStoreKeyInKeychain(const SecretError &reason, bool wrongKey) const {
    return m_keychain && reason.kind != SecretError::Kind::Other && !reason.keychainUnavailable() &&
           !(wrongKey && m_storage == KeyStorage::SessionOnly);
}

void Connection::reconnect() {
    if (m_key.isEmpty()) {
        open();
        return;
    }
    connectWith(QString(m_key));
}

void Connection::connectWith(const QString &key) {
    if (m_client) {
        m_client->cancelAll();
        m_client->deleteLater();
    }
    m_key.fill(u'\0');
    m_key = key;
    m_client = new ProxyClient(m_profile.clientConfig(), key, this);
    connect(m_client, &ProxyClient::retrying, this, &Connection::progress); // "The proxy is busy …"
    delete m_prober;
    m_prober = new ProxyProbe(m_client, this);
    connect(m_prober, &ProxyProbe::stepChanged, this, &Connection::progress);
    connect(m_prober, &ProxyProbe::finished, this, [this](const ProbeResult &r) {
        m_probe = r;
        const ErrorReason reason = r.ok() ? ErrorReason::Other : errorReason(*r.error);
        if (reason == ErrorReason::Unauthenticated)
            m_keepInKeychain = false; // refused: it never reaches the keychain
        // A refusal of the role's permission is not a wrong key: the proxy knew the key. Any other failure
        // (the network, say) proved nothing; the key stays waiting for a reconnect that does.
        if (m_keepInKeychain && (r.ok() || reason == ErrorReason::Forbidden))
            return keepKeyThen(r);
        probed(r);
    });
    setState(State::Connecting);
    m_prober->start();
}

void Connection::probed(const ProbeResult &r) {
    if (r.ok()) {
        setState(State::Connected);
        emit connected(r);
        return;
    }
    setState(State::Failed);
    emit failed(*r.error);
    if (errorReason(*r.error) == ErrorReason::Unauthenticated) { // the key is wrong: ask again
        m_keyError = {SecretError::Kind::NotFound, r.error->message, tr("Enter the correct master key.")};
        setState(State::NeedsKey);
        emit keyNeeded(m_keyError);
    }
}

void Connection::logout() {
    if (m_prober)
        m_prober->cancel();
    if (m_client) {
        m_client->clearKey();
        m_client->cancelAll();
        m_client->deleteLater();
        m_client = nullptr;
    }
    m_key.fill(u'\0');
    m_key.clear();
    m_keepInKeychain = false;
    if (m_session)
        m_session->wipe(m_profile.secretKey());
    m_probe = {};
    setState(State::Idle);
}
