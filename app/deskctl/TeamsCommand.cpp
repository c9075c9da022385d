#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "KeysCommandSupport.h"
#include "TeamsCommandSupport.h"

#include "core/api/Json.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/teams/TeamLookup.h"
#include "core/teams/TeamModels.h"
#include "core/teams/TeamRisk.h"

#include <QCommandLineParser>
#include <QVariant>

#include <algorithm>

namespace {

const QStringList kFormats{QStringLiteral("table"), QStringLiteral("json"), QStringLiteral("csv")};
constexpr int kDefaultLimit = 100;

QString dateText(const QDateTime &t) {
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd")) : QString();
}

QString countText(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QString();
}

// Sorts and filters an old proxy's whole /team/list the way /v2/team/list would have.
QList<TeamRecord> arranged(QList<TeamRecord> teams, const api::TeamListQuery &q) {
    if (!q.teamAlias.isEmpty())
        teams.removeIf(
            [&q](const TeamRecord &t) { return !t.teamAlias.contains(q.teamAlias, Qt::CaseInsensitive); });
    const auto key = [&q](const TeamRecord &t) -> QVariant {
        if (q.sortBy == u"team_id")
            return t.teamId;
        if (q.sortBy == u"team_alias")
            return t.teamAlias;
        return t.createdAt;
    };
    const bool desc = q.sortBy.isEmpty() || q.sortOrder == Qt::DescendingOrder;
    std::stable_sort(teams.begin(), teams.end(), [&](const TeamRecord &a, const TeamRecord &b) {
        const auto c = QVariant::compare(key(a), key(b));
        return desc ? c == QPartialOrdering::Greater : c == QPartialOrdering::Less;
    });
    return teams;
}

// teams list: pages of /v2/team/list, filtered and sorted by the proxy (an old proxy's /team/list once).
class TeamsListCommand final : public Command {
public:
    using Command::Command;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("list")}; }
    QString summary() const override {
        return QStringLiteral("List teams with their budget, members, keys and risks");
    }
    QString description() const override {
        return summary() +
               QStringLiteral(
                   ".\nFilter and sort are the proxy's (/v2/team/list). An older proxy has only "
                   "/team/list, which sends every team with all its keys at once: that is said on "
                   "stderr.\njson and csv use LiteLLM's field names plus members_count, keys_count "
                   "and risks (over_budget, near_budget, no_budget, blocked).");
    }
    QList<QCommandLineOption> options() const override {
        return {
            {QStringLiteral("alias"), QStringLiteral("Only teams whose alias contains A."),
             QStringLiteral("A")},
            {QStringLiteral("sort"),
             QStringLiteral("FIELD[:asc|desc], FIELD one of %1.")
                 .arg(api::TeamListQuery::sortFields().join(u", ")),
             QStringLiteral("SORT")},
            {QStringLiteral("limit"), QStringLiteral("At most N teams (default 100)."), QStringLiteral("N")},
            {QStringLiteral("all"), QStringLiteral("Every team: reads every page.")},
            {QStringLiteral("format"), QStringLiteral("Output format: table (default), json or csv."),
             QStringLiteral("FORMAT"), QStringLiteral("table")}};
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto problem = checkChoice(parser, QStringLiteral("format"), kFormats))
            return problem;
        m_format = parser.value(QStringLiteral("format"));
        m_query.teamAlias = parser.value(QStringLiteral("alias"));
        m_query.pageSize = api::TeamListQuery::kMaxPageSize;
        if (auto bad = readSort(parser, api::TeamListQuery::sortFields(), &m_query.sortBy, &m_query.sortOrder,
                                Qt::AscendingOrder))
            return bad;
        if (auto bad = readLimit(parser, QStringLiteral("teams"), &m_limit, &m_all))
            return bad;
        return std::nullopt;
    }

    void start() override {
        m_client = proxy().makeClient(this);
        fetch();
    }

