#include "KeychainSecretStore.h"

#include <QLoggingCategory>
#include <QPointer>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcConnection, "desk.connection")

namespace {

// The hints say what to do about the keychain; offering a session-only key is up to the front end.
SecretError mapError(const QKeychain::Job *job) {
    SecretError e;
    const QString text = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        return e;
    case QKeychain::EntryNotFound:
        e.kind = SecretError::Kind::NotFound;
        e.message = KeychainSecretStore::tr("No key is stored in the keychain for this connection.");
        e.hint = KeychainSecretStore::tr("Enter the proxy's master key.");
        return e;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        if (text.contains(u"lock", Qt::CaseInsensitive)) {
            e.kind = SecretError::Kind::Locked;
            e.message = KeychainSecretStore::tr("The keychain is locked.");
            e.hint = KeychainSecretStore::tr(
                "Unlock your keyring (log in to the desktop session, or unlock it in your password "
                "manager) and try again.");
        } else {
            e.kind = SecretError::Kind::AccessDenied;
            e.message = KeychainSecretStore::tr("Access to the keychain was denied.");
            e.hint = KeychainSecretStore::tr("Allow LiteLLM Desk to use the keychain.");
        }
        return e;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        e.kind = SecretError::Kind::NoBackend;
        e.message = KeychainSecretStore::tr("No keychain is available on this system.");
        e.hint = KeychainSecretStore::tr(
            "Install and start a Secret Service provider (GNOME Keyring or KWallet).");
        return e;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    // A keyring that is locked, or was never created, and no prompt could be shown to open it.
    if (text.contains(u"lock", Qt::CaseInsensitive) || text.contains(u"/collection/", Qt::CaseInsensitive) ||
        text.contains(u"prompt", Qt::CaseInsensitive)) {
        e.kind = SecretError::Kind::Locked;
        e.message = KeychainSecretStore::tr("The keychain is locked or has no keyring to store keys in.");
        e.hint = KeychainSecretStore::tr("Unlock your keyring and try again.");
    } else if (text.contains(u"org.freedesktop.secrets", Qt::CaseInsensitive) ||
               text.contains(u"dbus", Qt::CaseInsensitive) ||
               text.contains(u"secret service", Qt::CaseInsensitive)) {
        e.kind = SecretError::Kind::NoBackend;
        e.message = KeychainSecretStore::tr("No keychain is available on this system.");
        e.hint = KeychainSecretStore::tr(
            "Install and start a Secret Service provider (GNOME Keyring or KWallet).");
    } else {
        e.kind = SecretError::Kind::Other;
        e.message = KeychainSecretStore::tr("The keychain failed.");
        e.hint = KeychainSecretStore::tr("Try again.");
    }
    qCWarning(lcConnection) << "keychain error" << job->error() << text;
    return e;
}

template <typename JobT> JobT *makeJob(const QString &service, const QString &key) {
    auto *job = new JobT(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service) {}

QString KeychainSecretStore::backendName() const {
    return QStringLiteral("the system keychain");
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done) {
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [guard, done](QKeychain::Job *j) {
        if (!guard)
            return;
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        const SecretError e = mapError(read);
        done(e.ok() ? read->textData() : QString(), e);
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context, Done done) {
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(secret);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [guard, done](QKeychain::Job *j) {
        if (guard)
            done(mapError(j));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Done done) {
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    QPointer<QObject> guard(context);
    connect(job, &QKeychain::Job::finished, this, [guard, done](QKeychain::Job *j) {
        if (!guard)
            return;
        SecretError e = mapError(j);
        if (e.kind == SecretError::Kind::NotFound)
            e = {};
        done(e);
    });
    job->start();
}
