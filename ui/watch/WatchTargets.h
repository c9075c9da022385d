#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class ProfileStore;
class ProxyClient;
class SecretStore;
class WatchScheduler;

// Puts every saved connection whose master key is in the keychain (or this session's memory) under
// watch, each with a client of its own, and follows the saved profiles as they change. A connection
// without a key that can be read is left out until one is saved.
class WatchTargets : public QObject {
    Q_OBJECT
public:
    WatchTargets(ProfileStore *profiles, QList<SecretStore *> secrets, WatchScheduler *scheduler,
                 QObject *parent = nullptr);

    void reload();
    // An unsaved connection (--demo, --url) watched through the window's own client.
    void watchSession(const QString &scope, const QString &name, ProxyClient *client);

private:
    void readKey(const QString &profileId, int store);

    ProfileStore *m_profiles;
    QList<SecretStore *> m_secrets;
    QPointer<WatchScheduler> m_scheduler;
    QHash<QString, ProxyClient *> m_clients; // by profile id, owned
    int m_generation = 0;
};
