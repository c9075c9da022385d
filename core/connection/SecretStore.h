#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

// Why a secret could not be read, written or deleted, with what the user can do about it.
struct SecretError {
    enum class Kind { None, NotFound, NoBackend, Locked, AccessDenied, Other };

    Kind kind = Kind::None;
    QString message;
    QString hint;

    bool ok() const { return kind == Kind::None; }
    // The keychain cannot be used at all here: offer "use for this session only".
    bool keychainUnavailable() const {
        return kind == Kind::NoBackend || kind == Kind::Locked || kind == Kind::AccessDenied;
    }
};

// Where master keys live. Every call is asynchronous: `done` runs later in `context`'s thread unless
// `context` is gone. Implementations: KeychainSecretStore (the OS keychain) and MemorySecretStore.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadDone = std::function<void(QString secret, SecretError error)>;
    using Done = std::function<void(SecretError error)>;

    using QObject::QObject;

    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *context, Done done) = 0;
    // Deleting an entry that does not exist succeeds.
    virtual void remove(const QString &key, QObject *context, Done done) = 0;
    virtual QString backendName() const = 0;
};

// Keeps secrets in this process's memory only: for "use for this session only", and for tests.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const QString &secret, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;
    QString backendName() const override { return QStringLiteral("this session only"); }

    bool contains(const QString &key) const { return m_secrets.contains(key); }
    void wipe(const QString &key);

private:
    QHash<QString, QString> m_secrets;
};
