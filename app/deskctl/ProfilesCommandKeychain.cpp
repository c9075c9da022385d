#include "ProfilesCommandKeychain.h"

#include "Command.h"
#include "Console.h"

#include "core/connection/KeychainSecretStore.h"

#include <QFile>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace profilekey {

QString keychainProblem(const SecretError &error) {
    QString text = error.message;
    if (!error.hint.isEmpty())
        text += u' ' + error.hint;
    if (error.kind != SecretError::Kind::NotFound)
        text += QStringLiteral(" litellm-deskctl has no session to keep a key in, so it needs the keychain; "
                               "without one, use --url with LITELLM_PROXY_API_KEY.");
    return text;
}

QString missingKey(const Profile &profile) {
    return QStringLiteral("no key is stored in the keychain for profile \"%1\"; store one with "
                          "\"litellm-deskctl profiles edit %2 --key-from-stdin\"")
        .arg(profile.name, profile.name.contains(u' ') ? u'"' + profile.name + u'"' : profile.name);
}

std::expected<QString, QString> readMasterKey(const QString &prompt) {
    QString key;
#ifdef Q_OS_UNIX
    if (::isatty(STDIN_FILENO)) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        termios saved{};
        const bool haveTerm = ::tcgetattr(STDIN_FILENO, &saved) == 0;
        if (haveTerm) {
            termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            key = QString::fromUtf8(in.readLine());
        if (haveTerm)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
        key = key.trimmed();
        if (key.isEmpty())
            return std::unexpected(QStringLiteral("no key was typed"));
        return key;
    }
#else
    Q_UNUSED(prompt)
#endif
    QFile in;
    if (in.open(stdin, QIODevice::ReadOnly))
        key = QString::fromUtf8(in.readLine()).trimmed();
    if (key.isEmpty())
        return std::unexpected(QStringLiteral(
            "no key on stdin: pipe the master key in (printf '%s' \"$KEY\" | litellm-deskctl ...) or run "
            "the command in a terminal to type it"));
    return key;
}

void read(const Profile &profile, QObject *context, std::function<void(QString key, QString error)> done) {
    auto *store = new KeychainSecretStore(QStringLiteral("litellm-desk"), context);
    store->read(profile.secretKey(), context, [store, profile, done](QString secret, SecretError e) {
        store->deleteLater();
        if (e.kind == SecretError::Kind::NotFound || (e.ok() && secret.isEmpty()))
            return done({}, missingKey(profile));
        if (!e.ok())
            return done({}, keychainProblem(e));
        done(secret, {});
    });
}

void startWithProfileKey(Command *command) {
    read(*command->proxy().profile, command, [command](QString key, QString error) {
        if (!error.isEmpty())
            return command->abort(ExitCode::Failure, error);
        console::addSecret(key);
        ProxyOptions proxy = command->proxy();
        proxy.apiKey = key;
        command->setProxy(proxy);
        command->start();
    });
}

} // namespace profilekey
