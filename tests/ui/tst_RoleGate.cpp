#include "core/connection/RoleGate.h"

#include <QTest>

using Action = RoleGate::Action;

Q_DECLARE_METATYPE(RoleGate::Action)

class TestRoleGate : public QObject {
    Q_OBJECT
private slots:
    void allowsByRole_data();
    void allowsByRole();
    void unknownRoleIsLeftToTheProxy();
};

void TestRoleGate::allowsByRole_data() {
    QTest::addColumn<QString>("role");
    QTest::addColumn<Action>("action");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("why");
    QTest::newRow("admin issues keys")
        << QStringLiteral("proxy_admin") << Action::IssueKey << true << QString();
    QTest::newRow("admin manages models")
        << QStringLiteral("proxy_admin") << Action::ManageModels << true << QString();
    QTest::newRow("admin viewer cannot issue keys")
        << QStringLiteral("proxy_admin_viewer") << Action::IssueKey << false
        << QStringLiteral("Your role, Admin (View Only), cannot issue keys.");
    QTest::newRow("admin viewer sees all spend")
        << QStringLiteral("proxy_admin_viewer") << Action::ViewAllUsage << true << QString();
    QTest::newRow("internal user issues own keys")
        << QStringLiteral("internal_user") << Action::IssueKey << true << QString();
    QTest::newRow("internal user cannot manage users")
        << QStringLiteral("internal_user") << Action::ManageUsers << false
        << QStringLiteral("Your role, Internal User (Create/Delete/View), cannot manage users.");
    QTest::newRow("internal viewer cannot revoke")
        << QStringLiteral("internal_user_viewer") << Action::RevokeKey << false
        << QStringLiteral("Your role, Internal User (View Only), cannot revoke keys.");
    QTest::newRow("org admin manages teams")
        << QStringLiteral("org_admin") << Action::ManageTeams << true << QString();
    QTest::newRow("org admin cannot manage models")
        << QStringLiteral("org_admin") << Action::ManageModels << false
        << QStringLiteral("Your role, Organization Admin, cannot manage models.");
    QTest::newRow("a role LiteLLM adds later is refused writes")
        << QStringLiteral("team_auditor") << Action::EditKey << false
        << QStringLiteral("Your role, team_auditor, cannot change keys.");
}

void TestRoleGate::allowsByRole() {
    QFETCH(QString, role);
    QFETCH(Action, action);
    QFETCH(bool, allowed);
    QFETCH(QString, why);
    CallerIdentity caller;
    caller.role = role;
    QCOMPARE(RoleGate::allows(caller, action), allowed);
    QCOMPARE(RoleGate::whyNot(caller, action), why);
    QCOMPARE(RoleGate::allowedRoles(action).contains(role), allowed);
}

void TestRoleGate::unknownRoleIsLeftToTheProxy() {
    const CallerIdentity unknown;
    for (Action a : {Action::IssueKey, Action::EditKey, Action::RevokeKey, Action::ManageUsers,
                     Action::ManageTeams, Action::ManageModels, Action::ViewAllUsage}) {
        QVERIFY(RoleGate::allows(unknown, a));
        QVERIFY(RoleGate::whyNot(unknown, a).isEmpty());
        QVERIFY(!RoleGate::describe(a).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestRoleGate)
#include "tst_RoleGate.moc"