private:
    void fetch() {
        api::listTeams(*m_client, m_query, this, [this](Expected<api::TeamPage> page) {
            if (!page)
                return fail(page.error());
            if (!page->paged) {
                keyscli::warn(
                    QStringLiteral("this proxy has no /v2/team/list; its /team/list sent "
                                   "every team with all their keys at once (heavy on big proxies)"));
                m_teams = arranged(page->teams, m_query);
                return print(m_teams.size());
            }
            m_teams << page->teams;
            const bool more = page->page < page->totalPages && !page->teams.isEmpty();
            if (more && (m_all || m_teams.size() < m_limit)) {
                ++m_query.page;
                return fetch();
            }
            print(page->total.value_or(m_teams.size()));
        });
    }

    void print(qint64 total) {
        const QList<TeamRecord> shown = m_all ? m_teams : m_teams.mid(0, m_limit);
        if (m_format == u"json") {
            QJsonArray out;
            for (const auto &t : shown)
                out << teamscli::toJson(t);
            console::out(JsonWriter::document(out));
        } else if (m_format == u"csv") {
            QString out = CsvWriter::row(
                QString::fromLatin1(
                    "team_id,team_alias,members_count,keys_count,models,spend,max_budget,budget_duration,"
                    "budget_reset_at,tpm_limit,rpm_limit,blocked,created_at,risks")
                    .split(u','));
            for (const auto &t : shown)
                out += CsvWriter::row(
                    {t.teamId, t.teamAlias, teamscli::membersCount(t), teamscli::keysCount(t),
                     t.models.join(u','), JsonWriter::number(t.spend),
                     t.maxBudget ? JsonWriter::number(*t.maxBudget) : QString(), t.budgetDuration,
                     json::isoUtc(t.budgetResetAt), countText(t.tpmLimit), countText(t.rpmLimit),
                     t.isBlocked() ? QStringLiteral("true") : QStringLiteral("false"),
                     json::isoUtc(t.createdAt), teamrisk::names(teamrisk::risks(t)).join(u' ')});
            console::out(out);
        } else {
            TextTable table;
            for (const char *title : {"ALIAS", "ID", "MEMBERS", "KEYS", "MODELS", "SPEND / BUDGET", "RESETS",
                                      "TPM", "RPM", "BLOCKED", "CREATED", "RISKS"})
                table.addColumn(QString::fromLatin1(title));
            for (const auto &t : shown) {
                QStringList risks;
                for (const TeamRisk r : teamrisk::risks(t))
                    risks << teamrisk::label(r);
                table.addRow({t.teamAlias, t.teamId, teamscli::membersCount(t), teamscli::keysCount(t),
                              teammodels::describe(t), teamscli::spendText(t), dateText(t.budgetResetAt),
                              countText(t.tpmLimit), countText(t.rpmLimit),
                              t.isBlocked() ? QStringLiteral("yes") : QString(), dateText(t.createdAt),
                              risks.join(QStringLiteral(", "))});
            }
            console::out(table.toString());
            if (shown.size() < total)
                keyscli::warn(QStringLiteral("showing %1 of %2 teams; use --limit N or --all for more")
                                  .arg(shown.size())
                                  .arg(total));
        }
        succeed();
    }

    QPointer<ProxyClient> m_client;
    api::TeamListQuery m_query;
    QList<TeamRecord> m_teams;
    QString m_format;
    int m_limit = kDefaultLimit;
    bool m_all = false;
};

// teams show TEAM: /team/info of the team named by id or alias.
class TeamsShowCommand final : public ShowCommand {
public:
    using ShowCommand::ShowCommand;

    QStringList words() const override { return {QStringLiteral("teams"), QStringLiteral("show")}; }
    QString summary() const override { return QStringLiteral("Show one team with its members and keys"); }
    QString argumentsSyntax() const override { return QStringLiteral("TEAM"); }

    void start() override {
        auto *client = proxy().makeClient(this);
        teamlookup::find(*client, arguments().first(), this, [this, client](Expected<TeamRecord> team) {
            if (!team)
                return fail(team.error());
            api::teamInfo(*client, team->teamId, this, [this](Expected<api::TeamInfo> info) {
                if (!info)
                    return fail(info.error());
                print(*info);
            });
        });
    }

private:
    void print(const api::TeamInfo &info) {
        if (!json()) {
            console::out(teamscli::details(info.team, info.keys));
            return succeed();
        }
        QJsonArray members;
        for (const auto &m : info.team.members)
            members << QJsonObject{
                {QStringLiteral("user_id"), m.userId},
                {QStringLiteral("user_email"), JsonWriter::text(m.userEmail)},
                {QStringLiteral("role"), m.role},
                {QStringLiteral("spend"), m.spend},
                {QStringLiteral("max_budget_in_team"), JsonWriter::value(m.maxBudgetInTeam)}};
        QJsonArray keys;
        for (const auto &k : info.keys)
            keys << k.raw;
        QJsonObject team = teamscli::toJson(info.team);
        team.insert(QStringLiteral("keys_count"), keys.size());
        console::out(JsonWriter::document(QJsonObject{{QStringLiteral("team"), team},
                                                      {QStringLiteral("members"), members},
                                                      {QStringLiteral("keys"), keys}}));
        succeed();
    }
};

} // namespace

void registerTeamsCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new TeamsListCommand(owner));
    registry.add(new TeamsShowCommand(owner));
    registerTeamsActionCommands(registry, owner);
}
