#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "ProfilesCommandKeychain.h"

#include "core/api/ProxyClient.h"
#include "core/connection/KeychainSecretStore.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/ProxyProbe.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>

namespace {

const QString kService = QStringLiteral("litellm-desk");

QCommandLineOption formatOption(const QString &fallback, const QString &other) {
    return QCommandLineOption(QStringLiteral("format"),
                              QStringLiteral("Output format: %1 (default) or %2.").arg(fallback, other),
                              QStringLiteral("FORMAT"), fallback);
}

// What every profiles command shares: the settings file (--config or $LITELLM_DESK_CONFIG_DIR) and
// finding the profile named on the command line.
class ProfileCommand : public Command {
public:
    using Command::Command;

    bool usesProxy() const override { return false; }
    QString argumentsSyntax() const override { return QStringLiteral("NAME"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override { return {DeskConfig::option()}; }

protected:
    // Opens the store; with `mustExist`, also finds the profile named by the argument.
    std::optional<QString> openStore(const QCommandLineParser &parser, bool mustExist) {
        m_config = DeskConfig::read(parser, QProcessEnvironment::systemEnvironment());
        m_store = std::make_unique<ProfileStore>(m_config.settingsFile);
        if (!mustExist)
            return std::nullopt;
        const QString name = arguments().value(0);
        const auto found = m_store->find(name);
        if (!found)
            return QStringLiteral("no profile named \"%1\" (see \"litellm-deskctl profiles list\")")
                .arg(name);
        m_profile = *found;
        return std::nullopt;
    }

    DeskConfig m_config;
    std::unique_ptr<ProfileStore> m_store;
    Profile m_profile;
};

// The connection options of add and edit.
QList<QCommandLineOption> profileFieldOptions(bool forAdd) {
    return {
        QCommandLineOption(QStringLiteral("url"),
                           forAdd ? QStringLiteral("The proxy's base URL (required).")
                                  : QStringLiteral("A new base URL."),
                           QStringLiteral("URL")),
        QCommandLineOption(QStringLiteral("auth-header"),
                           QStringLiteral("How to send the key: bearer (Authorization: Bearer, default) or "
                                          "x-litellm-api-key."),
                           QStringLiteral("STYLE")),
        QCommandLineOption(QStringLiteral("environment"),
                           QStringLiteral("A label such as dev, staging or prod."), QStringLiteral("E")),
        QCommandLineOption(
            QStringLiteral("color"),
            QStringLiteral("Colour shown beside the profile, #rrggbb (default: by environment)."),
            QStringLiteral("#RRGGBB")),
        QCommandLineOption(QStringLiteral("ca-file"),
                           QStringLiteral("Extra CA certificate(s) to trust, PEM (\"\" to clear)."),
                           QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("pin"),
                           QStringLiteral("SHA-256 fingerprint of a self-signed proxy certificate to trust "
                                          "(\"\" to clear)."),
                           QStringLiteral("SHA256")),
        QCommandLineOption(
            QStringLiteral("timeout"),
            QStringLiteral("Seconds without data before a request fails (1 to 600, default 30)."),
            QStringLiteral("S")),
        QCommandLineOption(QStringLiteral("allow-http"),
                           QStringLiteral("Allow http:// to a host that is not this machine: the master key "
                                          "then travels unencrypted.")),
    };
}

// Applies the options that were given to `p`, then checks the whole profile as the dialog does.
std::optional<QString> applyProfileFields(const QCommandLineParser &parser, Profile &p) {
    const auto isSet = [&](const char *name) { return parser.isSet(QString::fromLatin1(name)); };
    const auto value = [&](const char *name) { return parser.value(QString::fromLatin1(name)).trimmed(); };
    if (isSet("url")) {
        QString why;
        const QUrl url = normalizeBaseUrl(value("url"), &why);
        if (!url.isValid())
            return QStringLiteral("bad proxy URL: %1").arg(why);
        p.baseUrl = url;
    }
    if (isSet("auth-header")) {
        const QString style = value("auth-header").toLower();
        if (style != u"bearer" && style != u"x-litellm-api-key")
            return QStringLiteral("--auth-header must be bearer or x-litellm-api-key, not \"%1\"").arg(style);
        p.authStyle = authStyleFromName(style);
    }
    if (isSet("environment")) {
        const bool defaultColor = p.color.isEmpty() || p.color == Profile::defaultColor(p.environment);
        p.environment = value("environment");
        if (defaultColor && !isSet("color"))
            p.color = Profile::defaultColor(p.environment);
    }
    if (isSet("color"))
        p.color = value("color");
    if (isSet("ca-file")) {
        p.caFile = value("ca-file");
        if (!p.caFile.isEmpty()) {
            const QFileInfo info(p.caFile);
            if (!info.isFile() || !info.isReadable())
                return QStringLiteral("--ca-file: cannot read \"%1\"").arg(p.caFile);
            p.caFile = info.absoluteFilePath();
        }
    }
    if (isSet("pin"))
        p.pinnedSha256 = normalizeFingerprint(value("pin"));
    if (isSet("timeout")) {
        bool ok = false;
        p.timeoutSeconds = value("timeout").toInt(&ok);
        if (!ok)
            return QStringLiteral("--timeout expects a whole number of seconds, not \"%1\"")
                .arg(value("timeout"));
    }
    if (isSet("allow-http"))
        p.plainHttpConfirmed = true;
    if (QString why = p.validate(); !why.isEmpty()) {
        if (why.endsWith(u'.'))
            why.chop(1); // the runner adds "; see ... --help"
        return why;
    }
    if (p.needsPlainHttpConfirmation())
        return QStringLiteral(
                   "%1 is plain http:// to another machine: the master key would travel unencrypted. "
                   "Use https://, or pass --allow-http if this network is trusted")
            .arg(p.baseUrl.toString());
    return std::nullopt;
}

QString authHeaderName(AuthStyle style) {
    return style == AuthStyle::LiteLlmHeader ? QStringLiteral("x-litellm-api-key") : QStringLiteral("bearer");
}

// profiles list
class ProfilesListCommand final : public ProfileCommand {
public:
    using ProfileCommand::ProfileCommand;

    QStringList words() const override { return {QStringLiteral("profiles"), QStringLiteral("list")}; }
    QString summary() const override { return QStringLiteral("List the saved profiles (never their keys)"); }
    QString argumentsSyntax() const override { return {}; }
    int minArguments() const override { return 0; }
    int maxArguments() const override { return 0; }
    QList<QCommandLineOption> options() const override {
        return {DeskConfig::option(), formatOption(QStringLiteral("table"), QStringLiteral("json"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_json = parser.value(QStringLiteral("format")) == u"json";
        if (auto bad = checkChoice(parser, QStringLiteral("format"),
                                   {QStringLiteral("table"), QStringLiteral("json")}))
            return bad;
        return openStore(parser, false);
    }

    void start() override {
        const QList<Profile> profiles = m_store->profiles();
        if (m_json) {
            QJsonArray out;
            for (const Profile &p : profiles)
                out << QJsonObject{{QStringLiteral("id"), p.id},
                                   {QStringLiteral("name"), p.name},
                                   {QStringLiteral("url"), p.baseUrl.toString()},
                                   {QStringLiteral("auth_header"), authHeaderName(p.authStyle)},
                                   {QStringLiteral("environment"), JsonWriter::text(p.environment)},
                                   {QStringLiteral("color"), JsonWriter::text(p.color)},
                                   {QStringLiteral("ca_file"), JsonWriter::text(p.caFile)},
                                   {QStringLiteral("pinned_sha256"), JsonWriter::text(p.pinnedSha256)},
                                   {QStringLiteral("allow_http"), p.plainHttpConfirmed},
                                   {QStringLiteral("timeout_seconds"), p.timeoutSeconds}};
            console::out(JsonWriter::document(out));
            return succeed();
        }
        if (profiles.isEmpty()) {
            console::out(QStringLiteral(
                "No profiles. Add one with \"litellm-deskctl profiles add NAME --url URL\".\n"));
            return succeed();
        }
        TextTable t;
        for (const auto &title :
             {u"Name"_qs, u"URL"_qs, u"Environment"_qs, u"Auth header"_qs, u"Colour"_qs, u"TLS"_qs})
            t.addColumn(title);
        t.addColumn(QStringLiteral("Timeout"), TextTable::Align::Right);
        for (const Profile &p : profiles) {
            QStringList tls;
            if (!p.caFile.isEmpty())
                tls << QStringLiteral("CA file");
            if (!p.pinnedSha256.isEmpty())
                tls << QStringLiteral("pinned");
            if (p.baseUrl.scheme() == u"http" && !p.isLoopback())
                tls << QStringLiteral("plain http allowed");
            t.addRow({p.name, p.baseUrl.toString(), p.environment.isEmpty() ? u"-"_qs : p.environment,
                      authHeaderName(p.authStyle), p.color, tls.isEmpty() ? u"-"_qs : tls.join(u", "),
                      QStringLiteral("%1 s").arg(p.timeoutSeconds)});
        }
        console::out(t.toString());
        succeed();
    }

private:
    bool m_json = false;
};

// profiles add NAME --url URL ...: the key from stdin or typed without echo, into the keychain.
class ProfilesAddCommand final : public ProfileCommand {
public:
    using ProfileCommand::ProfileCommand;

    QStringList words() const override { return {QStringLiteral("profiles"), QStringLiteral("add")}; }
    QString summary() const override {
        return QStringLiteral("Save a connection; its master key goes to the keychain");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nThe key is read from stdin when stdin is not a terminal, else typed at a prompt "
                   "without echo; never from an argument.\nWithout a usable keychain nothing is saved: "
                   "use --url with LITELLM_PROXY_API_KEY instead.");
    }
    QList<QCommandLineOption> options() const override {
        return profileFieldOptions(true) << DeskConfig::option();
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem = openStore(parser, false))
            return problem;
        if (!parser.isSet(QStringLiteral("url")))
            return QStringLiteral("--url is required");
        m_profile.id = Profile::newId();
        m_profile.name = arguments().value(0).trimmed();
        if (const auto existing = m_store->find(m_profile.name); existing && !m_profile.name.isEmpty())
            return QStringLiteral("a profile named \"%1\" already exists (change it with \"profiles edit\")")
                .arg(existing->name);
        return applyProfileFields(parser, m_profile);
    }

    void start() override {
        const auto key = profilekey::readMasterKey(QStringLiteral("Master key for %1: ").arg(m_profile.name));
        if (!key)
            return fail(ExitCode::Usage, key.error());
        console::addSecret(*key);
        auto *keychain = new KeychainSecretStore(kService, this);
        keychain->write(m_profile.secretKey(), *key, this, [this, keychain](SecretError e) {
            if (!e.ok())
                return fail(ExitCode::Failure,
                            QStringLiteral("the key could not be stored, so the profile was "
                                           "not saved: %1")
                                .arg(profilekey::keychainProblem(e)));
            if (const QString why = m_store->save(m_profile); !why.isEmpty()) {
                keychain->remove(m_profile.secretKey(), this,
                                 [this, why](SecretError) { fail(ExitCode::Failure, why); });
                return;
            }
            console::out(QStringLiteral("Saved profile \"%1\" (%2); its key is in %3.\n")
                             .arg(m_profile.name, m_profile.baseUrl.toString(), keychain->backendName()));
            succeed();
        });
    }
};

// profiles edit NAME [options] [--key-from-stdin]: only the given fields change.
class ProfilesEditCommand final : public ProfileCommand {
public:
    using ProfileCommand::ProfileCommand;

    QStringList words() const override { return {QStringLiteral("profiles"), QStringLiteral("edit")}; }
    QString summary() const override {
        return QStringLiteral("Change a saved connection or replace its key");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nOnly the options given change. --key-from-stdin reads a new master "
                              "key as \"profiles add\" does and stores it in the keychain.");
    }
    QList<QCommandLineOption> options() const override {
        return profileFieldOptions(false)
               << QCommandLineOption(QStringLiteral("rename"), QStringLiteral("A new name."),
                                     QStringLiteral("NAME"))
               << QCommandLineOption(
                      QStringLiteral("key-from-stdin"),
                      QStringLiteral("Replace the master key in the keychain (read from stdin, or "
                                     "typed without echo)."))
               << DeskConfig::option();
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem = openStore(parser, true))
            return problem;
        if (parser.isSet(QStringLiteral("rename"))) {
            const QString name = parser.value(QStringLiteral("rename")).trimmed();
            const auto other = m_store->find(name);
            if (other && other->id != m_profile.id)
                return QStringLiteral("a profile named \"%1\" already exists").arg(other->name);
            m_profile.name = name;
        }
        m_newKey = parser.isSet(QStringLiteral("key-from-stdin"));
        return applyProfileFields(parser, m_profile);
    }

    void start() override {
        if (!m_newKey)
            return save();
        const auto key =
            profilekey::readMasterKey(QStringLiteral("New master key for %1: ").arg(m_profile.name));
        if (!key)
            return fail(ExitCode::Usage, key.error());
        console::addSecret(*key);
        auto *keychain = new KeychainSecretStore(kService, this);
        keychain->write(m_profile.secretKey(), *key, this, [this](SecretError e) {
            if (!e.ok())
                return fail(ExitCode::Failure,
                            QStringLiteral("the key could not be stored, so nothing was changed: %1")
                                .arg(profilekey::keychainProblem(e)));
            save();
        });
    }

private:
    void save() {
        if (const QString why = m_store->save(m_profile); !why.isEmpty())
            return fail(ExitCode::Failure, why);
        console::out(
            QStringLiteral("Updated profile \"%1\"%2.\n")
                .arg(m_profile.name, m_newKey ? QStringLiteral(" and its key in the keychain") : QString()));
        succeed();
    }

    bool m_newKey = false;
};

// profiles remove NAME: the profile and its keychain entry.
class ProfilesRemoveCommand final : public ProfileCommand {
public:
    using ProfileCommand::ProfileCommand;

