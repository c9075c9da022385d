// Issuing, renewing, revoking and provisioning from roles, end to end against the simulator over HTTP.
#include "core/roles/KeyIssuer.h"
#include "core/roles/LeaseManager.h"
#include "core/roles/UserProvisioner.h"

#include "core/api/Call.h"
#include "core/api/Json.h"
#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"

#include "CannedServer.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(IssuedKey)
Q_DECLARE_METATYPE(QList<LeasedKey>)
Q_DECLARE_METATYPE(QList<KeyOutcome>)
Q_DECLARE_METATYPE(LeasedKey)
Q_DECLARE_METATYPE(RenewPlan)

namespace {

Role analyticsRole() {
    Role r;
    r.name = QStringLiteral("analytics");
    r.models = {QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")};
    r.maxBudget = 20;
    r.budgetDuration = QStringLiteral("30d");
    r.keyAliasPrefix = QStringLiteral("desk");
    r.metadata = {{QStringLiteral("cost_center"), QStringLiteral("42")}};
    r.ttl = *Duration::parse(QStringLiteral("1h"));
    r.maxTtl = *Duration::parse(QStringLiteral("3h"));
    r.rpmLimit = 60;
    r.teams = {QStringLiteral("team-1"), QStringLiteral("team-2")};
    return r;
}

} // namespace

class TestRoleIssuing : public QObject {
    Q_OBJECT
private slots:
    void init();
    void issuesExactlyWhatTheRoleAllows();
    void rawKeyWorksAndIsNotKept();
    void takenAliasRetriesOrSaysSo();
    void invalidChoicesSendNothing();
    void leasesAreListedRenewedAndRevoked();
    void tidyRevokesOnlyExpiredLeases();
    void anotherRoleSharingThePrefixIsNeverTouched();
    void aRenewalAnsweredWithoutExpiryIsNotRenewed();
    void provisioningSurvivesDroppedRole();
    void duplicateUserIsReported();
    void roleSuggestion();

private:
    QJsonObject get(const QString &path, const QUrlQuery &q, const QString &key = {});
    QJsonObject post(const QString &path, const QJsonObject &body);
    IssuedKey issueNow(const Role &role, const IssueChoices &choices);

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
};

void TestRoleIssuing::init() {
    SimOptions o;
    o.keys = 50;
    o.users = 10;
    o.teams = 3;
    o.dropUserRoleOnNew = true;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    ClientConfig c;
    c.baseUrl = m_sim->url();
    c.timeoutMs = 10000;
    m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
}

QJsonObject TestRoleIssuing::get(const QString &path, const QUrlQuery &q, const QString &key) {
    ClientConfig c = m_client->config();
    ProxyClient client(c, key.isEmpty() ? m_sim->masterKey() : key);
    std::optional<Expected<QJsonObject>> out;
    api::call<QJsonObject>(client, Request::get(path, q), &json::parseObject, this,
                           [&](Expected<QJsonObject> r) { out = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10000); }();
    return out && *out ? **out
                       : QJsonObject{{QStringLiteral("__error"),
                                      out ? out->error().toString() : QStringLiteral("none")}};
}

QJsonObject TestRoleIssuing::post(const QString &path, const QJsonObject &body) {
    std::optional<Expected<QJsonObject>> out;
    api::call<QJsonObject>(*m_client, Request::post(path, body), &json::parseObject, this,
                           [&](Expected<QJsonObject> r) { out = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10000); }();
    return out && *out ? **out
                       : QJsonObject{{QStringLiteral("__error"),
                                      out ? out->error().toString() : QStringLiteral("none")}};
}

IssuedKey TestRoleIssuing::issueNow(const Role &role, const IssueChoices &choices) {
    KeyIssuer issuer(m_client.get());
    QSignalSpy issued(&issuer, &KeyIssuer::issued);
    QSignalSpy failed(&issuer, &KeyIssuer::failed);
    issuer.issue(role, choices);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(issued.count() + failed.count() == 1, 10000); }();
    if (issued.isEmpty())
        return {};
    return issued.first().first().value<IssuedKey>();
}

