#include "CallResult.h"
#include "core/api/ClientFeatures.h"
#include "core/api/KeyApi.h"
#include "core/api/TeamApi.h"
#include "sim/Simulator.h"

using namespace api;

// The team routes end to end: TeamApi over real HTTP against the simulator's LiteLLM team routes.
class TestTeamApi : public QObject {
    Q_OBJECT
private slots:
    void init();
    void listsPagedSortedAndFilteredByTheProxy();
    void readsOneUnpagedListFromAnOldProxy();
    void readsTeamInfoWithMemberSpendAndBudgets();
    void aTeamsDefaultMemberBudgetAppliesToMembersWithoutOne();
    void unknownTeamIsLiteLLMsNotFound();
    void createsATeamWithMembersAndLimits();
    void updatesOnlyTheFieldsSent();
    void addsChangesAndRemovesMembers();
    void refusesADuplicateMemberAndAnUnknownMember();
    void nonAdminsCannotChangeATeam();
    void blockingATeamRefusesItsKeys();
    void deletingATeamDeletesItsKeys();
    void invalidValuesAreRefused();

private:
    template <typename T, typename Start> T ok(Start start) {
        const auto r = waitFor<T>(start);
        if (!r || !r->has_value())
            qFatal("call failed: %s", r ? qPrintable(r->error().toString()) : "no answer");
        return r->value();
    }
    template <typename T, typename Start> ApiError error(Start start) {
        const auto r = waitFor<T>(start);
        if (!r || r->has_value())
            qFatal("call did not fail");
        return r->error();
    }
    TeamRecord someTeam() const {
        return teamWith([](const SimTeam &t) { return t.members.size() >= 3; });
    }
    template <typename Pred> TeamRecord teamWith(Pred pred) const {
        for (const auto &t : m_sim->data().teams())
            if (pred(t)) {
                TeamRecord r;
                r.teamId = t.teamId;
                r.teamAlias = t.alias;
                return r;
            }
        qFatal("no such team in the data set");
    }
    std::unique_ptr<ProxyClient> clientWithKey(const QString &key) const {
        ClientConfig c;
        c.baseUrl = m_sim->url();
        c.timeoutMs = 5000;
        return std::make_unique<ProxyClient>(c, key);
    }

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
};

void TestTeamApi::init() {
    SimOptions o;
    o.keys = 400;
    o.teams = 20;
    o.users = 60;
    o.today = QDate(2026, 12, 1);
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    m_client = clientWithKey(m_sim->masterKey());
}

void TestTeamApi::listsPagedSortedAndFilteredByTheProxy() {
    TeamListQuery q;
    q.pageSize = 7;
    q.sortBy = QStringLiteral("team_alias");
    auto page = ok<TeamPage>([&](QObject *c, Handler<TeamPage> h) { listTeams(*m_client, q, c, h); });
    QVERIFY(page.paged);
    QCOMPARE(page.total.value_or(-1), 20);
    QCOMPARE(page.totalPages, 3);
    QCOMPARE(page.teams.size(), 7);
    for (int i = 1; i < page.teams.size(); ++i)
        QVERIFY(page.teams.at(i - 1).teamAlias <= page.teams.at(i).teamAlias);
    QVERIFY(page.teams.first().membersCount.has_value());
    QVERIFY(page.teams.first().keysCount.has_value());

    q.sortOrder = Qt::DescendingOrder;
    q.page = 3;
    page = ok<TeamPage>([&](QObject *c, Handler<TeamPage> h) { listTeams(*m_client, q, c, h); });
    QCOMPARE(page.teams.size(), 6);
    QVERIFY(page.teams.first().teamAlias >= page.teams.last().teamAlias);

    q = {};
    q.teamAlias = QStringLiteral("PLATFORM"); // contains, case-insensitive: "platform" and "platform-2"
    page = ok<TeamPage>([&](QObject *c, Handler<TeamPage> h) { listTeams(*m_client, q, c, h); });
    QCOMPARE(page.total.value_or(-1), 2);
    for (const auto &t : page.teams)
        QVERIFY(t.teamAlias.startsWith(u"platform"));
}

