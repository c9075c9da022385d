#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "TeamsCommandSupport.h"

#include "core/export/JsonWriter.h"
#include "core/teams/TeamLookup.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace {

// A command that acts on the team named by its first argument (id or alias): finds it, then act().
class TeamActionCommand : public Command {
public:
    using Command::Command;

    int minArguments() const override { return 1; }
    std::optional<QString> configure(const QCommandLineParser &) override { return std::nullopt; }

    void start() override {
        m_client = proxy().makeClient(this);
        teamlookup::find(*m_client, arguments().first(), this, [this](Expected<TeamRecord> team) {
            if (!team)
                return fail(team.error());
            act(*team);
        });
    }

protected:
    virtual void act(const TeamRecord &team) = 0;

    // The handler for a call that answers with the changed team: prints `done` and what was not kept.
    Handler<TeamRecord> reportWith(QString done, api::TeamFields asked = {}) {
        return [this, done, asked](Expected<TeamRecord> r) {
            if (!r)
                return fail(r.error());
            console::out(done.arg(r->displayName(), r->teamId) + u'\n');
            const QStringList dropped = teamscli::notKept(asked, *r);
            if (!dropped.isEmpty())
                return fail(ExitCode::Api,
                            QStringLiteral("the proxy did not keep %1").arg(dropped.join(u", ")));
            succeed();
        };
    }

    QPointer<ProxyClient> m_client;
};

// teams create --alias A ...: /team/new, after checking no team has the alias already.
class TeamsCreateCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("create")}; }
    QString summary() const override {
        return QStringLiteral("Create a team with its budget, limits and first members");
    }
    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> o = teamscli::fieldOptions();
        o << QCommandLineOption(
                 QStringLiteral("member"),
                 QStringLiteral("A first member, USER or USER:admin (repeat the option for more)."),
                 QStringLiteral("USER[:admin]"))
          << QCommandLineOption(QStringLiteral("format"),
                                QStringLiteral("Output format: text (default) or json."),
                                QStringLiteral("FORMAT"), QStringLiteral("text"));
        return o;
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto bad = checkChoice(parser, QStringLiteral("format"),
                                   {QStringLiteral("text"), QStringLiteral("json")}))
            return bad;
        m_json = parser.value(QStringLiteral("format")) == u"json";
        if (!parser.isSet(QStringLiteral("alias")))
            return QStringLiteral("teams create needs --alias: the name people will know the team by");
        if (auto bad = teamscli::readFields(parser, &m_fields))
            return bad;
        for (const QString &spec : parser.values(QStringLiteral("member"))) {
            const QStringList parts = spec.split(u':');
            const QString role = parts.size() == 2 ? parts.at(1) : QStringLiteral("user");
            if (parts.size() > 2 || parts.first().isEmpty() || (role != u"admin" && role != u"user"))
                return QStringLiteral("--member must be USER, USER:admin or USER:user, not \"%1\"").arg(spec);
            m_fields.members << TeamMember::withRole(parts.first(), role);
        }
        return std::nullopt;
    }

    void start() override {
        m_client = proxy().makeClient(this);
        api::TeamListQuery q;
        q.teamAlias = m_fields.teamAlias;
        q.pageSize = api::TeamListQuery::kMaxPageSize;
        api::listTeams(*m_client, q, this, [this](Expected<api::TeamPage> page) {
            if (!page)
                return fail(page.error());
            const auto same = teamlookup::matches(page->teams, m_fields.teamAlias);
            if (!same.isEmpty())
                return fail(
                    ExitCode::Usage,
                    QStringLiteral("a team called \"%1\" already exists (%2); LiteLLM would make a second "
                                   "one with the same alias. Choose another --alias.")
                        .arg(m_fields.teamAlias, same.first().teamId));
            api::newTeam(*m_client, m_fields, this, [this](Expected<TeamRecord> t) {
                if (!t)
                    return fail(t.error());
                if (m_json)
                    console::out(JsonWriter::document(teamscli::toJson(*t)));
                else
                    console::out(QStringLiteral("created team %1 (%2)\n").arg(t->displayName(), t->teamId));
                const QStringList dropped = teamscli::notKept(m_fields, *t);
                if (!dropped.isEmpty())
                    return fail(ExitCode::Api,
                                QStringLiteral("the proxy did not keep %1").arg(dropped.join(u", ")));
                succeed();
            });
        });
    }