    QStringList words() const override { return {QStringLiteral("profiles"), QStringLiteral("remove")}; }
    QString summary() const override {
        return QStringLiteral("Delete a saved connection and its key in the keychain");
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        return openStore(parser, true);
    }

    void start() override {
        auto *keychain = new KeychainSecretStore(kService, this);
        keychain->remove(m_profile.secretKey(), this, [this](SecretError e) {
            // Where no keychain exists, no key can have been stored by this profile.
            if (!e.ok() && e.kind != SecretError::Kind::NoBackend)
                return fail(ExitCode::Failure,
                            QStringLiteral("the profile was kept because its key could not be "
                                           "deleted from the keychain: %1")
                                .arg(profilekey::keychainProblem(e)));
            if (!m_store->remove(m_profile.id))
                return fail(
                    ExitCode::Failure,
                    QStringLiteral("the profile could not be removed from %1").arg(m_store->fileName()));
            console::out(QStringLiteral("Removed profile \"%1\"%2.\n")
                             .arg(m_profile.name, e.ok() ? QStringLiteral(" and its key") : QString()));
            succeed();
        });
    }
};

// profiles test NAME: alive, version, database and the key's role.
class ProfilesTestCommand final : public ProfileCommand {
public:
    using ProfileCommand::ProfileCommand;