void TestRoleIssuing::issuesExactlyWhatTheRoleAllows() {
    IssueChoices c;
    c.label = QStringLiteral("jane");
    c.models = {QStringLiteral("gpt-4o-mini")};
    c.maxBudget = 5;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const IssuedKey k = issueNow(analyticsRole(), c);
    QVERIFY(k.rawKey.startsWith(u"sk-"));
    QCOMPARE(k.alias, QStringLiteral("desk-analytics-jane"));
    QVERIFY2(k.warnings.isEmpty(), qPrintable(k.warnings.join(u'\n')));
    QVERIFY(k.expires >= before.addSecs(3600 - 5) &&
            k.expires <= QDateTime::currentDateTimeUtc().addSecs(3600 + 5));

    // What the proxy now holds, read back on its own.
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("key"), k.token);
    const QJsonObject info = json::obj(get(QStringLiteral("/key/info"), q).value(u"info"));
    QCOMPARE(json::str(info.value(u"key_alias")), QStringLiteral("desk-analytics-jane"));
    QCOMPARE(json::strList(info.value(u"models")), QStringList{QStringLiteral("gpt-4o-mini")});
    QCOMPARE(json::num(info.value(u"max_budget")), 5.0);
    QCOMPARE(json::str(info.value(u"budget_duration")), QStringLiteral("30d"));
    QCOMPARE(json::integer(info.value(u"rpm_limit")), 60);
    const QJsonObject meta = json::obj(info.value(u"metadata"));
    QCOMPARE(json::str(meta.value(u"cost_center")), QStringLiteral("42"));
    const auto lease = Lease::fromKey(meta, json::dateTime(info.value(u"expires")));
    QVERIFY(lease.has_value());
    QCOMPARE(lease->role, QStringLiteral("analytics"));
    QCOMPARE(lease->maxTtl.toString(), QStringLiteral("3h"));
}

void TestRoleIssuing::rawKeyWorksAndIsNotKept() {
    const IssuedKey k = issueNow(analyticsRole(), {});
    QVERIFY(!k.rawKey.isEmpty());
    QVERIFY(!k.reply.contains(u"key")); // only rawKey holds it
    // The key authenticates as itself.
    const QJsonObject self = get(QStringLiteral("/key/info"), {}, k.rawKey);
    QVERIFY2(!self.contains(u"__error"), qPrintable(self.value(u"__error").toString()));
    QCOMPARE(json::str(json::obj(self.value(u"info")).value(u"key_alias")), k.alias);
}

void TestRoleIssuing::takenAliasRetriesOrSaysSo() {
    // Someone already holds the alias the issuer is about to use: it picks another random suffix.
    KeyIssuer issuer(m_client.get());
    const QString planned = issuer.preview(analyticsRole(), {}).plan->alias;
    QVERIFY(!post(QStringLiteral("/key/generate"), {{QStringLiteral("key_alias"), planned}})
                 .contains(u"__error"));
    QSignalSpy issued(&issuer, &KeyIssuer::issued);
    issuer.issue(analyticsRole(), {});
    QTRY_COMPARE_WITH_TIMEOUT(issued.count(), 1, 10000);
    const auto k = issued.first().first().value<IssuedKey>();
    QVERIFY(k.alias.startsWith(u"desk-analytics-"));
    QVERIFY(k.alias != planned);

    // With a label the user typed, it says so instead.
    IssueChoices c;
    c.label = QStringLiteral("ci");
    QVERIFY(!issueNow(analyticsRole(), c).rawKey.isEmpty());
    KeyIssuer second(m_client.get());
    QSignalSpy failed(&second, &KeyIssuer::failed);
    second.issue(analyticsRole(), c);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const auto e = failed.first().first().value<ApiError>();
    QVERIFY2(e.message.contains(u"desk-analytics-ci") && e.message.contains(u"already exists"),
             qPrintable(e.message));
    QVERIFY(e.hint.contains(u"label"));
}