private:
    api::TeamFields m_fields;
    QPointer<ProxyClient> m_client;
    bool m_json = false;
};

class TeamsUpdateCommand final : public TeamActionCommand {
public:
    using TeamActionCommand::TeamActionCommand;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("update")}; }
    QString summary() const override {
        return QStringLiteral("Change a team's alias, models, budget or limits");
    }
    QString argumentsSyntax() const override { return QStringLiteral("TEAM"); }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override { return teamscli::fieldOptions(); }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto bad = teamscli::readFields(parser, &m_fields))
            return bad;
        if (m_fields.toJson().isEmpty())
            return QStringLiteral("teams update needs at least one of --alias, --models, --max-budget, "
                                  "--budget-duration, --tpm, --rpm");
        return std::nullopt;
    }

protected:
    void act(const TeamRecord &team) override {
        api::updateTeam(*m_client, team.teamId, m_fields, this,
                        reportWith(QStringLiteral("updated team %1 (%2)"), m_fields));
    }

private:
    api::TeamFields m_fields;
};

class TeamsAddMemberCommand final : public TeamActionCommand {
public:
    using TeamActionCommand::TeamActionCommand;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("add-member")}; }
    QString summary() const override { return QStringLiteral("Add a user to a team as admin or user"); }
    QString argumentsSyntax() const override { return QStringLiteral("TEAM USER"); }
    int minArguments() const override { return 2; }
    int maxArguments() const override { return 2; }
    QList<QCommandLineOption> options() const override {
        return {Command::valueOption("role", "admin or user (default).", "ROLE"),
                Command::valueOption("max-budget-in-team", "The member's own budget in the team, in USD.",
                                     "USD")};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        const QString role = parser.isSet(QStringLiteral("role")) ? parser.value(QStringLiteral("role"))
                                                                  : QStringLiteral("user");
        if (role != u"admin" && role != u"user")
            return QStringLiteral("--role must be admin or user, not \"%1\"").arg(role);
        m_member = TeamMember::withRole(arguments().at(1), role);
        if (parser.isSet(QStringLiteral("max-budget-in-team"))) {
            bool ok = false;
            const double usd = parser.value(QStringLiteral("max-budget-in-team")).toDouble(&ok);
            if (!ok || usd < 0)
                return QStringLiteral("--max-budget-in-team must be an amount in USD, 0 or more");
            m_member.maxBudgetInTeam = usd;
        }
        return std::nullopt;
    }

protected:
    void act(const TeamRecord &team) override {
        api::TeamFields asked;
        asked.members << m_member;
        api::addTeamMember(
            *m_client, team.teamId, m_member, this,
            reportWith(QStringLiteral("added %1 as %2 to team %3 (%4)")
                           .arg(m_member.userId, m_member.role, QStringLiteral("%1"), QStringLiteral("%2")),
                       asked));
    }

private:
    TeamMember m_member;
};

class TeamsRemoveMemberCommand final : public TeamActionCommand {
public:
    using TeamActionCommand::TeamActionCommand;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("remove-member")}; }
    QString summary() const override { return QStringLiteral("Remove a user from a team (their keys stay)"); }
    QString argumentsSyntax() const override { return QStringLiteral("TEAM USER"); }
    int minArguments() const override { return 2; }
    int maxArguments() const override { return 2; }

protected:
    void act(const TeamRecord &team) override {
        const QString user = arguments().at(1);
        api::removeTeamMember(*m_client, team.teamId, user, this, [this, user](Expected<TeamRecord> r) {
            if (!r)
                return fail(r.error());
            if (r->member(user))
                return fail(
                    ExitCode::Api,
                    QStringLiteral("the proxy still lists %1 in team %2").arg(user, r->displayName()));
            console::out(
                QStringLiteral("removed %1 from team %2 (%3)\n").arg(user, r->displayName(), r->teamId));
            succeed();
        });
    }
};

