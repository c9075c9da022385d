// What the New team / Edit team form means: the fields sent, and one clear sentence for each field that
// cannot be read.
#include "core/teams/TeamForm.h"

#include <QJsonArray>
#include <QTest>

class TestTeamForm : public QObject {
    Q_OBJECT
private slots:
    void aNewTeamSendsWhatWasTyped();
    void emptyModelsMeanAllProxyModels();
    void wrongFieldsAreNamed_data();
    void wrongFieldsAreNamed();
    void anEditSendsOnlyWhatItChanges();
    void anEmptiedBudgetOrLimitIsRemoved();
};

void TestTeamForm::aNewTeamSendsWhatWasTyped() {
    TeamForm form;
    form.alias = QStringLiteral(" platform ");
    form.models = QStringLiteral("gpt-4o, claude-3, gpt-4o");
    form.budget = QStringLiteral("$1,500.50");
    form.budgetDuration = QStringLiteral("30d");
    form.tpm = QStringLiteral("100,000");
    form.rpm = QStringLiteral("60");
    form.members = QStringLiteral("u1, u2:admin");
    const auto r = form.read(true);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QJsonObject body = r.fields.toJson();
    QCOMPARE(body.value(u"team_alias").toString(), QStringLiteral("platform"));
    QCOMPARE(body.value(u"models").toArray().size(), 2);
    QCOMPARE(body.value(u"max_budget").toDouble(), 1500.5);
    QCOMPARE(body.value(u"budget_duration").toString(), QStringLiteral("30d"));
    QCOMPARE(body.value(u"tpm_limit").toInteger(), 100000);
    QCOMPARE(body.value(u"rpm_limit").toInteger(), 60);
    const QJsonArray members = body.value(u"members_with_roles").toArray();
    QCOMPARE(members.size(), 2);
    QCOMPARE(members.at(1).toObject().value(u"role").toString(), QStringLiteral("admin"));
    QCOMPARE(members.at(0).toObject().value(u"role").toString(), QStringLiteral("user"));
}

void TestTeamForm::emptyModelsMeanAllProxyModels() {
    TeamForm form;
    form.alias = QStringLiteral("t");
    const QJsonObject body = form.read(true).fields.toJson();
    QVERIFY(body.contains(u"models"));
    QVERIFY(body.value(u"models").toArray().isEmpty());
    QVERIFY(!body.contains(u"max_budget"));
    QVERIFY(!body.contains(u"tpm_limit"));
}

void TestTeamForm::wrongFieldsAreNamed_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("no alias") << QStringLiteral("alias") << QStringLiteral("  ");
    QTest::newRow("budget in words") << QStringLiteral("budget") << QStringLiteral("lots");
    QTest::newRow("negative budget") << QStringLiteral("budget") << QStringLiteral("-1");
    QTest::newRow("fractional tpm") << QStringLiteral("tpm") << QStringLiteral("1.5");
    QTest::newRow("negative rpm") << QStringLiteral("rpm") << QStringLiteral("-5");
    QTest::newRow("unknown member role") << QStringLiteral("members") << QStringLiteral("u1:owner");
}

void TestTeamForm::wrongFieldsAreNamed() {
    QFETCH(QString, field);
    QFETCH(QString, value);
    TeamForm form;
    form.alias = QStringLiteral("t");
    if (field == u"alias")
        form.alias = value;
    else if (field == u"budget")
        form.budget = value;
    else if (field == u"tpm")
        form.tpm = value;
    else if (field == u"rpm")
        form.rpm = value;
    else
        form.members = value;
    const auto r = form.read(true);
    QCOMPARE(r.field, field);
    QVERIFY(r.error.endsWith(u'.'));
}

void TestTeamForm::anEditSendsOnlyWhatItChanges() {
    TeamRecord team;
    team.teamId = QStringLiteral("t1");
    team.teamAlias = QStringLiteral("ops");
    team.maxBudget = 500;
    TeamForm form = TeamForm::from(team);
    QCOMPARE(form.budget, QStringLiteral("500.00"));
    form.members = QStringLiteral("ignored");
    const QJsonObject body = form.read(false).fields.toJson();
    QVERIFY(!body.contains(u"models")); // left as it is
    QVERIFY(!body.contains(u"members_with_roles"));
    QCOMPARE(body.value(u"max_budget").toDouble(), 500.0);
}

// On an edit, emptying a budget or limit the team had removes it (null); one it never had is not sent.
void TestTeamForm::anEmptiedBudgetOrLimitIsRemoved() {
    TeamRecord team;
    team.teamId = QStringLiteral("t1");
    team.maxBudget = 500;
    team.tpmLimit = 1000;
    TeamForm form = TeamForm::from(team);
    form.budget.clear();
    form.tpm.clear();
    const QJsonObject body = form.read(false).fields.toJson();
    QVERIFY(body.contains(u"max_budget") && body.value(u"max_budget").isNull());
    QVERIFY(body.contains(u"tpm_limit") && body.value(u"tpm_limit").isNull());
    QVERIFY(!body.contains(u"rpm_limit")); // it had none
    form.budget = QStringLiteral("20");
    QCOMPARE(form.read(false).fields.toJson().value(u"max_budget").toDouble(), 20.0);
    TeamForm fresh; // a new team: empty means none, nothing sent
    fresh.alias = QStringLiteral("new");
    fresh.hadBudget = true;
    QVERIFY(!fresh.read(true).fields.toJson().contains(u"max_budget"));
}

QTEST_GUILESS_MAIN(TestTeamForm)
#include "tst_TeamForm.moc"
