#include "DeskctlRun.h"

#include "core/export/CsvReader.h"
#include "sim/Simulator.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

// litellm-deskctl teams ... and users list|show as a script sees them: the built binary against a
// simulator in this test.
class TestDeskctlTeams : public QObject {
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;

    DeskctlRun run(QStringList args, const QString &key = {}) {
        args << u"--url"_qs << m_sim->url().toString();
        return DeskctlRun::run(args, DeskctlRun::environment({}, key.isEmpty() ? m_sim->masterKey() : key));
    }
    static QJsonArray array(const DeskctlRun &r) { return QJsonDocument::fromJson(r.out).array(); }
    static QJsonObject object(const DeskctlRun &r) { return QJsonDocument::fromJson(r.out).object(); }
    const SimTeam &simTeam(const QString &alias) const {
        for (const auto &t : m_sim->data().teams())
            if (t.alias == alias && !t.deleted)
                return t;
        qFatal("no team %s", qPrintable(alias));
    }
    // A team with a plain member (role user) who is an internal user.
    const SimTeam &teamWithPlainMember() const {
        for (const auto &t : m_sim->data().teams())
            for (const auto &m : t.members)
                if (m.role == u"user" &&
                    m_sim->data().users().at(m_sim->data().userIndex(m.userId)).role == u"internal_user")
                    return t;
        qFatal("no team has a plain member");
    }
    // A raw key of the first internal user who is a plain member of `team`, made with /key/generate.
    QString plainMemberKey(const SimTeam &team) {
        for (const auto &m : team.members) {
            const int u = m_sim->data().userIndex(m.userId);
            if (m.role != u"user" || m_sim->data().users().at(u).role != u"internal_user")
                continue;
            QNetworkRequest request(m_sim->url().resolved(QUrl(u"/key/generate"_qs)));
            request.setRawHeader("Authorization", "Bearer " + m_sim->masterKey().toUtf8());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkAccessManager nam;
            QNetworkReply *reply =
                nam.post(request, QJsonDocument(QJsonObject{{u"user_id"_qs, m.userId}}).toJson());
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(10000);
            reply->deleteLater();
            return QJsonDocument::fromJson(reply->readAll()).object().value(u"key").toString();
        }
        return {};
    }

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(QStringLiteral(DESKCTL_PATH)), DESKCTL_PATH); }
    void init() {
        SimOptions o;
        o.keys = 300;
        o.teams = 20;
        o.users = 60;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }
    void cleanup() { m_sim.reset(); }

    void listJsonHasLiteLlmFieldsCountsAndRisks() {
        const auto r = run({u"teams"_qs, u"list"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray teams = array(r);
        QCOMPARE(teams.size(), 20);
        for (const auto &v : teams) {
            const QJsonObject t = v.toObject();
            for (const auto field : {u"team_id", u"team_alias", u"members_with_roles", u"models", u"spend",
                                     u"max_budget", u"budget_duration", u"tpm_limit", u"rpm_limit",
                                     u"blocked", u"members_count", u"keys_count", u"risks"})
                QVERIFY2(t.contains(field), qPrintable(QString::fromUtf16(field)));
            const SimTeam &sim = simTeam(t.value(u"team_alias").toString());
            QCOMPARE(t.value(u"members_count").toInt(), sim.members.size());
            QCOMPARE(t.value(u"keys_count").toInteger(), m_sim->data().teamTotals(sim.teamId).keyCount);
            QCOMPARE(t.value(u"risks").toArray().contains(u"no_budget"_qs), t.value(u"max_budget").isNull());
        }
    }

    void listSortsFiltersAndLimits() {
        auto r = run({u"teams"_qs, u"list"_qs, u"--sort"_qs, u"team_alias:desc"_qs, u"--limit"_qs, u"5"_qs,
                      u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        QJsonArray teams = array(r);
        QCOMPARE(teams.size(), 5);
        for (int i = 1; i < teams.size(); ++i)
            QVERIFY(teams.at(i - 1)[u"team_alias"].toString() >= teams.at(i)[u"team_alias"].toString());
        QVERIFY(m_sim->requestLog().last().contains(u"sort_order=desc"));
        r = run({u"teams"_qs, u"list"_qs, u"--alias"_qs, u"PLATFORM"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(array(r).size(), 2); // platform, platform-2
        r = run({u"teams"_qs, u"list"_qs, u"--limit"_qs, u"3"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.errText().contains(u"showing 3 of 20 teams"), r.err.constData());
        r = run({u"teams"_qs, u"list"_qs, u"--all"_qs, u"--format"_qs, u"csv"_qs});
        QCOMPARE(r.exitCode, 0);
        const auto rows = CsvReader::parse(r.outText()).value_or(QList<QStringList>());
        QCOMPARE(rows.size(), 21);
        QCOMPARE(rows.first().mid(0, 4),
                 (QStringList{"team_id", "team_alias", "members_count", "keys_count"}));
    }

    void listSaysAnOldProxySentEverythingAtOnce() {
        SimOptions o;
        o.v2TeamList = false;
        o.teams = 6;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
        const auto r =
            run({u"teams"_qs, u"list"_qs, u"--sort"_qs, u"team_alias"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.errText().contains(u"/team/list"), r.err.constData());
        const QJsonArray teams = array(r);
        QCOMPARE(teams.size(), 6);
        QVERIFY(teams.first()[u"team_alias"].toString() <= teams.last()[u"team_alias"].toString());
        QVERIFY(!teams.first().toObject().contains(u"keys")); // the full key rows are not repeated
        QVERIFY(teams.first().toObject().value(u"keys_count").isDouble());
    }

    void listRefusesInvalidOptions_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("sort field") << QStringList{"--sort", "spend"};
        QTest::newRow("sort order") << QStringList{"--sort", "team_alias:up"};
        QTest::newRow("limit") << QStringList{"--limit", "0"};
        QTest::newRow("limit and all") << QStringList{"--limit", "5", "--all"};
        QTest::newRow("format") << QStringList{"--format", "xml"};
    }
    void listRefusesInvalidOptions() {
        QFETCH(QStringList, args);
        const auto r = run(QStringList{u"teams"_qs, u"list"_qs} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.errText().isEmpty());
    }

    void showsATeamByAliasOrId() {
        const SimTeam &team = simTeam(u"growth"_qs);
        auto r = run({u"teams"_qs, u"show"_qs, u"growth"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        QJsonObject o = object(r);
        QCOMPARE(o[u"team"][u"team_id"].toString(), team.teamId);
        QCOMPARE(o[u"members"].toArray().size(), team.members.size());
        QCOMPARE(o[u"keys"].toArray().size(), m_sim->data().teamTotals(team.teamId).keyCount);
        QCOMPARE(o[u"members"].toArray().first()[u"role"].toString(), u"admin"_qs);
        r = run({u"teams"_qs, u"show"_qs, team.teamId});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"growth"));
        QVERIFY(r.outText().contains(u"SPEND IN TEAM"));
    }

    void unknownTeamSaysHowToFindOne() {
        const auto r = run({u"teams"_qs, u"show"_qs, u"no-such-team"_qs});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(u"No team has the id or alias \"no-such-team\""), r.err.constData());
        QVERIFY2(r.errText().contains(u"teams list"), r.err.constData());
        QVERIFY(run({u"teams"_qs, u"block"_qs, u"no-such-team"_qs}).exitCode == 5);
    }

    void createsATeamWithMembers() {
        const QString admin = m_sim->data().users().at(2).userId;
        const QString user = m_sim->data().users().at(3).userId;
        const auto r = run({u"teams"_qs,
                            u"create"_qs,
                            u"--alias"_qs,
                            u"platform-frontend"_qs,
                            u"--models"_qs,
                            u"gpt-4o,gpt-4o-mini"_qs,
                            u"--max-budget"_qs,
                            u"500"_qs,
                            u"--budget-duration"_qs,
                            u"30d"_qs,
                            u"--tpm"_qs,
                            u"1000"_qs,
                            u"--rpm"_qs,
                            u"20"_qs,
                            u"--member"_qs,
                            admin + u":admin",
                            u"--member"_qs,
                            user,
                            u"--format"_qs,
                            u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject t = object(r);
        QCOMPARE(t[u"team_alias"].toString(), u"platform-frontend"_qs);
        QCOMPARE(t[u"max_budget"].toDouble(), 500.0);
        QCOMPARE(t[u"budget_duration"].toString(), u"30d"_qs);
        QCOMPARE(t[u"members_count"].toInt(), 2);
        const SimTeam &sim = simTeam(u"platform-frontend"_qs);
        QCOMPARE(sim.models, (QStringList{"gpt-4o", "gpt-4o-mini"}));
        QCOMPARE(sim.members.at(sim.memberIndex(admin)).role, u"admin"_qs);
        QCOMPARE(sim.members.at(sim.memberIndex(user)).role, u"user"_qs);
        QCOMPARE(sim.tpmLimit, std::optional<qint64>(1000));

        // The alias is taken now: a second team with it is refused before anything is sent.
        const auto again = run({u"teams"_qs, u"create"_qs, u"--alias"_qs, u"platform-frontend"_qs});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.errText().contains(u"already exists"), again.err.constData());
    }

    void createRefusesInvalidValues_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("no alias") << QStringList{"--max-budget", "5"} << "--alias";
        QTest::newRow("negative budget")
            << QStringList{"--alias", "x", "--max-budget", "-1"} << "--max-budget";
        QTest::newRow("budget not a number")
            << QStringList{"--alias", "x", "--max-budget", "lots"} << "--max-budget";
        QTest::newRow("duration") << QStringList{"--alias", "x", "--budget-duration", "monthly"}
                                  << "--budget-duration";
        QTest::newRow("tpm") << QStringList{"--alias", "x", "--tpm", "1.5"} << "--tpm";
        QTest::newRow("member role") << QStringList{"--alias", "x", "--member", "u1:owner"} << "--member";
    }
    void createRefusesInvalidValues() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        const int teams = m_sim->data().teams().size();
        const auto r = run(QStringList{u"teams"_qs, u"create"_qs} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(says), r.err.constData());
        QCOMPARE(m_sim->data().teams().size(), teams);
    }

    void updatesOnlyWhatIsGiven() {
        const SimTeam before = simTeam(u"search"_qs);
        auto r = run(
            {u"teams"_qs, u"update"_qs, u"search"_qs, u"--max-budget"_qs, u"750"_qs, u"--rpm"_qs, u"5"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"updated team search"));
        const SimTeam &after = simTeam(u"search"_qs);
        QCOMPARE(after.maxBudget, std::optional<double>(750));
        QCOMPARE(after.rpmLimit, std::optional<qint64>(5));
        QCOMPARE(after.models, before.models);
        QCOMPARE(after.tpmLimit, before.tpmLimit);
        r = run({u"teams"_qs, u"update"_qs, u"search"_qs});
        QCOMPARE(r.exitCode, 2);
        // "none" removes the budget and a limit.
        r = run({u"teams"_qs, u"update"_qs, u"search"_qs, u"--max-budget"_qs, u"none"_qs, u"--rpm"_qs,
                 u"none"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(!r.errText().contains(u"warning"), r.err.constData());
        QVERIFY(!simTeam(u"search"_qs).maxBudget);
        QVERIFY(!simTeam(u"search"_qs).rpmLimit);
    }

    void addsAndRemovesMembers() {
        const SimTeam &team = simTeam(u"mobile"_qs);
        QString outsider;
        for (const auto &u : m_sim->data().users())
            if (team.memberIndex(u.userId) < 0)
                outsider = u.userId;
        auto r = run({u"teams"_qs, u"add-member"_qs, u"mobile"_qs, outsider, u"--role"_qs, u"admin"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(u"added " + outsider + u" as admin to team mobile"));
        QCOMPARE(team.members.at(team.memberIndex(outsider)).role, u"admin"_qs);
        r = run({u"teams"_qs, u"add-member"_qs, u"mobile"_qs, outsider});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(u"already in team"), r.err.constData());
        r = run({u"teams"_qs, u"add-member"_qs, u"mobile"_qs, outsider, u"--role"_qs, u"owner"_qs});
        QCOMPARE(r.exitCode, 2);
        r = run({u"teams"_qs, u"remove-member"_qs, u"mobile"_qs, outsider});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(team.memberIndex(outsider), -1);
        r = run({u"teams"_qs, u"remove-member"_qs, u"mobile"_qs, outsider});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(u"User not found in team"), r.err.constData());
    }

    void blocksAndUnblocks() {
        const SimTeam &team = simTeam(u"support"_qs);
        auto r = run({u"teams"_qs, u"block"_qs, u"support"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(team.blocked);
        r = run({u"teams"_qs, u"list"_qs, u"--alias"_qs, u"support"_qs, u"--format"_qs, u"json"_qs});
        QStringList blocked; // "support" and "support-2" match the filter; only "support" is blocked
        for (const auto &t : array(r))
            if (t[u"risks"].toArray().contains(u"blocked"_qs))
                blocked << t[u"team_alias"].toString();
        QCOMPARE(blocked, QStringList{u"support"_qs});
        r = run({u"teams"_qs, u"unblock"_qs, u"support"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!team.blocked);
    }

    void aPlainMemberMayNotChangeTheTeam() {
        const SimTeam &team = teamWithPlainMember();
        const QString key = plainMemberKey(team);
        QVERIFY(!key.isEmpty());
        auto r = run({u"teams"_qs, u"update"_qs, team.teamId, u"--max-budget"_qs, u"1"_qs}, key);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.errText().contains(u"not proxy admin OR team admin"), r.err.constData());
        QVERIFY2(!r.errText().contains(key), "the key is never printed");
        r = run({u"teams"_qs, u"block"_qs, team.teamId}, key);
        QCOMPARE(r.exitCode, 4);
        QVERIFY(!team.blocked);
    }

    void deleteSaysWhatGoesAndNeedsYes() {
        const SimTeam &team = simTeam(u"legal"_qs);
        const QString id = team.teamId;
        const qint64 keys = m_sim->data().teamTotals(id).keyCount;
        QVERIFY(keys > 0);
        auto r = run({u"teams"_qs, u"delete"_qs, u"legal"_qs}); // stdin is not a terminal here
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.errText().contains(QStringLiteral("has %1 key(s)").arg(keys)), r.err.constData());
        QVERIFY2(r.errText().contains(u"--yes"), r.err.constData());
        QVERIFY(m_sim->data().teamIndex(id) >= 0);
        r = run({u"teams"_qs, u"delete"_qs, u"legal"_qs, u"--yes"_qs});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.outText().contains(QStringLiteral("deleted team legal and its %1 key(s)").arg(keys)));
        QCOMPARE(m_sim->data().teamIndex(id), -1);
        QCOMPARE(m_sim->data().teamTotals(id).keyCount, 0);
    }

    void usersListFiltersSortsAndLimits() {
        const SimTeam &team = simTeam(u"platform"_qs);
        auto r = run({u"users"_qs, u"list"_qs, u"--team"_qs, u"platform"_qs, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray users = array(r);
        QCOMPARE(users.size(), team.members.size());
        for (const auto &u : users)
            QVERIFY(u[u"teams"].toArray().contains(team.teamId));
        r = run({u"users"_qs, u"list"_qs, u"--role"_qs, u"proxy_admin"_qs, u"--sort"_qs, u"user_email:asc"_qs,
                 u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray admins = array(r);
        QVERIFY(!admins.isEmpty());
        for (int i = 0; i < admins.size(); ++i) {
            QCOMPARE(admins.at(i)[u"user_role"].toString(), u"proxy_admin"_qs);
            if (i > 0)
                QVERIFY(admins.at(i - 1)[u"user_email"].toString() <= admins.at(i)[u"user_email"].toString());
        }
        r = run({u"users"_qs, u"list"_qs, u"--limit"_qs, u"7"_qs, u"--format"_qs, u"csv"_qs});
        QCOMPARE(CsvReader::parse(r.outText()).value_or(QList<QStringList>()).size(), 8);
        r = run({u"users"_qs, u"list"_qs, u"--email"_qs, u"alice"_qs, u"--format"_qs, u"json"_qs});
        for (const auto &u : array(r))
            QVERIFY(u[u"user_email"].toString().contains(u"alice"));
        QCOMPARE(run({u"users"_qs, u"list"_qs, u"--role"_qs, u"boss"_qs}).exitCode, 2);
        QCOMPARE(run({u"users"_qs, u"list"_qs, u"--sort"_qs, u"age"_qs}).exitCode, 2);
        QCOMPARE(run({u"users"_qs, u"list"_qs, u"--team"_qs, u"nobody"_qs}).exitCode, 5);
    }

    void usersShowHasTeamsAndKeys() {
        const SimUser &u = m_sim->data().users().at(1);
        auto r = run({u"users"_qs, u"show"_qs, u.userId, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = object(r);
        QCOMPARE(o[u"user"][u"user_id"].toString(), u.userId);
        QCOMPARE(o[u"teams"].toArray().size(), u.teams.size());
        QCOMPARE(o[u"keys"].toArray().size(), m_sim->data().userTotals(u.userId).keyCount);
        r = run({u"users"_qs, u"show"_qs, u"nobody"_qs});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.errText().contains(u"User nobody not found"), r.err.constData());
    }

    void keysJsonNamesTheBudgetThatLimitsThem() {
        SimTeam *team = nullptr;
        for (auto &t : m_sim->data().teams())
            if (!team && m_sim->data().teamTotals(t.teamId).spend > 1)
                team = &t;
        QVERIFY(team);
        team->maxBudget = m_sim->data().teamTotals(team->teamId).spend - 0.5; // exhausted: spend > budget
        auto r = run({u"keys"_qs, u"list"_qs, u"--team"_qs, team->teamId, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray keys = array(r);
        QVERIFY(!keys.isEmpty());
        for (const auto &v : keys) {
            const QJsonObject k = v.toObject();
            QVERIFY(k.value(u"budgets").isArray());
            QVERIFY(k.value(u"risks").toArray().contains(u"over_budget"_qs));
            const QJsonObject limit = k.value(u"limited_by").toObject();
            QVERIFY(limit.value(u"exhausted").toBool());
            if (k.value(u"max_budget").isNull())
                QCOMPARE(limit.value(u"kind").toString(), u"team"_qs);
        }
        // A key with no budget anywhere: an empty ladder and no limit.
        team->maxBudget.reset();
        r = run({u"keys"_qs, u"list"_qs, u"--team"_qs, team->teamId, u"--format"_qs, u"json"_qs});
        for (const auto &v : array(r)) {
            const QJsonObject k = v.toObject();
            if (!k.value(u"max_budget").isNull())
                continue;
            bool memberBudget = false;
            for (const auto &b : k.value(u"budgets").toArray())
                memberBudget = memberBudget || b[u"kind"].toString() == u"team_member";
            if (!memberBudget) {
                QVERIFY(k.value(u"limited_by").isNull());
                QVERIFY(!k.value(u"risks").toArray().contains(u"over_budget"_qs));
            }
        }
        const QString token = keys.first()[u"token"].toString();
        r = run({u"keys"_qs, u"show"_qs, token, u"--format"_qs, u"json"_qs});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(object(r).value(u"token").toString(), token);
        QVERIFY(object(r).value(u"budgets").isArray());
        QVERIFY(object(r).contains(u"limited_by"));
    }

    void aUserWithoutAdminRightsCannotListUsers() {
        const QString key = plainMemberKey(teamWithPlainMember());
        QVERIFY(!key.isEmpty());
        const auto r = run({u"users"_qs, u"list"_qs}, key);
        QCOMPARE(r.exitCode, 4);
    }
};

QTEST_GUILESS_MAIN(TestDeskctlTeams)
#include "tst_DeskctlTeams.moc"