void TestTeamApi::readsOneUnpagedListFromAnOldProxy() {
    SimOptions o;
    o.v2TeamList = false;
    o.teams = 5;
    Simulator old(o);
    QVERIFY(old.listen());
    ClientConfig c;
    c.baseUrl = old.url();
    ProxyClient client(c, old.masterKey());
    const auto page = ok<TeamPage>([&](QObject *ctx, Handler<TeamPage> h) { listTeams(client, {}, ctx, h); });
    QVERIFY(!page.paged); // the caller says it is heavy: every team with all its keys
    QCOMPARE(page.teams.size(), 5);
    QCOMPARE(clientFeature(client, kTeamListV2Feature), false);
    for (int i = 1; i < page.teams.size(); ++i) // /team/list sorts by alias
        QVERIFY(page.teams.at(i - 1).teamAlias <= page.teams.at(i).teamAlias);
}

void TestTeamApi::readsTeamInfoWithMemberSpendAndBudgets() {
    // A team where some member has a budget of their own.
    const TeamRecord wanted = teamWith([](const SimTeam &t) {
        for (const auto &m : t.members)
            if (m.maxBudgetInTeam)
                return true;
        return false;
    });
    const auto info =
        ok<TeamInfo>([&](QObject *c, Handler<TeamInfo> h) { teamInfo(*m_client, wanted.teamId, c, h); });
    QCOMPARE(info.team.teamId, wanted.teamId);
    QCOMPARE(info.team.teamAlias, wanted.teamAlias);
    const SimTeam &sim = m_sim->data().teams().at(m_sim->data().teamIndex(wanted.teamId));
    QCOMPARE(info.team.members.size(), sim.members.size());
    QCOMPARE(info.team.members.first().role, QStringLiteral("admin"));
    bool sawBudget = false;
    double memberSpend = 0;
    for (const auto &m : info.team.members) {
        const auto &simMember = sim.members.at(sim.memberIndex(m.userId));
        QCOMPARE(m.maxBudgetInTeam, simMember.maxBudgetInTeam);
        sawBudget = sawBudget || m.maxBudgetInTeam.has_value();
        QCOMPARE(m.spend, m_sim->data().memberTotals(wanted.teamId, m.userId).spend);
        memberSpend += m.spend;
    }
    QVERIFY(sawBudget);
    QCOMPARE(info.keys.size(), m_sim->data().teamTotals(wanted.teamId).keyCount);
    double keySpend = 0;
    for (const auto &k : info.keys) {
        QCOMPARE(k.teamId, wanted.teamId);
        keySpend += k.spend;
    }
    QVERIFY(qAbs(info.team.spend - keySpend) < 1e-6); // the team's spend is its keys' spend
    QVERIFY(memberSpend <= info.team.spend + 1e-6);
}

// A team created with team_member_budget: /team/info's team_member_budget_table is the budget LiteLLM's
// _check_team_member_budget applies to a member without one of their own.
void TestTeamApi::aTeamsDefaultMemberBudgetAppliesToMembersWithoutOne() {
    const QByteArray body = R"({"team_id": "t1", "team_info": {"team_id": "t1", "members_with_roles": [
        {"user_id": "ana", "role": "admin"}, {"user_id": "bo", "role": "user"}, {"user_id": "cy", "role": "user"}],
        "team_member_budget_table": {"max_budget": 25, "budget_duration": "7d"}},
      "keys": [], "team_memberships": [
        {"user_id": "ana", "team_id": "t1", "spend": 3, "litellm_budget_table": {"max_budget": 100}},
        {"user_id": "bo", "team_id": "t1", "spend": 4, "litellm_budget_table": null}]})";
    const auto info = api::decodeTeamInfo(body);
    QVERIFY(info);
    QCOMPARE(info->team.member(u"ana"_qs)->maxBudgetInTeam, std::optional<double>(100)); // their own
    QCOMPARE(info->team.member(u"bo"_qs)->maxBudgetInTeam, std::optional<double>(25));
    QCOMPARE(info->team.member(u"bo"_qs)->budgetDuration, u"7d"_qs);
    QCOMPARE(info->team.member(u"bo"_qs)->spend, 4.0);
    QCOMPARE(info->team.member(u"cy"_qs)->maxBudgetInTeam, std::optional<double>(25)); // no membership row
    // Without a default, a member without a budget has none.
    const auto plain = api::decodeTeamInfo(
        QByteArray(body).replace(R"("team_member_budget_table": {"max_budget": 25, "budget_duration": "7d"})",
                                 R"("team_member_budget_table": null)"));
    QVERIFY(plain);
    QVERIFY(!plain->team.member(u"bo"_qs)->maxBudgetInTeam);
}