class TeamsBlockCommand final : public TeamActionCommand {
public:
    TeamsBlockCommand(bool block, QObject *parent)
        : TeamActionCommand(parent)
        , m_block(block) {}

    QStringList words() const override {
        return {QStringLiteral("teams"), m_block ? QStringLiteral("block") : QStringLiteral("unblock")};
    }
    QString summary() const override {
        return m_block ? QStringLiteral("Block a team: LiteLLM refuses every key of it")
                       : QStringLiteral("Unblock a team");
    }
    QString argumentsSyntax() const override { return QStringLiteral("TEAM"); }
    int maxArguments() const override { return 1; }

protected:
    void act(const TeamRecord &team) override {
        api::setTeamBlocked(*m_client, team.teamId, m_block, this, [this](Expected<TeamRecord> r) {
            if (!r)
                return fail(r.error());
            if (r->isBlocked() != m_block)
                return fail(ExitCode::Api,
                            QStringLiteral("the proxy did not keep blocked=%1")
                                .arg(m_block ? QStringLiteral("true") : QStringLiteral("false")));
            console::out(QStringLiteral("%1 team %2 (%3)\n")
                             .arg(m_block ? QStringLiteral("blocked") : QStringLiteral("unblocked"),
                                  r->displayName(), r->teamId));
            succeed();
        });
    }

private:
    bool m_block;
};

// teams delete TEAM: says how many keys go with the team (LiteLLM deletes them) and asks first.
class TeamsDeleteCommand final : public TeamActionCommand {
public:
    using TeamActionCommand::TeamActionCommand;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("delete")}; }
    QString summary() const override {
        return QStringLiteral("Delete a team and, as LiteLLM does, all its keys");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nLiteLLM deletes every key of the team with it. The command says how many "
                              "and asks for the team's alias on a terminal; elsewhere it needs --yes.");
    }
    QString argumentsSyntax() const override { return QStringLiteral("TEAM"); }
    int maxArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override {
        return {QCommandLineOption(QStringLiteral("yes"), QStringLiteral("Delete without asking."))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_yes = parser.isSet(QStringLiteral("yes"));
        return std::nullopt;
    }

protected:
    void act(const TeamRecord &team) override {
        api::teamInfo(*m_client, team.teamId, this, [this](Expected<api::TeamInfo> info) {
            if (!info)
                return fail(info.error());
            const auto keys = info->keys.size();
            const QString name = info->team.displayName();
            const QString what =
                QStringLiteral("team %1 (%2) has %3 key(s) and %4 member(s); LiteLLM deletes its keys "
                               "with it")
                    .arg(name, info->team.teamId)
                    .arg(keys)
                    .arg(info->team.members.size());
            if (!m_yes) {
                if (!isatty(fileno(stdin)))
                    return fail(ExitCode::Usage,
                                what + QStringLiteral(". Run again with --yes to delete it."));
                console::out(what + QStringLiteral(".\nType the team's alias to delete it: "));
                QTextStream in(stdin);
                if (in.readLine().trimmed() != name)
                    return fail(ExitCode::Usage, QStringLiteral("not deleted: the alias did not match"));
            }
            api::deleteTeam(*m_client, info->team.teamId, this, [this, name, keys](Expected<QStringList> r) {
                if (!r)
                    return fail(r.error());
                console::out(QStringLiteral("deleted team %1 and its %2 key(s)\n").arg(name).arg(keys));
                succeed();
            });
        });
    }

private:
    bool m_yes = false;
};

} // namespace

void registerTeamsActionCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new TeamsCreateCommand(owner));
    registry.add(new TeamsUpdateCommand(owner));
    registry.add(new TeamsAddMemberCommand(owner));
    registry.add(new TeamsRemoveMemberCommand(owner));
    registry.add(new TeamsBlockCommand(true, owner));
    registry.add(new TeamsBlockCommand(false, owner));
    registry.add(new TeamsDeleteCommand(owner));
}
