#include "core/teams/TeamModels.h"
#include "core/teams/TeamRisk.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

class TestTeamRisk : public QObject {
    Q_OBJECT
private slots:
    void budgetRisks_data();
    void budgetRisks();
    void blockedIsARisk();
    void namesRoundTrip();
    void teamModels_data();
    void teamModels();
    void keyModelsReadWithTheirTeam();
};

void TestTeamRisk::budgetRisks_data() {
    QTest::addColumn<double>("spend");
    QTest::addColumn<std::optional<double>>("maxBudget");
    QTest::addColumn<QStringList>("risks");
    const std::optional<double> budget = 500;
    QTest::newRow("no budget") << 9999.0 << std::optional<double>() << QStringList{"no_budget"};
    QTest::newRow("at 80%: not near yet") << 400.0 << budget << QStringList{};
    QTest::newRow("just above 80%: near") << 400.01 << budget << QStringList{"near_budget"};
    // LiteLLM refuses a team's keys only once spend is above max_budget (auth_checks.py, strict ">").
    QTest::newRow("at the budget: near, still served") << 500.0 << budget << QStringList{"near_budget"};
    QTest::newRow("just above the budget: over") << 500.01 << budget << QStringList{"over_budget"};
    QTest::newRow("zero budget, nothing spent") << 0.0 << std::optional<double>(0) << QStringList{};
    QTest::newRow("zero budget, a cent spent")
        << 0.01 << std::optional<double>(0) << QStringList{"over_budget"};
}

void TestTeamRisk::budgetRisks() {
    QFETCH(double, spend);
    QFETCH(std::optional<double>, maxBudget);
    QFETCH(QStringList, risks);
    TeamRecord t;
    t.spend = spend;
    t.maxBudget = maxBudget;
    QCOMPARE(teamrisk::names(teamrisk::risks(t)), risks);
}

void TestTeamRisk::blockedIsARisk() {
    TeamRecord t;
    t.maxBudget = 10;
    QVERIFY(teamrisk::risks(t).isEmpty());
    t.blocked = false;
    QVERIFY(teamrisk::risks(t).isEmpty());
    t.blocked = true;
    QCOMPARE(teamrisk::risks(t), QList<TeamRisk>{TeamRisk::Blocked});
}

void TestTeamRisk::namesRoundTrip() {
    for (const TeamRisk r : teamrisk::allRisks()) {
        QCOMPARE(teamrisk::riskFromName(teamrisk::name(r)), std::optional<TeamRisk>(r));
        QVERIFY(!teamrisk::label(r).isEmpty());
    }
    QVERIFY(!teamrisk::riskFromName(QStringLiteral("expires_soon")));
}

void TestTeamRisk::teamModels_data() {
    QTest::addColumn<QStringList>("models");
    QTest::addColumn<bool>("allProxy");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty: every model") << QStringList{} << true << "All proxy models";
    QTest::newRow("all-proxy-models") << QStringList{"all-proxy-models"} << true << "All proxy models";
    QTest::newRow("a list") << QStringList{"gpt-4o", "claude"} << false << "gpt-4o, claude";
    QTest::newRow("not sent as a list: unknown, never every model")
        << QStringList{"(null)"} << false << "Unknown";
}

void TestTeamRisk::teamModels() {
    QFETCH(QStringList, models);
    QFETCH(bool, allProxy);
    QFETCH(QString, text);
    TeamRecord t;
    t.models = models;
    if (models == QStringList{"(null)"}) { // as the decoder leaves a team whose models were null
        t.models.clear();
        t.modelsKnown = false;
    }
    QCOMPARE(teammodels::allowsAllProxyModels(t), allProxy);
    QCOMPARE(teammodels::describe(t), text);
}

void TestTeamRisk::keyModelsReadWithTheirTeam() {
    TeamRecord team;
    team.teamId = QStringLiteral("t1");
    team.models = QStringList{"gpt-4o"};
    KeyRecord key;
    key.teamId = QStringLiteral("t1");
    QVERIFY(teammodels::usesTeamModels(key));
    QCOMPARE(teammodels::describeKey(key, &team), QStringLiteral("Team models"));
    key.models = QStringList{"all-team-models"};
    QCOMPARE(teammodels::describeKey(key, &team), QStringLiteral("Team models"));
    team.models.clear();
    QCOMPARE(teammodels::describeKey(key, &team), QStringLiteral("All proxy models"));
    key.models = QStringList{"gpt-4o-mini"};
    QVERIFY(!teammodels::usesTeamModels(key));
    QCOMPARE(teammodels::describeKey(key, &team), QStringLiteral("gpt-4o-mini"));
    KeyRecord personal;
    QCOMPARE(teammodels::describeKey(personal, nullptr), QStringLiteral("All proxy models"));

    // Models the proxy did not send as a list widen nothing: neither the key's nor its team's.
    KeyRecord unknown;
    unknown.teamId = QStringLiteral("t1");
    unknown.modelsKnown = false;
    QVERIFY(!teammodels::usesTeamModels(unknown));
    QCOMPARE(teammodels::describeKey(unknown, &team), QStringLiteral("Unknown"));
    TeamRecord unknownTeam = team;
    unknownTeam.modelsKnown = false;
    key.models.clear();
    QVERIFY(teammodels::usesTeamModels(key));
    QCOMPARE(teammodels::describeKey(key, &unknownTeam), QStringLiteral("Unknown"));
    QCOMPARE(teamRecordFromJson(QJsonObject{{QStringLiteral("models"), QJsonValue()}}).modelsKnown, false);
    QCOMPARE(teamRecordFromJson(QJsonObject{{QStringLiteral("models"), QJsonArray()}}).modelsKnown, true);
}

QTEST_GUILESS_MAIN(TestTeamRisk)
#include "tst_TeamRisk.moc"