void TestTeamApi::unknownTeamIsLiteLLMsNotFound() {
    const auto e =
        error<TeamInfo>([&](QObject *c, Handler<TeamInfo> h) { teamInfo(*m_client, "nope", c, h); });
    QCOMPARE(e.httpStatus, 404);
    QCOMPARE(e.message, QStringLiteral("Team not found, passed team id: nope."));
    const auto u = error<TeamRecord>([&](QObject *c, Handler<TeamRecord> h) {
        TeamFields f;
        f.maxBudget = 5;
        updateTeam(*m_client, "nope", f, c, h);
    });
    QCOMPARE(u.httpStatus, 404);
    QCOMPARE(u.message, QStringLiteral("Team not found, passed team_id=nope"));
    const auto d =
        error<QStringList>([&](QObject *c, Handler<QStringList> h) { deleteTeam(*m_client, "nope", c, h); });
    QCOMPARE(d.httpStatus, 404);
}

void TestTeamApi::createsATeamWithMembersAndLimits() {
    const QString admin = m_sim->data().users().at(3).userId;
    const QString user = m_sim->data().users().at(4).userId;
    TeamFields f;
    f.teamAlias = QStringLiteral("  platform-frontend ");
    f.models = QStringList{QStringLiteral("gpt-4o")};
    f.maxBudget = 500;
    f.budgetDuration = QStringLiteral("30d");
    f.tpmLimit = 1000;
    f.rpmLimit = 10;
    f.metadata = QJsonObject{{QStringLiteral("cost_center"), QStringLiteral("cc-9")}};
    f.members = {TeamMember::withRole(admin, QStringLiteral("admin")),
                 TeamMember::withRole(user, QStringLiteral("user"))};
    QCOMPARE(f.toJson().value("team_alias").toString(), QStringLiteral("platform-frontend"));
    const auto t = ok<TeamRecord>([&](QObject *c, Handler<TeamRecord> h) { newTeam(*m_client, f, c, h); });
    QVERIFY(!t.teamId.isEmpty());
    QCOMPARE(t.teamAlias, QStringLiteral("platform-frontend"));
    QCOMPARE(t.models, QStringList{"gpt-4o"});
    QCOMPARE(t.maxBudget, std::optional<double>(500));
    QCOMPARE(t.budgetDuration, QStringLiteral("30d"));
    QVERIFY(t.budgetResetAt > QDateTime::currentDateTimeUtc());
    QCOMPARE(t.tpmLimit, std::optional<qint64>(1000));
    QCOMPARE(t.rpmLimit, std::optional<qint64>(10));
    QCOMPARE(t.metadata.value("cost_center").toString(), QStringLiteral("cc-9"));
    QCOMPARE(t.members.size(), 2); // the master key is not added as a member
    QVERIFY(t.member(admin) && t.member(admin)->isAdmin());
    QVERIFY(t.member(user) && !t.member(user)->isAdmin());
    // The members' user rows now name the team.
    const int u = m_sim->data().userIndex(user);
    QVERIFY(m_sim->data().users().at(u).teams.contains(t.teamId));
}

