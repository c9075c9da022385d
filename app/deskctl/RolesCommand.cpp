#include "RolesCommand.h"

#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"

#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/format/CommaList.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>

namespace rolescope {

QString label(const ProxyOptions &proxy) {
    return proxy.profile ? QStringLiteral("profile \"%1\"").arg(proxy.profile->name)
                         : proxy.config.baseUrl.toString();
}

RoleStoreError load(RoleStore &store) {
    return store.load();
}

ExitCode exitCodeFor(const RoleStoreError &error) {
    return error.isFileProblem() ? ExitCode::Failure : ExitCode::Usage;
}

QString unknownRole(const ProxyOptions &proxy, const QString &name) {
    return QStringLiteral("there is no role named \"%1\" for %2 (see \"litellm-deskctl roles list\")")
        .arg(normalizeRoleName(name), label(proxy));
}

QString joinErrors(const QList<FieldError> &errors) {
    QStringList lines;
    for (const auto &e : errors)
        lines << e.message;
    return lines.join(u' ');
}

} // namespace rolescope

namespace {

using namespace rolescope;

QString dash(const QString &text) {
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QString limitText(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QStringLiteral("-");
}

// Every roles command: the proxy only names the scope; no key and no request.
class RoleCommand : public Command {
public:
    using Command::Command;

    bool needsKey() const override { return false; }
    bool usesKey() const override { return false; }

protected:
    // Loads the store (once the proxy options are known); fails the command and returns false on error.
    bool loadStore() {
        m_store = RoleStore(proxy().deskConfig.rolesFile);
        if (const auto e = load(m_store); !e.ok()) {
            fail(ExitCode::Failure, e.message);
            return false;
        }
        return true;
    }
    QString scope() const { return proxy().roleScope(); }

    RoleStore m_store{QString()};
};

// roles list
class RolesListCommand final : public RoleCommand {
public:
    using RoleCommand::RoleCommand;

    QStringList words() const override { return {QStringLiteral("roles"), QStringLiteral("list")}; }
    QString summary() const override {
        return QStringLiteral("List the roles of this proxy (--profile or --url)");
    }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: table (default) or json."),
                                   QStringLiteral("FORMAT"), QStringLiteral("table"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_json = parser.value(QStringLiteral("format")) == u"json";
        return checkChoice(parser, QStringLiteral("format"),
                           {QStringLiteral("table"), QStringLiteral("json")});
    }

    void start() override {
        if (!loadStore())
            return;
        const QList<Role> roles = m_store.roles(scope());
        if (m_json) {
            QJsonArray out;
            for (const Role &r : roles)
                out << r.toJson();
            console::out(JsonWriter::document(out));
            return succeed();
        }
        if (roles.isEmpty()) {
            console::out(
                QStringLiteral("No roles for %1. Add one with \"litellm-deskctl roles write NAME\".\n")
                    .arg(label(proxy())));
            return succeed();
        }
        TextTable t;
        t.addColumn(QStringLiteral("Name"));
        t.addColumn(QStringLiteral("Models"));
        t.addColumn(QStringLiteral("Max budget"), TextTable::Align::Right);
        t.addColumn(QStringLiteral("Period"));
        t.addColumn(QStringLiteral("TTL"));
        t.addColumn(QStringLiteral("Max TTL"));
        t.addColumn(QStringLiteral("Team"));
        t.addColumn(QStringLiteral("Suits teams"));
        for (const Role &r : roles)
            t.addRow({r.name, r.models.isEmpty() ? QStringLiteral("all") : r.models.join(u','),
                      r.maxBudget > 0 ? JsonWriter::number(r.maxBudget) : QStringLiteral("unlimited"),
                      dash(r.budgetDuration), r.ttl.isZero() ? QStringLiteral("-") : r.ttl.toString(),
                      r.maxTtl.isZero() ? QStringLiteral("-") : r.maxTtl.toString(), dash(r.teamId),
                      dash(r.teams.join(u','))});
        console::out(t.toString());
        succeed();
    }

private:
    bool m_json = false;
};

// roles show NAME
class RolesShowCommand final : public RoleCommand {
public:
    using RoleCommand::RoleCommand;

    QStringList words() const override { return {QStringLiteral("roles"), QStringLiteral("show")}; }
    QString summary() const override { return QStringLiteral("Show one role"); }
    QString argumentsSyntax() const override { return QStringLiteral("NAME"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: text (default) or json."),
                                   QStringLiteral("FORMAT"), QStringLiteral("text"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_json = parser.value(QStringLiteral("format")) == u"json";
        return checkChoice(parser, QStringLiteral("format"),
                           {QStringLiteral("text"), QStringLiteral("json")});
    }

    void start() override {
        if (!loadStore())
            return;
        const auto role = m_store.role(scope(), arguments().value(0));
        if (!role)
            return fail(ExitCode::Usage, unknownRole(proxy(), arguments().value(0)));
        if (m_json) {
            console::out(JsonWriter::document(role->toJson()));
            return succeed();
        }
        QStringList meta;
        for (auto it = role->metadata.begin(); it != role->metadata.end(); ++it)
            meta << it.key() + u'=' + it.value();
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        t.addRow({QStringLiteral("Name"), role->name});
        t.addRow({QStringLiteral("Models"),
                  role->models.isEmpty() ? QStringLiteral("all") : role->models.join(u',')});
        t.addRow({QStringLiteral("Max budget"),
                  role->maxBudget > 0 ? JsonWriter::number(role->maxBudget) : QStringLiteral("unlimited")});
        t.addRow({QStringLiteral("Budget period"), dash(role->budgetDuration)});
        t.addRow({QStringLiteral("TTL"), role->ttl.isZero() ? QStringLiteral("none") : role->ttl.toString()});
        t.addRow({QStringLiteral("Max TTL"),
                  role->maxTtl.isZero() ? QStringLiteral("none") : role->maxTtl.toString()});
        t.addRow({QStringLiteral("Alias prefix"), role->keyAliasPrefix});
        t.addRow({QStringLiteral("Metadata"), dash(meta.join(QStringLiteral(", ")))});
        t.addRow({QStringLiteral("TPM limit"), limitText(role->tpmLimit)});
        t.addRow({QStringLiteral("RPM limit"), limitText(role->rpmLimit)});
        t.addRow({QStringLiteral("Max parallel"), limitText(role->maxParallelRequests)});
        t.addRow({QStringLiteral("Team"), dash(role->teamId)});
        t.addRow({QStringLiteral("Suits teams"), dash(role->teams.join(u','))});
        console::out(t.toString());
        succeed();
    }

private:
    bool m_json = false;
};

// roles write NAME [fields]: creates the role, or changes only the given fields of an existing one.
class RolesWriteCommand final : public RoleCommand {
public:
    using RoleCommand::RoleCommand;

    QStringList words() const override { return {QStringLiteral("roles"), QStringLiteral("write")}; }
    QString summary() const override {
        return QStringLiteral("Create a role, or change the given fields of one");
    }
    QString description() const override {
        return summary() + QStringLiteral(".\nDurations: 30s, 15m, 12h, 30d, 2w, 1mo, seconds or Vault's "
                                          "1h30m (0 for none). An empty value "
                                          "(\"\") clears a field; --metadata k= removes k.");
    }
    QString argumentsSyntax() const override { return QStringLiteral("NAME"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        const auto opt = &Command::valueOption;
        return {opt("models", "Models keys may use, comma-separated (\"\" for all).", "a,b"),
                opt("max-budget", "Budget in USD per key (0 for unlimited).", "X"),
                opt("budget-duration", "Budget period, such as 30d.", "D"),
                opt("ttl", "Default lifetime of a key.", "D"),
                opt("max-ttl", "Longest a key may live, renewals included.", "D"),
                opt("alias-prefix", "Key aliases start with this (default desk).", "P"),
                opt("metadata", "Metadata stamped on keys, k=v; may be repeated.", "k=v"),
                opt("tpm", "Tokens per minute per key.", "N"),
                opt("rpm", "Requests per minute per key.", "N"),
                opt("max-parallel", "Parallel requests per key.", "N"),
                opt("team", "The team keys from this role belong to.", "T"),
                opt("teams", "Teams whose members this role suits, in priority order.", "a,b")};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override { return readFields(parser); }

    void start() override {
        if (!loadStore())
            return;
        const QString name = normalizeRoleName(arguments().value(0));
        const auto existing = m_store.role(scope(), name);
        Role role = existing.value_or(Role{});
        role.name = name;
        for (const auto &apply : m_changes)
            apply(role);
        if (const auto errors = validateRole(role); !errors.isEmpty())
            return fail(ExitCode::Usage, joinErrors(errors));
        if (const auto e = m_store.put(scope(), role); !e.ok())
            return fail(exitCodeFor(e), e.message);
        console::out(QStringLiteral("%1 role \"%2\" for %3.\n")
                         .arg(existing ? QStringLiteral("Updated") : QStringLiteral("Created"), role.name,
                              label(proxy())));
        succeed();
    }

private:
    using Change = std::function<void(Role &)>;

    std::optional<QString> readFields(const QCommandLineParser &parser) {
        const auto isSet = [&](const char *n) { return parser.isSet(QString::fromLatin1(n)); };
        const auto value = [&](const char *n) { return parser.value(QString::fromLatin1(n)).trimmed(); };
        if (isSet("models"))
            m_changes << [v = splitList(value("models"))](Role &r) { r.models = v; };
        if (isSet("max-budget")) {
            bool ok = false;
            const double budget = value("max-budget").toDouble(&ok);
            if (!ok)
                return QStringLiteral("--max-budget expects a number of USD, not \"%1\"")
                    .arg(value("max-budget"));
            m_changes << [budget](Role &r) { r.maxBudget = budget; };
        }
        if (isSet("budget-duration"))
            m_changes << [v = value("budget-duration")](Role &r) { r.budgetDuration = v; };
        for (const char *field : {"ttl", "max-ttl"}) {
            if (!isSet(field))
                continue;
            Duration d;
            if (!value(field).isEmpty()) {
                QString why;
                const auto parsed = Duration::parseTtl(value(field), &why);
                if (!parsed)
                    return QStringLiteral("--%1: %2").arg(QLatin1StringView(field), why);
                d = *parsed;
            }
            const bool isTtl = qstrcmp(field, "ttl") == 0;
            m_changes << [d, isTtl](Role &r) { (isTtl ? r.ttl : r.maxTtl) = d; };
        }
        if (isSet("alias-prefix"))
            m_changes << [v = value("alias-prefix")](Role &r) { r.keyAliasPrefix = v; };
        if (isSet("metadata")) {
            QString why;
            const auto pairs = parseMetadataPairs(parser.values(QStringLiteral("metadata")), &why);
            if (!pairs)
                return why;
            m_changes << [pairs = *pairs](Role &r) {
                for (auto it = pairs.begin(); it != pairs.end(); ++it) {
                    if (it.value().isEmpty())
                        r.metadata.remove(it.key());
                    else
                        r.metadata.insert(it.key(), it.value());
                }
            };
        }
        const struct {
            const char *name;
            std::optional<qint64> Role::*field;
        } limits[] = {
            {"tpm", &Role::tpmLimit}, {"rpm", &Role::rpmLimit}, {"max-parallel", &Role::maxParallelRequests}};
        for (const auto &l : limits) {
            if (!isSet(l.name))
                continue;
            std::optional<qint64> v;
            if (!value(l.name).isEmpty()) {
                bool ok = false;
                v = value(l.name).toLongLong(&ok);
                if (!ok)
                    return QStringLiteral("--%1 expects a whole number, not \"%2\"")
                        .arg(QLatin1StringView(l.name), value(l.name));
            }
            m_changes << [v, field = l.field](Role &r) { r.*field = v; };
        }
        if (isSet("team"))
            m_changes << [v = value("team")](Role &r) { r.teamId = v; };
        if (isSet("teams"))
            m_changes << [v = splitList(value("teams"))](Role &r) { r.teams = v; };
        return std::nullopt;
    }

    QList<Change> m_changes;
};

// roles delete NAME
class RolesDeleteCommand final : public RoleCommand {
public:
    using RoleCommand::RoleCommand;

    QStringList words() const override { return {QStringLiteral("roles"), QStringLiteral("delete")}; }
    QString summary() const override { return QStringLiteral("Delete a role (keys issued from it stay)"); }
    QString argumentsSyntax() const override { return QStringLiteral("NAME"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    std::optional<QString> configure(const QCommandLineParser &) override { return std::nullopt; }

    void start() override {
        if (!loadStore())
            return;
        const QString name = arguments().value(0);
        if (!m_store.role(scope(), name))
            return fail(ExitCode::Usage, unknownRole(proxy(), name));
        if (const auto e = m_store.remove(scope(), name); !e.ok())
            return fail(exitCodeFor(e), e.message);
        console::out(
            QStringLiteral("Deleted role \"%1\" for %2.\n").arg(normalizeRoleName(name), label(proxy())));
        succeed();
    }
};

// roles import FILE [--name N]: our export, one role, or `vault read -format=json` output.
class RolesImportCommand final : public RoleCommand {
public:
    using RoleCommand::RoleCommand;

    QStringList words() const override { return {QStringLiteral("roles"), QStringLiteral("import")}; }
    QString summary() const override {
        return QStringLiteral("Import roles from our JSON export, one role, or Vault's role JSON");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nVault: the output of \"vault read -format=json MOUNT/roles/NAME\"; give "
                              "the role's name with --name. Every role is checked before any is stored.");
    }
    QString argumentsSyntax() const override { return QStringLiteral("FILE"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("name"),
                                   QStringLiteral("The role's name (for Vault's JSON)."),
                                   QStringLiteral("N"))};
    }
    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_name = parser.value(QStringLiteral("name")).trimmed();
        return std::nullopt;
    }

    void start() override {
        QFile f(arguments().value(0));
        if (!f.open(QIODevice::ReadOnly))
            return fail(ExitCode::Failure,
                        QStringLiteral("cannot read %1: %2").arg(arguments().value(0), f.errorString()));
        const QByteArray data = f.readAll();
        if (!loadStore())
            return;
        QStringList imported;
        if (const auto e = m_store.importJson(scope(), data, m_name, &imported); !e.ok())
            return fail(exitCodeFor(e), e.kind == RoleStoreError::Kind::NeedsName
                                            ? e.message + QStringLiteral(" Pass --name NAME.")
                                            : e.message);
        console::out(QStringLiteral("Imported %1 for %2: %3.\n")
                         .arg(imported.size() == 1 ? QStringLiteral("1 role")
                                                   : QStringLiteral("%1 roles").arg(imported.size()),
                              label(proxy()), imported.join(QStringLiteral(", "))));
        succeed();
    }

private:
    QString m_name;
};

// roles export FILE [NAME...]
class RolesExportCommand final : public RoleCommand {
public:
    using RoleCommand::RoleCommand;

    QStringList words() const override { return {QStringLiteral("roles"), QStringLiteral("export")}; }
    QString summary() const override { return QStringLiteral("Write roles to a JSON file (- for stdout)"); }
    QString argumentsSyntax() const override { return QStringLiteral("FILE [NAME...]"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return -1; }
    std::optional<QString> configure(const QCommandLineParser &) override { return std::nullopt; }

    void start() override {
        if (!loadStore())
            return;
        const QString file = arguments().value(0);
        QStringList names;
        for (const QString &n : arguments().mid(1)) {
            if (!m_store.role(scope(), n))
                return fail(ExitCode::Usage, unknownRole(proxy(), n));
            names << normalizeRoleName(n);
        }
        const QByteArray json = m_store.exportJson(scope(), names);
        if (file == u"-") {
            console::out(json);
            return succeed();
        }
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size() || !out.commit())
            return fail(ExitCode::Failure,
                        QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
        const qsizetype count = names.isEmpty() ? m_store.roles(scope()).size() : names.size();
        console::out(QStringLiteral("Exported %1 role(s) to %2.\n").arg(count).arg(file));
        succeed();
    }
};

} // namespace

void registerRolesCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new RolesListCommand(owner));
    registry.add(new RolesShowCommand(owner));
    registry.add(new RolesWriteCommand(owner));
    registry.add(new RolesDeleteCommand(owner));
    registry.add(new RolesImportCommand(owner));
    registry.add(new RolesExportCommand(owner));
}