void TestRoleIssuing::invalidChoicesSendNothing() {
    const qint64 before = m_sim->requestsServed();
    KeyIssuer issuer(m_client.get());
    QSignalSpy invalid(&issuer, &KeyIssuer::invalid);
    IssueChoices c;
    c.maxBudget = 50; // above the role's 20
    issuer.issue(analyticsRole(), c);
    QCOMPARE(invalid.count(), 1);
    QCOMPARE(invalid.first().first().value<QList<FieldError>>().first().field, QStringLiteral("max_budget"));
    QCOMPARE(m_sim->requestsServed(), before);
}

void TestRoleIssuing::leasesAreListedRenewedAndRevoked() {
    const Role role = analyticsRole();
    IssueChoices c;
    c.ttl = *Duration::parse(QStringLiteral("30m"));
    const IssuedKey a = issueNow(role, c);
    const IssuedKey b = issueNow(role, {});
    QVERIFY(!a.token.isEmpty() && !b.token.isEmpty());
    Role other = role;
    other.name = QStringLiteral("other");
    issueNow(other, {});

    LeaseManager leases(m_client.get());
    QSignalSpy listed(&leases, &LeaseManager::listed);
    leases.list({role});
    QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, 10000);
    auto all = listed.first().first().value<QList<LeasedKey>>();
    QCOMPARE(all.size(), 2);              // only this role's keys
    QCOMPARE(all.first().token, a.token); // soonest expiry first

    // Renew: now + ttl (1h), below the 3h cap.
    QSignalSpy renewed(&leases, &LeaseManager::renewed);
    leases.renew(all.first());
    QTRY_COMPARE_WITH_TIMEOUT(renewed.count(), 1, 10000);
    const auto r = renewed.first().first().value<LeasedKey>();
    QVERIFY(r.lease.expires > a.expires.addSecs(25 * 60));
    QVERIFY(!renewed.first().at(1).value<RenewPlan>().capped);

    // A lease issued 2.5 h ago that expires in 10 min is renewed only up to issue + 3 h.
    LeasedKey old = r;
    old.lease.issuedAt = QDateTime::currentDateTimeUtc().addSecs(-150 * 60);
    old.lease.expires = QDateTime::currentDateTimeUtc().addSecs(10 * 60);
    leases.renew(old);
    QTRY_COMPARE_WITH_TIMEOUT(renewed.count(), 2, 10000);
    const auto capped = renewed.at(1).first().value<LeasedKey>();
    QVERIFY(renewed.at(1).at(1).value<RenewPlan>().capped);
    QVERIFY(std::llabs(capped.lease.expires.secsTo(old.lease.issuedAt.addSecs(3 * 3600))) < 5);
    // And at the cap it is refused without asking the proxy.
    QSignalSpy refused(&leases, &LeaseManager::renewRefused);
    leases.renew(capped);
    QCOMPARE(refused.count(), 1);
    QVERIFY(refused.first().at(1).toString().contains(u"maximum TTL"));

    // Revoke both; revoking again reports them as already gone, still a success.
    QSignalSpy revoked(&leases, &LeaseManager::revoked);
    leases.revoke(all);
    QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, 10000);
    for (const auto &o : revoked.first().first().value<QList<KeyOutcome>>())
        QVERIFY2(o.ok && o.message == u"revoked", qPrintable(o.message));
    leases.revoke(all);
    QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 2, 10000);
    for (const auto &o : revoked.at(1).first().value<QList<KeyOutcome>>())
        QVERIFY2(o.ok && o.message == u"already gone", qPrintable(o.message));
    leases.list({role});
    QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 2, 10000);
    QVERIFY(listed.at(1).first().value<QList<LeasedKey>>().isEmpty());
}

