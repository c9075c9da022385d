#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "RolesCommand.h"

#include "core/api/Json.h"
#include "core/api/ProxyClient.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/format/CommaList.h"
#include "core/roles/UserProvisioner.h"

#include <QCommandLineParser>
#include <QPointer>

namespace {

// users create USER: /user/new without a key, the fields applied again (some proxies drop user_role on
// create), then read back; every field the proxy did not keep is reported.
class UsersCreateCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("users"), QStringLiteral("create")}; }
    QString summary() const override { return QStringLiteral("Create an internal user, shaped by a role"); }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nWithout --role, the role suited to the user's teams is used, if one is. No key is "
                   "minted. Fields the proxy did not keep are reported and make the exit code 5.");
    }
    QString argumentsSyntax() const override { return QStringLiteral("USER"); }
    int minArguments() const override { return 1; }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        const auto opt = &Command::valueOption;
        return {
            opt("role", "The role whose budget, models and limits the user gets.", "NAME"),
            opt("email", "E-mail address (default: USER when it is one).", "E"),
            opt("domain", "Turns USER into USER@DOMAIN.", "D"),
            opt("user-role",
                "internal_user (default), internal_user_viewer, proxy_admin or proxy_admin_viewer.", "R"),
            opt("teams", "Teams to join, comma-separated.", "a,b"),
            QCommandLineOption(QStringLiteral("finish"),
                               QStringLiteral("The user exists (a create that failed part-way): apply the "
                                              "fields to it and read it back, without creating it.")),
            QCommandLineOption(QStringLiteral("format"),
                               QStringLiteral("Output format: text (default) or json."),
                               QStringLiteral("FORMAT"), QStringLiteral("text"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto bad = checkChoice(parser, QStringLiteral("format"),
                                   {QStringLiteral("text"), QStringLiteral("json")}))
            return bad;
        m_json = parser.value(QStringLiteral("format")) == u"json";
        m_user.userId = arguments().value(0);
        m_user.email = parser.value(QStringLiteral("email"));
        m_user.domain = parser.value(QStringLiteral("domain"));
        if (parser.isSet(QStringLiteral("user-role")))
            m_user.userRole = parser.value(QStringLiteral("user-role")).trimmed();
        m_user.teams = splitList(parser.value(QStringLiteral("teams")));
        m_user.roleName = parser.value(QStringLiteral("role")).trimmed();
        m_finish = parser.isSet(QStringLiteral("finish"));
        return std::nullopt;
    }

    void start() override {
        RoleStore store(proxy().deskConfig.rolesFile);
        if (const auto e = rolescope::load(store); !e.ok())
            return fail(ExitCode::Failure, e.message);
        if (m_user.roleName.isEmpty()) {
            m_user.roleName = suggestRole(store.roles(proxy().roleScope()), m_user.teams);
            m_suggested = !m_user.roleName.isEmpty();
        }
        std::optional<Role> role;
        if (!m_user.roleName.isEmpty()) {
            role = store.role(proxy().roleScope(), m_user.roleName);
            if (!role)
                return fail(ExitCode::Usage, rolescope::unknownRole(proxy(), m_user.roleName));
        }
        const auto request = userRequest(m_user, UserDefaults{}, role ? &*role : nullptr);
        if (const auto *why = std::get_if<QString>(&request))
            return fail(ExitCode::Usage, *why);
        m_request = std::get<QJsonObject>(request);

        m_client = proxy().makeClient(this);
        auto *provisioner = new UserProvisioner(m_client, this);
        // Created, or maybe created, without its fields: say how to finish it, after the error.
        connect(provisioner, &UserProvisioner::leftUnfinished, this,
                [this](const QString &userId) { m_unfinished = userId; });
        connect(provisioner, &UserProvisioner::failed, this, [this](const ApiError &e) {
            fail(e);
            if (!m_unfinished.isEmpty())
                console::note(QStringLiteral("to finish it"),
                              QStringLiteral("run the same users create command with --finish"));
        });
        connect(
            provisioner, &UserProvisioner::provisioned, this,
            [this](const QString &userId, const QJsonObject &stored, const QStringList &warnings) {
                print(userId, stored, warnings);
                if (!warnings.isEmpty())
                    return fail(
                        ExitCode::Api,
                        QStringLiteral("the proxy did not keep %1").arg(warnings.join(QStringLiteral("; "))));
                succeed();
            });
        if (m_finish)
            provisioner->finish(m_request);
        else
            provisioner->provision(m_request);
    }

private:
    void print(const QString &userId, const QJsonObject &stored, const QStringList &warnings) {
        const QString roleText =
            m_user.roleName.isEmpty() ? QString()
            : m_suggested ? QStringLiteral("%1 (suggested by the user's teams)").arg(m_user.roleName)
                          : m_user.roleName;
        if (m_json) {
            console::out(JsonWriter::document(
                QJsonObject{{QStringLiteral("user_id"), userId},
                            {QStringLiteral("role"), JsonWriter::text(m_user.roleName)},
                            {QStringLiteral("role_suggested"), m_suggested},
                            {QStringLiteral("request"), m_request},
                            {QStringLiteral("user"), stored},
                            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}}));
            return;
        }
        const auto budget = json::optNum(stored.value(u"max_budget"));
        const QStringList models = json::strList(stored.value(u"models"));
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        t.addRow({QStringLiteral("User"), userId});
        t.addRow({QStringLiteral("E-mail"), json::str(stored.value(u"user_email"))});
        t.addRow({QStringLiteral("User role"), json::str(stored.value(u"user_role"))});
        t.addRow({QStringLiteral("Desk role"), roleText.isEmpty() ? QStringLiteral("none") : roleText});
        t.addRow({QStringLiteral("Teams"), json::strList(stored.value(u"teams")).join(u',')});
        t.addRow({QStringLiteral("Models"), models.isEmpty() ? QStringLiteral("all") : models.join(u',')});
        t.addRow({QStringLiteral("Max budget"),
                  budget ? JsonWriter::number(*budget) : QStringLiteral("unlimited")});
        t.addRow({QStringLiteral("Budget period"), json::str(stored.value(u"budget_duration"))});
        for (const QString &w : warnings)
            t.addRow({QStringLiteral("Not kept"), w});
        console::out(t.toString());
    }

    NewUser m_user;
    bool m_suggested = false;
    bool m_json = false;
    bool m_finish = false;
    QString m_unfinished; // a user created, or maybe created, without its fields
    QJsonObject m_request;
    QPointer<ProxyClient> m_client;
};

} // namespace

void registerUsersCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new UsersCreateCommand(owner));
    registerUsersQueryCommands(registry, owner);
}
