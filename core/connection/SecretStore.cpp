#include "SecretStore.h"

#include <QTimer>

MemorySecretStore::~MemorySecretStore() {
    for (auto &s : m_secrets)
        s.fill(u'\0');
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadDone done) {
    const auto it = m_secrets.constFind(key);
    SecretError e;
    QString secret;
    if (it == m_secrets.cend()) {
        e.kind = SecretError::Kind::NotFound;
        e.message = QStringLiteral("No key is stored for this connection.");
        e.hint = QStringLiteral("Enter the proxy's master key.");
    } else {
        secret = *it;
    }
    QTimer::singleShot(0, context, [done, secret, e] { done(secret, e); });
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *context, Done done) {
    wipe(key);
    m_secrets.insert(key, secret);
    QTimer::singleShot(0, context, [done] { done({}); });
}

void MemorySecretStore::remove(const QString &key, QObject *context, Done done) {
    wipe(key);
    QTimer::singleShot(0, context, [done] { done({}); });
}

void MemorySecretStore::wipe(const QString &key) {
    auto it = m_secrets.find(key);
    if (it == m_secrets.end())
        return;
    it->fill(u'\0');
    m_secrets.erase(it);
}
