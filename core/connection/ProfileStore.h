#pragma once

#include "core/connection/Profile.h"

#include <QList>
#include <QObject>

class QSettings;

// Saved connections in QSettings (the platform's native format), group "profiles". No secret ever.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    // Uses the application's default QSettings unless `settingsFile` names an INI file (tests, CLI --config).
    explicit ProfileStore(const QString &settingsFile = {}, QObject *parent = nullptr);
    ~ProfileStore() override;

    QList<Profile> profiles() const; // sorted by name
    std::optional<Profile> byId(const QString &id) const;
    // By name (case-insensitive), or by id.
    std::optional<Profile> find(const QString &nameOrId) const;

    // Adds or replaces (by id). Returns an error message, empty on success.
    QString save(const Profile &profile);
    bool remove(const QString &id);

    QString lastUsedId() const;
    void setLastUsedId(const QString &id);

    QString fileName() const;

signals:
    void changed();

private:
    QSettings *m_settings = nullptr;
};
