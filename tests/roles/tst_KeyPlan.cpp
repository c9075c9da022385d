#include "core/roles/KeyPlan.h"
#include "core/roles/Lease.h"

#include "core/api/Json.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

#include <limits>

class TestKeyPlan : public QObject {
    Q_OBJECT
private slots:
    void mapsEveryRoleField();
    void labelAndRandomSuffix();
    void unlimitedAndZeroAsWritten();
    void narrowsButNeverWidens_data();
    void narrowsButNeverWidens();
    void ttlCases_data();
    void ttlCases();
    void leaseRebuiltFromTheRequest();
    void comparesReply();
};

namespace {
const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(12, 0), QTimeZone::utc());

Role fullRole() {
    Role r;
    r.name = QStringLiteral("analytics");
    r.models = {QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")};
    r.maxBudget = 20;
    r.budgetDuration = QStringLiteral("30d");
    r.keyAliasPrefix = QStringLiteral("acme");
    r.metadata = {{QStringLiteral("cost_center"), QStringLiteral("42")}};
    r.ttl = *Duration::parse(QStringLiteral("8h"));
    r.maxTtl = *Duration::parse(QStringLiteral("7d"));
    r.tpmLimit = 50000;
    r.rpmLimit = 60;
    r.maxParallelRequests = 4;
    r.teamId = QStringLiteral("team-data");
    return r;
}
} // namespace

