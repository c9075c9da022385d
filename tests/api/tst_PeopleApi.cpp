#include "CallResult.h"
#include "core/api/ClientFeatures.h"
#include "core/api/ErrorReason.h"
#include "core/api/PeopleApi.h"
#include "sim/Simulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace api;

namespace {

QJsonObject bodyOf(const HttpRequest &r) {
    return QJsonDocument::fromJson(r.body).object();
}

const QByteArray kTeamRow = R"({"team_id":"t1","team_alias":"Team 1","organization_id":null,
    "members_with_roles":[{"user_id":"u1","user_email":"a@x.io","role":"admin"},{"user_id":"u2","role":"user"}],
    "models":[],"max_budget":"100","spend":12.5,"budget_duration":"30d","tpm_limit":null,"rpm_limit":"60",
    "blocked":false,"members_count":2,"keys_count":"3","metadata":{},"created_at":"2025-01-01T00:00:00Z"})";

} // namespace

class TestPeopleApi : public QObject {
    Q_OBJECT
private slots:
    void readsUserInfoAndAlwaysSendsUserId();
    void anUnknownUserIsNotFoundInEveryVersion_data();
    void anUnknownUserIsNotFoundInEveryVersion();
    void listsUsers();
    void capsTheUserPageSize();
    void createsUsersWithoutAKeyByDefault();
    void createsAUserWithAKeyWhenAsked();
    void updatesAUser();
    void listsTeamsFromV2();
    void fallsBackToTheOldTeamListAndRemembersIt();
    void readsTeamInfo();
    void rejectsWrongShapes_data();
    void rejectsWrongShapes();
};