    QStringList words() const override { return {QStringLiteral("profiles"), QStringLiteral("test")}; }
    QString summary() const override {
        return QStringLiteral(
            "Check a saved connection: alive, LiteLLM version, database and the key's role");
    }
    QList<QCommandLineOption> options() const override {
        return {DeskConfig::option(), formatOption(QStringLiteral("text"), QStringLiteral("json"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_json = parser.value(QStringLiteral("format")) == u"json";
        if (auto bad = checkChoice(parser, QStringLiteral("format"),
                                   {QStringLiteral("text"), QStringLiteral("json")}))
            return bad;
        return openStore(parser, true);
    }

    void start() override {
        profilekey::read(m_profile, this, [this](QString key, QString error) {
            if (!error.isEmpty())
                return fail(ExitCode::Failure, error);
            console::addSecret(key);
            m_client = new ProxyClient(m_profile.clientConfig(), key, this);
            auto *probe = new ProxyProbe(m_client, this);
            connect(probe, &ProxyProbe::finished, this, [this](const ProbeResult &r) {
                if (r.error)
                    return fail(*r.error);
                print(r);
                succeed();
            });
            probe->start();
        });
    }

private:
    void print(const ProbeResult &r) {
        const QString none = QStringLiteral("-");
        QString role = roleLabel(r.caller.role);
        if (r.caller.isMasterKey)
            role += QStringLiteral(", master key");
        else if (!r.caller.userId.isEmpty())
            role += QStringLiteral(", user %1").arg(r.caller.userId);
        if (m_json) {
            console::out(JsonWriter::document(
                QJsonObject{{QStringLiteral("profile"), m_profile.name},
                            {QStringLiteral("url"), m_profile.baseUrl.toString()},
                            {QStringLiteral("alive"), r.alive},
                            {QStringLiteral("status"), JsonWriter::text(r.readiness.status)},
                            {QStringLiteral("db"), JsonWriter::text(r.readiness.db)},
                            {QStringLiteral("litellm_version"), JsonWriter::text(r.readiness.litellmVersion)},
                            {QStringLiteral("user_role"), JsonWriter::text(r.caller.role)},
                            {QStringLiteral("role_label"), roleLabel(r.caller.role)},
                            {QStringLiteral("master_key"), r.caller.isMasterKey}}));
            return;
        }
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        t.addRow({QStringLiteral("Profile"), m_profile.name});
        t.addRow({QStringLiteral("Proxy"), m_profile.baseUrl.toString()});
        t.addRow({QStringLiteral("Liveliness"), r.alive ? QStringLiteral("alive") : none});
        t.addRow({QStringLiteral("Readiness"), r.readinessKnown && !r.readiness.status.isEmpty()
                                                   ? r.readiness.status
                                                   : QStringLiteral("unknown")});
        t.addRow({QStringLiteral("Database"), r.readiness.db.isEmpty() ? none : r.readiness.db});
        t.addRow({QStringLiteral("LiteLLM"),
                  r.readiness.litellmVersion.isEmpty() ? none : r.readiness.litellmVersion});
        t.addRow({QStringLiteral("Role"), role});
        console::out(t.toString());
    }

    bool m_json = false;
    QPointer<ProxyClient> m_client;
};

} // namespace

void registerProfilesCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new ProfilesListCommand(owner));
    registry.add(new ProfilesAddCommand(owner));
    registry.add(new ProfilesEditCommand(owner));
    registry.add(new ProfilesRemoveCommand(owner));
    registry.add(new ProfilesTestCommand(owner));
}
