#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"

#include "core/api/Json.h"
#include "core/api/PeopleApi.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/format/Money.h"
#include "core/teams/TeamLookup.h"

#include <QCommandLineParser>

namespace {

const QStringList kSortFields{QStringLiteral("user_id"),    QStringLiteral("user_email"),
                              QStringLiteral("created_at"), QStringLiteral("spend"),
                              QStringLiteral("user_alias"), QStringLiteral("user_role")};
const QStringList kRoles{QStringLiteral("proxy_admin"), QStringLiteral("proxy_admin_viewer"),
                         QStringLiteral("internal_user"), QStringLiteral("internal_user_viewer")};

QString budgetText(const UserRecord &u) {
    return u.maxBudget ? QStringLiteral("%1 / %2").arg(formatUsd(u.spend), formatUsd(*u.maxBudget))
                       : QStringLiteral("%1 / no budget").arg(formatUsd(u.spend));
}

QString dateText(const QDateTime &t) {
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd")) : QString();
}

// users list: pages of /user/list, filtered and sorted by the proxy.
class UsersListCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("users"), QStringLiteral("list")}; }
    QString summary() const override {
        return QStringLiteral("List internal users with their teams, keys and spend");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(".\nFilters and sort are the proxy's (/user/list). json and csv use "
                              "LiteLLM's field names.");
    }
    QList<QCommandLineOption> options() const override {
        const auto opt = &Command::valueOption;
        return {opt("email", "Only users whose e-mail contains E.", "E"),
                opt("team", "Only members of team T (id or alias).", "T"),
                opt("role", "Only users with this user_role.", "R"),
                QCommandLineOption(
                    QStringLiteral("sort"),
                    QStringLiteral("FIELD[:asc|desc], FIELD one of %1.").arg(kSortFields.join(u", ")),
                    QStringLiteral("SORT")),
                opt("limit", "At most N users (default 100).", "N"),
                QCommandLineOption(QStringLiteral("all"), QStringLiteral("Every user: reads every page.")),
                QCommandLineOption(QStringLiteral("format"),
                                   QStringLiteral("Output format: table (default), json or csv."),
                                   QStringLiteral("FORMAT"), QStringLiteral("table"))};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto bad = checkChoice(parser, QStringLiteral("format"),
                                   {QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")}))
            return bad;
        m_format = parser.value(QStringLiteral("format"));
        m_query.pageSize = api::UserListQuery::kMaxPageSize;
        m_query.userEmail = parser.value(QStringLiteral("email"));
        m_team = parser.value(QStringLiteral("team"));
        if (parser.isSet(QStringLiteral("role"))) {
            if (auto bad = checkChoice(parser, QStringLiteral("role"), kRoles))
                return bad;
            m_query.role = parser.value(QStringLiteral("role"));
        }
        if (auto bad = readSort(parser, kSortFields, &m_query.sortBy, &m_query.sortOrder, Qt::AscendingOrder))
            return bad;
        if (auto bad = readLimit(parser, QStringLiteral("users"), &m_limit, &m_all))
            return bad;
        return std::nullopt;
    }

    void start() override {
        m_client = proxy().makeClient(this);
        if (m_team.isEmpty())
            return fetch();
        teamlookup::find(*m_client, m_team, this, [this](Expected<TeamRecord> team) {
            if (!team)
                return fail(team.error());
            m_query.team = team->teamId;
            fetch();
        });
    }

private:
    void fetch() {
        api::listUsers(*m_client, m_query, this, [this](Expected<api::UserPage> page) {
            if (!page)
                return fail(page.error());
            m_users << page->users;
            if (page->page < page->totalPages && !page->users.isEmpty() &&
                (m_all || m_users.size() < m_limit)) {
                ++m_query.page;
                return fetch();
            }
            print(page->total.value_or(m_users.size()));
        });
    }

    void print(qint64 total) {
        const QList<UserRecord> shown = m_all ? m_users : m_users.mid(0, m_limit);
        if (m_format == u"json") {
            QJsonArray out;
            for (const auto &u : shown)
                out << u.raw;
            console::out(JsonWriter::document(out));
        } else if (m_format == u"csv") {
            QString out =
                CsvWriter::row(QString::fromLatin1("user_id,user_email,user_alias,user_role,teams,key_count,"
                                                   "spend,max_budget,budget_duration,created_at")
                                   .split(u','));
            for (const auto &u : shown)
                out += CsvWriter::row({u.userId, u.userEmail, u.userAlias, u.userRole, u.teams.join(u','),
                                       u.keyCount ? QString::number(*u.keyCount) : QString(),
                                       JsonWriter::number(u.spend),
                                       u.maxBudget ? JsonWriter::number(*u.maxBudget) : QString(),
                                       u.budgetDuration, json::isoUtc(u.createdAt)});
            console::out(out);
        } else {
            TextTable t;
            for (const char *title :
                 {"USER", "EMAIL", "ALIAS", "ROLE", "TEAMS", "KEYS", "SPEND / BUDGET", "CREATED"})
                t.addColumn(QString::fromLatin1(title));
            for (const auto &u : shown)
                t.addRow({u.userId, u.userEmail, u.userAlias, u.userRole, QString::number(u.teams.size()),
                          u.keyCount ? QString::number(*u.keyCount) : QString(), budgetText(u),
                          dateText(u.createdAt)});
            console::out(t.toString());
            if (shown.size() < total)
                keyscli::warn(QStringLiteral("showing %1 of %2 users; use --limit N or --all for more")
                                  .arg(shown.size())
                                  .arg(total));
        }
        succeed();
    }

    QPointer<ProxyClient> m_client;
    api::UserListQuery m_query;
    QList<UserRecord> m_users;
    QString m_team;
    QString m_format;
    int m_limit = 100;
    bool m_all = false;
};

// users show USER: /user/info with the user's teams and keys.
class UsersShowCommand final : public ShowCommand {
public:
    using ShowCommand::ShowCommand;

    QStringList words() const override { return {QStringLiteral("users"), QStringLiteral("show")}; }
    QString summary() const override { return QStringLiteral("Show one user with their teams and keys"); }
    QString argumentsSyntax() const override { return QStringLiteral("USER"); }

    void start() override {
        auto *client = proxy().makeClient(this);
        api::userInfo(*client, arguments().first(), this, [this](Expected<api::UserInfo> info) {
            if (!info)
                return fail(info.error());
            if (info->user.raw.isEmpty())
                return fail(ExitCode::Api,
                            QStringLiteral("the proxy has no user \"%1\"; \"users list\" shows the users")
                                .arg(arguments().first()));
            json() ? printJson(*info) : printText(*info);
            succeed();
        });
    }

private:
    static void printJson(const api::UserInfo &info) {
        QJsonArray teams, keys;
        for (const auto &t : info.teams)
            teams << QJsonObject{{QStringLiteral("team_id"), t.teamId},
                                 {QStringLiteral("team_alias"), JsonWriter::text(t.teamAlias)}};
        for (const auto &k : info.keys)
            keys << k.raw;
        console::out(JsonWriter::document(QJsonObject{{QStringLiteral("user"), info.user.raw},
                                                      {QStringLiteral("teams"), teams},
                                                      {QStringLiteral("keys"), keys}}));
    }

    static void printText(const api::UserInfo &info) {
        const UserRecord &u = info.user;
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        QStringList teams;
        for (const auto &team : info.teams)
            teams << team.displayName();
        t.addRow({QStringLiteral("User"), u.userId});
        t.addRow({QStringLiteral("E-mail"), u.userEmail});
        t.addRow({QStringLiteral("Alias"), u.userAlias});
        t.addRow({QStringLiteral("User role"), u.userRole});
        t.addRow({QStringLiteral("Teams"),
                  teams.isEmpty() ? QStringLiteral("none") : teams.join(QStringLiteral(", "))});
        t.addRow(
            {QStringLiteral("Models"), u.models.isEmpty() ? QStringLiteral("all") : u.models.join(u',')});
        t.addRow({QStringLiteral("Spend / budget"), budgetText(u)});
        t.addRow({QStringLiteral("Budget period"), u.budgetDuration});
        t.addRow({QStringLiteral("Created"), dateText(u.createdAt)});
        TextTable k;
        for (const char *title : {"KEY", "TOKEN", "TEAM", "SPEND", "BUDGET"})
            k.addColumn(QString::fromLatin1(title));
        for (const auto &key : info.keys)
            k.addRow({key.displayName(), key.token.left(12),
                      key.teamAlias.isEmpty() ? key.teamId : key.teamAlias, formatUsd(key.spend),
                      key.maxBudget ? formatUsd(*key.maxBudget) : QStringLiteral("-")});
        console::out(t.toString() + QStringLiteral("\n%1 key(s)\n").arg(info.keys.size()) + k.toString());
    }
};

} // namespace

void registerUsersQueryCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new UsersListCommand(owner));
    registry.add(new UsersShowCommand(owner));
}