void TestPeopleApi::readsUserInfoAndAlwaysSendsUserId() {
    CannedServer server;
    server.on(QStringLiteral("/user/info"), 200,
              R"({"user_id":"u1","user_info":{"user_id":"u1","user_email":"a@x.io",
        "user_alias":null,"user_role":"internal_user","teams":["t1",{"team_id":"t2"}],"spend":"3.5","max_budget":null,
        "budget_duration":null,"models":["gpt-4o"],"tpm_limit":1000,"rpm_limit":null,"metadata":{"dept":"ml"},
        "created_at":"2025-01-01 00:00:00"},
        "keys":[{"token":"h1","key_alias":"a","team_alias":"Team 1","spend":1}],"teams":[)" +
                  kTeamRow + "]}");
    auto client = clientFor(server);
    const auto r =
        waitFor<UserInfo>([&](QObject *ctx, Handler<UserInfo> h) { userInfo(*client, "u1", ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(server.last().queryValue("user_id"), QStringLiteral("u1"));
    const UserRecord &u = r->value().user;
    QCOMPARE(u.userId, QStringLiteral("u1"));
    QCOMPARE(u.userEmail, QStringLiteral("a@x.io"));
    QVERIFY(u.userAlias.isEmpty());
    QCOMPARE(u.userRole, QStringLiteral("internal_user"));
    QCOMPARE(u.teams, (QStringList{"t1", "t2"}));
    QCOMPARE(u.spend, 3.5);
    QVERIFY(!u.maxBudget);
    QCOMPARE(u.models, QStringList{"gpt-4o"});
    QCOMPARE(u.tpmLimit.value_or(0), 1000);
    QVERIFY(!u.rpmLimit);
    QCOMPARE(u.metadata.value("dept").toString(), QStringLiteral("ml"));
    QCOMPARE(u.createdAt, QDateTime(QDate(2025, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(r->value().keys.size(), 1);
    QCOMPARE(r->value().keys.first().teamAlias, QStringLiteral("Team 1"));
    QCOMPARE(r->value().teams.size(), 1);
    QCOMPARE(r->value().teams.first().teamAlias, QStringLiteral("Team 1"));

    // An empty id is still sent, so the proxy never answers with every key and team.
    (void)waitFor<UserInfo>([&](QObject *ctx, Handler<UserInfo> h) { userInfo(*client, {}, ctx, h); });
    QVERIFY(server.last().query.hasQueryItem("user_id"));
}

// Before v1.80 LiteLLM answers an unknown user_id with 200 and an empty row; newer ones with a 404
// envelope. Both mean the user is gone, never a user with $0 spend; a user with nothing is still found.
void TestPeopleApi::anUnknownUserIsNotFoundInEveryVersion_data() {
    QTest::addColumn<QString>("version");
    QTest::newRow("oldest") << QStringLiteral("oldest");
    QTest::newRow("1.7x") << QStringLiteral("1.7x");
    QTest::newRow("newest") << QStringLiteral("newest");
}

void TestPeopleApi::anUnknownUserIsNotFoundInEveryVersion() {
    QFETCH(QString, version);
    SimOptions o = *SimOptions::forVersion(version);
    o.keys = 10;
    Simulator sim(o);
    QVERIFY(sim.listen());
    ClientConfig config;
    config.baseUrl = sim.url();
    ProxyClient client(config, sim.masterKey());
    const auto missing = waitFor<UserInfo>([&](QObject *ctx, Handler<UserInfo> h) {
        userInfo(client, QStringLiteral("nobody@nowhere"), ctx, h);
    });
    QVERIFY(missing && !missing->has_value());
    QVERIFY2(isGone(missing->error()), qPrintable(missing->error().toString()));
    QVERIFY2(missing->error().message.contains(u"nobody@nowhere"), qPrintable(missing->error().message));

    const QString known = sim.data().users().first().userId;
    const auto found =
        waitFor<UserInfo>([&](QObject *ctx, Handler<UserInfo> h) { userInfo(client, known, ctx, h); });
    QVERIFY(found && found->has_value());
    QCOMPARE(found->value().user.userId, known);
}

void TestPeopleApi::listsUsers() {
    CannedServer server;
    server.on(QStringLiteral("/user/list"), 200,
              R"({"users":[{"user_id":"u1","user_role":"proxy_admin","key_count":"4",
        "spend":0},{"user_id":"u2","user_email":"b@x.io","key_count":0}],"total":"52","page":2,"page_size":25,"total_pages":3})");
    auto client = clientFor(server);
    UserListQuery query;
    query.page = 2;
    query.pageSize = 25;
    query.role = "proxy_admin";
    query.userEmail = "x.io";
    query.team = "t1";
    query.sortBy = "spend";
    query.sortOrder = Qt::DescendingOrder;
    const auto r =
        waitFor<UserPage>([&](QObject *ctx, Handler<UserPage> h) { listUsers(*client, query, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(
        server.last().query.toString(QUrl::FullyDecoded),
        QStringLiteral(
            "page=2&page_size=25&role=proxy_admin&user_email=x.io&team=t1&sort_by=spend&sort_order=desc"));
    const UserPage &p = r->value();
    QCOMPARE(p.users.size(), 2);
    QCOMPARE(p.users.first().keyCount.value_or(-1), 4);
    QCOMPARE(p.users.last().userEmail, QStringLiteral("b@x.io"));
    QCOMPARE(p.total.value_or(-1), 52);
    QCOMPARE(p.page, 2);
    QCOMPARE(p.pageSize, 25);
    QCOMPARE(p.totalPages, 3);
}

void TestPeopleApi::capsTheUserPageSize() {
    UserListQuery q;
    q.pageSize = 1000;
    QCOMPARE(q.toQuery().queryItemValue("page_size"), QStringLiteral("100"));
    TeamListQuery t;
    t.pageSize = 500;
    QCOMPARE(t.toQuery().queryItemValue("page_size"), QStringLiteral("100"));
}

void TestPeopleApi::createsUsersWithoutAKeyByDefault() {
    CannedServer server;
    server.on(
        QStringLiteral("/user/new"), 200,
        R"({"key":null,"user_id":"u9","user_email":"n@x.io","user_role":"internal_user","teams":["t1"]})");
    auto client = clientFor(server);
    NewUserRequest request;
    request.userEmail = "n@x.io";
    request.userRole = "internal_user";
    request.teams = {"t1"};
    request.keyAlias = "ignored without a key";
    const auto r =
        waitFor<NewUser>([&](QObject *ctx, Handler<NewUser> h) { newUser(*client, request, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(bodyOf(server.last()), QJsonObject({{"user_email", "n@x.io"},
                                                 {"user_role", "internal_user"},
                                                 {"teams", QJsonArray{"t1"}},
                                                 {"auto_create_key", false}}));
    QCOMPARE(r->value().user.userId, QStringLiteral("u9"));
    QCOMPARE(r->value().user.teams, QStringList{"t1"});
    QVERIFY(r->value().key.isEmpty());
}

void TestPeopleApi::createsAUserWithAKeyWhenAsked() {
    CannedServer server;
    server.on(QStringLiteral("/user/new"), 200, R"({"key":"sk-newuserkey","user_id":"u9"})");
    auto client = clientFor(server);
    NewUserRequest request;
    request.userId = "u9";
    request.autoCreateKey = true;
    request.keyAlias = "u9-key";
    request.duration = "7d";
    const auto r =
        waitFor<NewUser>([&](QObject *ctx, Handler<NewUser> h) { newUser(*client, request, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(
        bodyOf(server.last()),
        QJsonObject(
            {{"user_id", "u9"}, {"auto_create_key", true}, {"key_alias", "u9-key"}, {"duration", "7d"}}));
    QCOMPARE(r->value().key, QStringLiteral("sk-newuserkey"));
    QVERIFY(!r->value().user.raw.contains("key"));
}

void TestPeopleApi::updatesAUser() {
    CannedServer server;
    server.on(QStringLiteral("/user/update"), 200,
              R"({"user_id":"u1","data":{"user_role":"proxy_admin_viewer","max_budget":5}})");
    auto client = clientFor(server);
    const auto r = waitFor<UserRecord>([&](QObject *ctx, Handler<UserRecord> h) {
        updateUser(*client, "u1", {{"user_role", "proxy_admin_viewer"}}, ctx, h);
    });
    QVERIFY(r && r->has_value());
    QCOMPARE(bodyOf(server.last()), QJsonObject({{"user_id", "u1"}, {"user_role", "proxy_admin_viewer"}}));
    QCOMPARE(r->value().userId, QStringLiteral("u1"));
    QCOMPARE(r->value().userRole, QStringLiteral("proxy_admin_viewer"));
    QCOMPARE(r->value().maxBudget.value_or(0), 5.0);
}

void TestPeopleApi::listsTeamsFromV2() {
    CannedServer server;
    server.on(QStringLiteral("/v2/team/list"), 200,
              R"({"teams":[)" + kTeamRow + R"(],"total":11,"page":2,"page_size":10,"total_pages":2})");
    auto client = clientFor(server);
    TeamListQuery query;
    query.page = 2;
    query.pageSize = 10;
    query.teamAlias = "Team";
    const auto r =
        waitFor<TeamPage>([&](QObject *ctx, Handler<TeamPage> h) { listTeams(*client, query, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(server.last().queryValue("team_alias"), QStringLiteral("Team"));
    QCOMPARE(server.last().queryValue("page_size"), QStringLiteral("10"));
    const TeamPage &p = r->value();
    QVERIFY(p.paged);
    QCOMPARE(p.total.value_or(-1), 11);
    QCOMPARE(p.page, 2);
    QCOMPARE(p.totalPages, 2);
    const TeamRecord &t = p.teams.first();
    QCOMPARE(t.teamId, QStringLiteral("t1"));
    QCOMPARE(t.displayName(), QStringLiteral("Team 1"));
    QVERIFY(t.organizationId.isEmpty());
    QCOMPARE(t.members.size(), 2);
    QCOMPARE(t.members.first().role, QStringLiteral("admin"));
    QCOMPARE(t.members.last().userId, QStringLiteral("u2"));
    QCOMPARE(t.maxBudget.value_or(0), 100.0);
    QCOMPARE(t.spend, 12.5);
    QCOMPARE(t.rpmLimit.value_or(0), 60);
    QVERIFY(!t.tpmLimit);
    QCOMPARE(t.blocked, std::optional<bool>(false));
    QCOMPARE(t.membersCount.value_or(0), 2);
    QCOMPARE(t.keysCount.value_or(0), 3);
    QCOMPARE(clientFeature(*client, kTeamListV2Feature), true);
}

void TestPeopleApi::fallsBackToTheOldTeamListAndRemembersIt() {
    CannedServer server; // no /v2/team/list: 404
    server.on(QStringLiteral("/team/list"), 200, "[" + kTeamRow + R"(,{"team_id":"t2","team_alias":null}])");
    auto client = clientFor(server);
    TeamListQuery query;
    query.userId = "u1";
    auto r = waitFor<TeamPage>([&](QObject *ctx, Handler<TeamPage> h) { listTeams(*client, query, ctx, h); });
    QVERIFY(r && r->has_value());
    QVERIFY(!r->value().paged);
    QCOMPARE(r->value().teams.size(), 2);
    QCOMPARE(r->value().total.value_or(-1), 2);
    QCOMPARE(r->value().teams.last().displayName(), QStringLiteral("t2"));
    QCOMPARE(server.last().queryValue("user_id"), QStringLiteral("u1"));
    QVERIFY(!server.last().query.hasQueryItem("page"));
    QCOMPARE(server.requestsTo("/v2/team/list"), 1);
    QCOMPARE(clientFeature(*client, kTeamListV2Feature), false);

    r = waitFor<TeamPage>([&](QObject *ctx, Handler<TeamPage> h) { listTeams(*client, query, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(server.requestsTo("/v2/team/list"), 1); // not asked again on this connection
    QCOMPARE(server.requestsTo("/team/list"), 2);
}

void TestPeopleApi::readsTeamInfo() {
    CannedServer server;
    server.on(QStringLiteral("/team/info"), 200,
              R"({"team_id":"t1","team_info":)" + kTeamRow +
                  R"(,"keys":[{"token":"h1","key_alias":"k"}],"team_memberships":[]})");
    auto client = clientFor(server);
    const auto r =
        waitFor<TeamInfo>([&](QObject *ctx, Handler<TeamInfo> h) { teamInfo(*client, "t1", ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(server.last().queryValue("team_id"), QStringLiteral("t1"));
    QCOMPARE(r->value().team.teamAlias, QStringLiteral("Team 1"));
    QCOMPARE(r->value().keys.size(), 1);
    QCOMPARE(r->value().keys.first().keyAlias, QStringLiteral("k"));
}

void TestPeopleApi::rejectsWrongShapes_data() {
    QTest::addColumn<int>("decoder");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("user list without users") << 0 << QByteArray(R"({"total":3})");
    QTest::newRow("user list with a string user") << 0 << QByteArray(R"({"users":["u1"]})");
    QTest::newRow("team list object without teams") << 1 << QByteArray(R"({"data":[]})");
    QTest::newRow("old team list with a string") << 1 << QByteArray(R"(["t1"])");
    QTest::newRow("team info without team_info") << 2 << QByteArray(R"({"team_id":"t1"})");
    QTest::newRow("user info that is no user") << 3 << QByteArray(R"({"detail":"x"})");
    QTest::newRow("user update that names no user") << 4 << QByteArray(R"({"data":{}})");
    QTest::newRow("user info cut off") << 3 << QByteArray(R"({"user_id":)");
}

void TestPeopleApi::rejectsWrongShapes() {
    QFETCH(int, decoder);
    QFETCH(QByteArray, body);
    std::optional<ApiError> error;
    switch (decoder) {
    case 0:
        QVERIFY(!decodeUserPage(body));
        error = decodeUserPage(body).error();
        break;
    case 1:
        QVERIFY(!decodeTeamPage(body));
        error = decodeTeamPage(body).error();
        break;
    case 2:
        QVERIFY(!decodeTeamInfo(body));
        error = decodeTeamInfo(body).error();
        break;
    case 3:
        QVERIFY(!decodeUserInfo(body));
        error = decodeUserInfo(body).error();
        break;
    case 4:
        QVERIFY(!decodeUserUpdate(body));
        error = decodeUserUpdate(body).error();
        break;
    }
    QVERIFY(error);
    QCOMPARE(error->kind, ApiError::Kind::Decode);
}

QTEST_GUILESS_MAIN(TestPeopleApi)
#include "tst_PeopleApi.moc"