void TestTeamApi::updatesOnlyTheFieldsSent() {
    const TeamRecord team = someTeam();
    const SimTeam before = m_sim->data().teams().at(m_sim->data().teamIndex(team.teamId));
    TeamFields f;
    f.maxBudget = 1234.5;
    const auto t = ok<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { updateTeam(*m_client, team.teamId, f, c, h); });
    QCOMPARE(t.teamId, team.teamId);
    QCOMPARE(t.maxBudget, std::optional<double>(1234.5));
    QCOMPARE(t.teamAlias, before.alias);
    QCOMPARE(t.models, before.models);
    QCOMPARE(t.members.size(), before.members.size());
    QCOMPARE(m_sim->requestLog().last(), QStringLiteral("/team/update"));
}

void TestTeamApi::addsChangesAndRemovesMembers() {
    const TeamRecord team = someTeam();
    const SimTeam &sim = m_sim->data().teams().at(m_sim->data().teamIndex(team.teamId));
    QString outsider;
    for (const auto &u : m_sim->data().users())
        if (sim.memberIndex(u.userId) < 0)
            outsider = u.userId;
    TeamMember m = TeamMember::withRole(outsider, QStringLiteral("user"));
    m.maxBudgetInTeam = 25;
    auto t = ok<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { addTeamMember(*m_client, team.teamId, m, c, h); });
    QVERIFY(t.member(outsider));
    QCOMPARE(t.member(outsider)->role, QStringLiteral("user"));
    auto info =
        ok<TeamInfo>([&](QObject *c, Handler<TeamInfo> h) { teamInfo(*m_client, team.teamId, c, h); });
    QCOMPARE(info.team.member(outsider)->maxBudgetInTeam, std::optional<double>(25));

    TeamMember change = TeamMember::withRole(outsider, QStringLiteral("admin"));
    const auto changed = ok<TeamMember>(
        [&](QObject *c, Handler<TeamMember> h) { updateTeamMember(*m_client, team.teamId, change, c, h); });
    QCOMPARE(changed.userId, outsider);
    info = ok<TeamInfo>([&](QObject *c, Handler<TeamInfo> h) { teamInfo(*m_client, team.teamId, c, h); });
    QVERIFY(info.team.member(outsider)->isAdmin());

    t = ok<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { removeTeamMember(*m_client, team.teamId, outsider, c, h); });
    QVERIFY(!t.member(outsider));
    QVERIFY(!m_sim->data().users().at(m_sim->data().userIndex(outsider)).teams.contains(team.teamId));
}

void TestTeamApi::refusesADuplicateMemberAndAnUnknownMember() {
    const TeamRecord team = someTeam();
    const SimTeam &sim = m_sim->data().teams().at(m_sim->data().teamIndex(team.teamId));
    const TeamMember existing = TeamMember::withRole(sim.members.first().userId, QStringLiteral("user"));
    auto e = error<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { addTeamMember(*m_client, team.teamId, existing, c, h); });
    QCOMPARE(e.httpStatus, 400);
    QVERIFY2(e.message.contains(QStringLiteral("already in team")), qPrintable(e.message));
    e = error<TeamRecord>([&](QObject *c, Handler<TeamRecord> h) {
        removeTeamMember(*m_client, team.teamId, "stranger", c, h);
    });
    QCOMPARE(e.httpStatus, 400);
    QCOMPARE(e.message, QStringLiteral("User not found in team"));
}

void TestTeamApi::nonAdminsCannotChangeATeam() {
    // A key of an internal user who is a plain member (not admin) of a team.
    const TeamRecord team = someTeam();
    const SimTeam &sim = m_sim->data().teams().at(m_sim->data().teamIndex(team.teamId));
    QString memberId;
    for (const auto &m : sim.members) {
        const int u = m_sim->data().userIndex(m.userId);
        if (m.role == u"user" && m_sim->data().users().at(u).role == u"internal_user")
            memberId = m.userId;
    }
    QVERIFY(!memberId.isEmpty());
    KeyGenerateRequest g;
    g.userId = memberId;
    const auto key =
        ok<GeneratedKey>([&](QObject *c, Handler<GeneratedKey> h) { generateKey(*m_client, g, c, h); });
    auto client = clientWithKey(key.key);
    TeamFields f;
    f.maxBudget = 1;
    auto e = error<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { updateTeam(*client, team.teamId, f, c, h); });
    QCOMPARE(e.httpStatus, 403);
    QVERIFY2(e.message.contains(QStringLiteral("not proxy admin OR team admin")), qPrintable(e.message));
    e = error<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { setTeamBlocked(*client, team.teamId, true, c, h); });
    QCOMPARE(e.httpStatus, 403);
    e = error<QStringList>(
        [&](QObject *c, Handler<QStringList> h) { deleteTeam(*client, team.teamId, c, h); });
    QCOMPARE(e.httpStatus, 403);
    QVERIFY(m_sim->data().teamIndex(team.teamId) >= 0);
}