void TestKeyPlan::mapsEveryRoleField() {
    IssueChoices c;
    c.label = QStringLiteral("jane");
    c.userId = QStringLiteral("jane@example.com");
    const auto r = planKey(fullRole(), c, kNow, QStringLiteral("unused0"));
    QVERIFY(r.errors.isEmpty());
    const QJsonObject b = r.plan->body;
    QCOMPARE(b.value(u"key_alias").toString(), QStringLiteral("acme-analytics-jane"));
    QCOMPARE(json::strList(b.value(u"models")),
             (QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini")}));
    QCOMPARE(b.value(u"max_budget").toDouble(), 20.0);
    QCOMPARE(b.value(u"budget_duration").toString(), QStringLiteral("30d"));
    QCOMPARE(b.value(u"duration").toString(), QStringLiteral("8h"));
    QCOMPARE(b.value(u"tpm_limit").toInteger(), 50000);
    QCOMPARE(b.value(u"rpm_limit").toInteger(), 60);
    QCOMPARE(b.value(u"max_parallel_requests").toInteger(), 4);
    QCOMPARE(b.value(u"team_id").toString(), QStringLiteral("team-data"));
    QCOMPARE(b.value(u"user_id").toString(), QStringLiteral("jane@example.com"));
    const QJsonObject meta = b.value(u"metadata").toObject();
    QCOMPARE(meta.value(u"cost_center").toString(), QStringLiteral("42"));
    QCOMPARE(meta.value(leasekeys::role).toString(), QStringLiteral("analytics"));
    QCOMPARE(json::dateTime(meta.value(leasekeys::issuedAt)), kNow);
    QCOMPARE(meta.value(leasekeys::ttl).toString(), QStringLiteral("8h"));
    QCOMPARE(meta.value(leasekeys::maxTtl).toString(), QStringLiteral("7d"));
    QCOMPARE(r.plan->expectedExpiry, kNow.addSecs(8 * 3600));
}

void TestKeyPlan::labelAndRandomSuffix() {
    Role role = fullRole();
    role.teamId.clear();
    auto r = planKey(role, {}, kNow, QStringLiteral("x7k2p9qa"));
    QCOMPARE(r.plan->alias, QStringLiteral("acme-analytics-x7k2p9qa"));
    QVERIFY(!r.plan->body.contains(u"team_id"));
    QVERIFY(!r.plan->body.contains(u"user_id"));
    const QString s = randomSuffix();
    QCOMPARE(s.size(), 8);
    QVERIFY(QRegularExpression(QStringLiteral("^[a-z0-9]{8}$")).match(s).hasMatch());
    IssueChoices bad;
    bad.label = QStringLiteral("two words");
    r = planKey(role, bad, kNow, s);
    QVERIFY(!r.plan);
    QCOMPARE(r.errors.first().field, QStringLiteral("label"));
}

void TestKeyPlan::unlimitedAndZeroAsWritten() {
    Role role = fullRole();
    role.teamId.clear();
    role.maxBudget = 0; // unlimited, as Vault writes it: LiteLLM's max_budget 0 would block every request
    role.tpmLimit = 0;  // limits of 0 are limits, sent as written
    role.rpmLimit = 0;
    IssueChoices c;
    c.label = QStringLiteral("  nightly "); // the CLI passes the label untrimmed
    auto r = planKey(role, c, kNow, QStringLiteral("abcdefgh"));
    QVERIFY(r.plan);
    QVERIFY(!r.plan->body.contains(u"max_budget"));
    QCOMPARE(r.plan->alias, QStringLiteral("acme-analytics-nightly"));
    QCOMPARE(r.plan->body.value(u"key_alias").toString(), QStringLiteral("acme-analytics-nightly"));
    QCOMPARE(r.plan->body.value(u"tpm_limit").toInteger(-1), 0);
    QCOMPARE(r.plan->body.value(u"rpm_limit").toInteger(-1), 0);
    c.maxBudget = 0; // asking for "unlimited" explicitly sends nothing either
    r = planKey(role, c, kNow, QStringLiteral("abcdefgh"));
    QVERIFY(r.plan);
    QVERIFY(!r.plan->body.contains(u"max_budget"));
    c.maxBudget = std::numeric_limits<double>::infinity(); // would go out as null: refused
    r = planKey(role, c, kNow, QStringLiteral("abcdefgh"));
    QVERIFY(!r.plan);
    QCOMPARE(r.errors.first().field, QStringLiteral("max_budget"));
    c.maxBudget = 3; // a budget under an unlimited role is sent
    r = planKey(role, c, kNow, QStringLiteral("abcdefgh"));
    QCOMPARE(r.plan->body.value(u"max_budget").toDouble(), 3.0);
}

void TestKeyPlan::narrowsButNeverWidens_data() {
    QTest::addColumn<QStringList>("models");
    QTest::addColumn<double>("budget");
    QTest::addColumn<QString>("team");
    QTest::addColumn<QString>("errorField");
    QTest::newRow("subset of models") << QStringList{QStringLiteral("gpt-4o-mini")} << 5.0 << ""
                                      << "";
    QTest::newRow("model outside role") << QStringList{QStringLiteral("claude-3-opus")} << 5.0 << ""
                                        << "models";
    QTest::newRow("budget above role") << QStringList{} << 20.01 << ""
                                       << "max_budget";
    QTest::newRow("budget zero when role caps") << QStringList{} << 0.0 << ""
                                                << "max_budget";
    QTest::newRow("negative budget") << QStringList{} << -1.0 << ""
                                     << "max_budget";
    QTest::newRow("same team as role") << QStringList{} << 5.0 << "team-data"
                                       << "";
    QTest::newRow("other team than role") << QStringList{} << 5.0 << "team-web"
                                          << "team_id";
}

void TestKeyPlan::narrowsButNeverWidens() {
    QFETCH(QStringList, models);
    QFETCH(double, budget);
    QFETCH(QString, team);
    QFETCH(QString, errorField);
    IssueChoices c;
    c.models = models;
    c.maxBudget = budget;
    c.teamId = team;
    const auto r = planKey(fullRole(), c, kNow, QStringLiteral("abcdefgh"));
    if (errorField.isEmpty()) {
        QVERIFY(r.plan.has_value());
        QCOMPARE(r.plan->body.value(u"max_budget").toDouble(), budget);
        if (!models.isEmpty())
            QCOMPARE(json::strList(r.plan->body.value(u"models")), models);
        return;
    }
    QVERIFY(!r.plan);
    QCOMPARE(r.errors.first().field, errorField);
}

void TestKeyPlan::ttlCases_data() {
    QTest::addColumn<QString>("roleTtl");
    QTest::addColumn<QString>("roleMax");
    QTest::addColumn<QString>("chosen");   // empty: role default
    QTest::addColumn<QString>("duration"); // "null": never expires; "error": rejected
    QTest::newRow("role default") << "8h"
                                  << "7d"
                                  << ""
                                  << "8h";
    QTest::newRow("shorter chosen") << "8h"
                                    << "7d"
                                    << "30m"
                                    << "30m";
    QTest::newRow("up to max") << "8h"
                               << "7d"
                               << "7d"
                               << "7d";
    QTest::newRow("above max") << "8h"
                               << "7d"
                               << "8d"
                               << "error";
    QTest::newRow("ttl 0 with max expires at max") << "0s"
                                                   << "7d"
                                                   << ""
                                                   << "7d";
    QTest::newRow("both 0 never expires") << "0s"
                                          << "0s"
                                          << ""
                                          << "null";
    QTest::newRow("no max, long ttl") << "90d"
                                      << "0s"
                                      << ""
                                      << "90d";
}

void TestKeyPlan::ttlCases() {
    QFETCH(QString, roleTtl);
    QFETCH(QString, roleMax);
    QFETCH(QString, chosen);
    QFETCH(QString, duration);
    Role role = fullRole();
    role.ttl = *Duration::parse(roleTtl);
    role.maxTtl = *Duration::parse(roleMax);
    IssueChoices c;
    if (!chosen.isEmpty())
        c.ttl = *Duration::parse(chosen);
    const auto r = planKey(role, c, kNow, QStringLiteral("abcdefgh"));
    if (duration == u"error") {
        QVERIFY(!r.plan);
        QCOMPARE(r.errors.first().field, QStringLiteral("ttl"));
        return;
    }
    QVERIFY(r.plan);
    if (duration == u"null") {
        QVERIFY(r.plan->body.value(u"duration").isNull());
        QVERIFY(!r.plan->expectedExpiry.isValid());
    } else {
        QCOMPARE(r.plan->body.value(u"duration").toString(), duration);
        QCOMPARE(r.plan->expectedExpiry, Duration::parse(duration)->addTo(kNow));
    }
}

void TestKeyPlan::leaseRebuiltFromTheRequest() {
    const auto r = planKey(fullRole(), {}, kNow, QStringLiteral("abcdefgh"));
    const auto lease = Lease::fromKey(r.plan->body.value(u"metadata").toObject(), r.plan->expectedExpiry);
    QVERIFY(lease.has_value());
    QCOMPARE(lease->role, QStringLiteral("analytics"));
    QCOMPARE(lease->issuedAt, kNow);
    QCOMPARE(lease->cap(), kNow.addDays(7));
    QVERIFY(!Lease::fromKey(QJsonObject{{QStringLiteral("env"), QStringLiteral("x")}}, kNow).has_value());
}

void TestKeyPlan::comparesReply() {
    const auto plan = planKey(fullRole(), {}, kNow, QStringLiteral("abcdefgh")).plan->body;
    QJsonObject reply = plan;
    reply.insert(QStringLiteral("expires"), QStringLiteral("2026-03-01T20:00:00.000000Z"));
    QVERIFY(compareKeyReply(plan, reply).isEmpty());

    QJsonObject dropped = reply;
    dropped.insert(QStringLiteral("max_budget"), QJsonValue::Null);
    dropped.insert(QStringLiteral("models"), QJsonArray{});
    dropped.insert(QStringLiteral("expires"), QJsonValue::Null);
    QJsonObject meta = dropped.value(u"metadata").toObject();
    meta.remove(leasekeys::role);
    dropped.insert(QStringLiteral("metadata"), meta);
    const QStringList problems = compareKeyReply(plan, dropped);
    QCOMPARE(problems.size(), 4);
    QVERIFY(problems.join(u'\n').contains(leasekeys::role));
    QVERIFY(problems.join(u'\n').contains(u"no expiry"));
}

QTEST_GUILESS_MAIN(TestKeyPlan)
#include "tst_KeyPlan.moc"