void TestRoleIssuing::tidyRevokesOnlyExpiredLeases() {
    const Role role = analyticsRole();
    IssueChoices shortLived;
    shortLived.ttl = *Duration::parse(QStringLiteral("1s"));
    const IssuedKey expiring = issueNow(role, shortLived);
    const IssuedKey live = issueNow(role, {});
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > expiring.expires, 5000);

    LeaseManager leases(m_client.get());
    QSignalSpy revoked(&leases, &LeaseManager::revoked);
    leases.tidy(role);
    QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, 10000);
    const auto outcomes = revoked.first().first().value<QList<KeyOutcome>>();
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.first().token, expiring.token);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("key"), live.token);
    QVERIFY(!get(QStringLiteral("/key/info"), q).contains(u"__error"));
}

void TestRoleIssuing::anotherRoleSharingThePrefixIsNeverTouched() {
    // "desk-ci-" is inside every alias of role ci-nightly ("desk-ci-nightly-…"): the alias query finds
    // them, the role stamped in their metadata must keep them out.
    Role ci = analyticsRole();
    ci.name = QStringLiteral("ci");
    Role nightly = ci;
    nightly.name = QStringLiteral("ci-nightly");
    IssueChoices shortLived;
    shortLived.ttl = *Duration::parse(QStringLiteral("1s"));
    const IssuedKey nightlyExpired = issueNow(nightly, shortLived);
    const IssuedKey nightlyLive = issueNow(nightly, {});
    const IssuedKey ciLive = issueNow(ci, {});
    QVERIFY(nightlyExpired.alias.startsWith(u"desk-ci-nightly-"));
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > nightlyExpired.expires, 5000);

    LeaseManager leases(m_client.get());
    QSignalSpy listed(&leases, &LeaseManager::listed);
    leases.list({ci});
    QTRY_COMPARE_WITH_TIMEOUT(listed.count(), 1, 10000);
    const auto ciLeases = listed.first().first().value<QList<LeasedKey>>();
    QCOMPARE(ciLeases.size(), 1);
    QCOMPARE(ciLeases.first().token, ciLive.token);

    QSignalSpy revoked(&leases, &LeaseManager::revoked);
    leases.tidy(ci);
    QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, 10000);
    QVERIFY(revoked.first().first().value<QList<KeyOutcome>>().isEmpty());
    for (const QString &token : {nightlyExpired.token, nightlyLive.token, ciLive.token}) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("key"), token);
        QVERIFY(!get(QStringLiteral("/key/info"), q).contains(u"__error"));
    }
}

void TestRoleIssuing::aRenewalAnsweredWithoutExpiryIsNotRenewed() {
    // A proxy that answers the update without an expiry: the lease is not reported renewed (nor shown as
    // never expiring).
    CannedServer server;
    server.on(QStringLiteral("/key/update"), 200, R"({"key":"abc","token":"abc"})");
    ClientConfig c;
    c.baseUrl = server.url();
    c.timeoutMs = 5000;
    ProxyClient client(c, QStringLiteral("sk-master"));
    LeaseManager leases(&client);
    QSignalSpy renewed(&leases, &LeaseManager::renewed);
    QSignalSpy failed(&leases, &LeaseManager::renewFailed);
    LeasedKey key;
    key.token = QString(64, u'a');
    key.lease.role = QStringLiteral("ci");
    key.lease.issuedAt = QDateTime::currentDateTimeUtc().addSecs(-600);
    key.lease.ttl = *Duration::parse(QStringLiteral("1h"));
    key.lease.maxTtl = *Duration::parse(QStringLiteral("1d"));
    key.lease.expires = QDateTime::currentDateTimeUtc().addSecs(600);
    leases.renew(key);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(renewed.count(), 0);
    QVERIFY(failed.first().at(1).value<ApiError>().message.contains(u"no expiry"));

    // The same proxy answering with the new expiry is a renewal.
    const QString expiry = json::isoUtc(QDateTime::currentDateTimeUtc().addSecs(3600));
    server.on(QStringLiteral("/key/update"), 200,
              QByteArray(R"({"key":"abc","expires":")") + expiry.toUtf8() + "\"}");
    leases.renew(key);
    QTRY_COMPARE_WITH_TIMEOUT(renewed.count(), 1, 10000);
}