void TestTeamApi::blockingATeamRefusesItsKeys() {
    const TeamRecord team = someTeam();
    KeyGenerateRequest g;
    g.teamId = team.teamId;
    const auto key =
        ok<GeneratedKey>([&](QObject *c, Handler<GeneratedKey> h) { generateKey(*m_client, g, c, h); });
    auto t = ok<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { setTeamBlocked(*m_client, team.teamId, true, c, h); });
    QVERIFY(t.isBlocked());
    auto keyClient = clientWithKey(key.key);
    const auto refused =
        error<KeyRecord>([&](QObject *c, Handler<KeyRecord> h) { keyInfo(*keyClient, {}, c, h); });
    QCOMPARE(refused.httpStatus, 401);
    QVERIFY2(refused.message.contains(QStringLiteral("is blocked")), qPrintable(refused.message));
    t = ok<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { setTeamBlocked(*m_client, team.teamId, false, c, h); });
    QVERIFY(!t.isBlocked());
    QVERIFY(waitFor<KeyRecord>([&](QObject *c, Handler<KeyRecord> h) {
                keyInfo(*keyClient, {}, c, h);
            })->has_value());
}

void TestTeamApi::deletingATeamDeletesItsKeys() {
    const TeamRecord team = someTeam();
    const qint64 keys = m_sim->data().teamTotals(team.teamId).keyCount;
    QVERIFY(keys > 0);
    const auto deleted = ok<QStringList>(
        [&](QObject *c, Handler<QStringList> h) { deleteTeam(*m_client, team.teamId, c, h); });
    QCOMPARE(deleted, QStringList{team.teamId});
    QCOMPARE(m_sim->data().teamTotals(team.teamId).keyCount, 0);
    KeyListQuery q;
    q.teamId = team.teamId;
    const auto page = ok<KeyPage>([&](QObject *c, Handler<KeyPage> h) { listKeys(*m_client, q, c, h); });
    QVERIFY(page.keys.isEmpty());
    const auto e =
        error<TeamInfo>([&](QObject *c, Handler<TeamInfo> h) { teamInfo(*m_client, team.teamId, c, h); });
    QCOMPARE(e.httpStatus, 404);
}

void TestTeamApi::invalidValuesAreRefused() {
    TeamFields f;
    f.teamAlias = QStringLiteral("x");
    f.budgetDuration = QStringLiteral("fortnight");
    auto e = error<TeamRecord>([&](QObject *c, Handler<TeamRecord> h) { newTeam(*m_client, f, c, h); });
    QCOMPARE(e.httpStatus, 400);
    QVERIFY(e.message.contains(QStringLiteral("fortnight")));
    f.budgetDuration.clear();
    f.maxBudget = -5;
    e = error<TeamRecord>([&](QObject *c, Handler<TeamRecord> h) { newTeam(*m_client, f, c, h); });
    QCOMPARE(e.httpStatus, 422);
    const TeamMember bad = TeamMember::withRole(m_sim->data().users().at(5).userId, QStringLiteral("owner"));
    e = error<TeamRecord>(
        [&](QObject *c, Handler<TeamRecord> h) { addTeamMember(*m_client, someTeam().teamId, bad, c, h); });
    QCOMPARE(e.httpStatus, 422);
}

QTEST_GUILESS_MAIN(TestTeamApi)
#include "tst_TeamApi.moc"
