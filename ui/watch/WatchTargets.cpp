#include "ui/watch/WatchTargets.h"

#include "core/api/ProxyClient.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/watch/WatchScheduler.h"

WatchTargets::WatchTargets(ProfileStore *profiles, QList<SecretStore *> secrets, WatchScheduler *scheduler,
                           QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(std::move(secrets))
    , m_scheduler(scheduler) {
    m_secrets.removeAll(nullptr);
    // A saved key read from the keychain or this session's memory, in that order.
    connect(profiles, &ProfileStore::changed, this, &WatchTargets::reload);
}

void WatchTargets::reload() {
    ++m_generation;
    QSet<QString> saved;
    for (const Profile &p : m_profiles->profiles()) {
        saved.insert(p.id);
        readKey(p.id, 0);
    }
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (saved.contains(it.key())) {
            ++it;
            continue;
        }
        if (m_scheduler)
            m_scheduler->removeTarget(it.key());
        it.value()->deleteLater();
        it = m_clients.erase(it);
    }
}

void WatchTargets::readKey(const QString &profileId, int store) {
    if (store >= m_secrets.size() || !m_scheduler)
        return;
    const auto profile = m_profiles->byId(profileId);
    if (!profile)
        return;
    const int generation = m_generation;
    m_secrets.at(store)->read(profile->secretKey(), this,
                              [this, profileId, store, generation](QString key, SecretError e) {
                                  if (generation != m_generation)
                                      return;
                                  if (!e.ok() || key.isEmpty())
                                      return readKey(profileId, store + 1);
                                  const auto p = m_profiles->byId(profileId);
                                  if (!p || !m_scheduler)
                                      return;
                                  if (ProxyClient *old = m_clients.take(profileId))
                                      old->deleteLater();
                                  auto *client = new ProxyClient(p->clientConfig(), key, this);
                                  m_clients.insert(profileId, client);
                                  m_scheduler->setTarget({profileId, p->name, client});
                              });
}

void WatchTargets::watchSession(const QString &scope, const QString &name, ProxyClient *client) {
    if (m_scheduler && !m_clients.contains(scope))
        m_scheduler->setTarget({scope, name, client});
}