void TestRoleIssuing::provisioningSurvivesDroppedRole() {
    // This simulator drops user_role on /user/new, as some LiteLLM versions do.
    NewUser u;
    u.userId = QStringLiteral("jane.doe");
    u.domain = QStringLiteral("example.com");
    u.userRole = QStringLiteral("internal_user_viewer");
    const Role role = analyticsRole();
    const auto body = userRequest(u, UserDefaults{}, &role);
    QVERIFY(std::holds_alternative<QJsonObject>(body));
    const QJsonObject request = std::get<QJsonObject>(body);
    QCOMPARE(request.value(u"user_id").toString(), QStringLiteral("jane.doe@example.com"));
    QCOMPARE(request.value(u"user_email").toString(), QStringLiteral("jane.doe@example.com"));
    QCOMPARE(request.value(u"max_budget").toDouble(), 20.0); // the role's, over the default 10
    QCOMPARE(request.value(u"auto_create_key").toBool(true), false);
    QCOMPARE(request.value(u"metadata").toObject().value(u"source").toString(),
             QStringLiteral("litellm-desk"));

    UserProvisioner p(m_client.get());
    QSignalSpy done(&p, &UserProvisioner::provisioned);
    QSignalSpy failed(&p, &UserProvisioner::failed);
    p.provision(request);
    QTRY_COMPARE_WITH_TIMEOUT(done.count() + failed.count(), 1, 10000);
    QCOMPARE(failed.count(), 0);
    const QStringList warnings = done.first().at(2).toStringList();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("user_id"), QStringLiteral("jane.doe@example.com"));
    const QJsonObject info = get(QStringLiteral("/user/info"), q);
    QCOMPARE(json::str(json::obj(info.value(u"user_info")).value(u"user_role")),
             QStringLiteral("internal_user_viewer"));
    QVERIFY(info.value(u"keys").toArray().isEmpty()); // no key minted
}

void TestRoleIssuing::duplicateUserIsReported() {
    NewUser u;
    u.userId = QStringLiteral("sam@example.com");
    const auto request = std::get<QJsonObject>(userRequest(u, UserDefaults{}, nullptr));
    UserProvisioner p(m_client.get());
    QSignalSpy done(&p, &UserProvisioner::provisioned);
    QSignalSpy failed(&p, &UserProvisioner::failed);
    p.provision(request);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    p.provision(request);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const auto e = failed.first().first().value<ApiError>();
    QCOMPARE(e.httpStatus, 409);
    QVERIFY(e.message.contains(u"already exists"));

    QVERIFY(std::holds_alternative<QString>(userRequest(NewUser{}, UserDefaults{}, nullptr)));
    NewUser bad;
    bad.userId = QStringLiteral("a b");
    QVERIFY(std::get<QString>(userRequest(bad, UserDefaults{}, nullptr)).contains(u"not a valid user id"));
}

void TestRoleIssuing::roleSuggestion() {
    Role a, b, c;
    a.name = QStringLiteral("a");
    a.teams = {QStringLiteral("t3"), QStringLiteral("t1")};
    b.name = QStringLiteral("b");
    b.teams = {QStringLiteral("t1")};
    c.name = QStringLiteral("c");
    QCOMPARE(suggestRole({a, b, c}, {QStringLiteral("t1")}), QStringLiteral("b")); // t1 is b's first choice
    QCOMPARE(suggestRole({a, b, c}, {QStringLiteral("t3"), QStringLiteral("t1")}), QStringLiteral("a"));
    QCOMPARE(suggestRole({a, b, c}, {QStringLiteral("t9")}), QString());
}

QTEST_GUILESS_MAIN(TestRoleIssuing)
#include "tst_RoleIssuing.moc"
