// The roles page: editing roles in the store, import and export, the damaged-file banner, and how it
// looks with a simulator behind it (PNGs go to $DESK_SCREENSHOT_DIR when set).
#include "ui/roles/IssueKeyDialog.h"
#include "ui/roles/LeasesView.h"
#include "ui/roles/RoleEditor.h"
#include "ui/roles/RolesPage.h"

#include "core/api/ProxyClient.h"
#include "core/roles/KeyIssuer.h"
#include "sim/Simulator.h"

#include <QCompleter>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kScope = QStringLiteral("profile-1");
const QStringList kModels{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4o-mini"),
                          QStringLiteral("claude-3-5-sonnet"), QStringLiteral("llama-3.1-70b")};

Role makeRole(const QString &name, const QStringList &models, double budget, const QString &ttl,
              const QString &maxTtl) {
    Role r;
    r.name = name;
    r.models = models;
    r.maxBudget = budget;
    r.budgetDuration = budget > 0 ? QStringLiteral("30d") : QString();
    r.ttl = Duration::parse(ttl).value_or(Duration{});
    r.maxTtl = Duration::parse(maxTtl).value_or(Duration{});
    return r;
}

QStringList listed(QListWidget *list) {
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

} // namespace

class TestRolesPage : public QObject {
    Q_OBJECT
private slots:
    void init();
    void damagedFileIsShownInTheBanner();
    void createsDuplicatesAndDeletesRoles();
    void importsVaultAndExports();
    void withoutAClientIssuingIsDisabled();
    void unsavedChangesAreNotLostSilently();
    void aRoleThatMayNotIssueKeysIsToldWhy();
    void looksRightWithASimulator();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestRolesPage::init() {
    m_path = m_dir.filePath(QStringLiteral("roles-%1.json").arg(QDateTime::currentMSecsSinceEpoch()));
}

void TestRolesPage::damagedFileIsShownInTheBanner() {
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    const auto store = std::make_shared<RoleStore>(m_path);
    RolesPage page(store);
    page.show();
    auto *banner = page.findChild<QWidget *>(QStringLiteral("errorBanner"));
    QVERIFY(banner->isVisible());
    const QString hint = page.findChild<QLabel *>(QStringLiteral("errorHint"))->text();
    QVERIFY2(hint.contains(u"kept as"), qPrintable(hint));
    // A file problem, not a failed request: the detail names the file, not a request's kind.
    const QString detail = page.findChild<QLabel *>(QStringLiteral("errorDetail"))->text();
    QCOMPARE(detail, m_path);
}

void TestRolesPage::createsDuplicatesAndDeletesRoles() {
    const auto store = std::make_shared<RoleStore>(m_path);
    RolesPage page(store);
    page.setConnection(nullptr, kScope, kModels);
    page.show();
    auto *list = page.findChild<QListWidget *>(QStringLiteral("roleList"));
    QCOMPARE(list->count(), 0);

    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("newRoleButton")), Qt::LeftButton);
    QTest::keyClicks(page.findChild<QLineEdit *>(QStringLiteral("field_name")), QStringLiteral("analytics"));
    QTest::keyClicks(page.findChild<QLineEdit *>(QStringLiteral("field_ttl")), QStringLiteral("1h"));
    QTest::mouseClick(page.editor()->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(listed(list), QStringList{QStringLiteral("analytics")});
    QCOMPARE(page.selectedRole(), QStringLiteral("analytics"));
    RoleStore reread(m_path);
    QVERIFY(reread.load().ok());
    QCOMPARE(reread.role(kScope, QStringLiteral("analytics"))->ttl.toString(), QStringLiteral("1h"));

    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("duplicateRoleButton")), Qt::LeftButton);
    QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("field_name"))->text(),
             QStringLiteral("analytics-copy"));
    QTest::mouseClick(page.editor()->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    QCOMPARE(listed(list), (QStringList{QStringLiteral("analytics"), QStringLiteral("analytics-copy")}));

    page.selectRole(QStringLiteral("analytics"));
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("deleteRoleButton")), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = page.findChild<QMessageBox *>(QStringLiteral("confirmDelete"))) && box->isVisible());
    QVERIFY(box->text().contains(u"analytics"));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
    QCOMPARE(listed(list), QStringList{QStringLiteral("analytics-copy")});
}

void TestRolesPage::importsVaultAndExports() {
    const auto store = std::make_shared<RoleStore>(m_path);
    RolesPage page(store);
    page.setConnection(nullptr, kScope, {});
    const QJsonObject vault{{QStringLiteral("request_id"), QStringLiteral("abc")},
                            {QStringLiteral("data"),
                             QJsonObject{{QStringLiteral("ttl"), 3600},
                                         {QStringLiteral("max_ttl"), 86400},
                                         {QStringLiteral("models"), QJsonArray{QStringLiteral("gpt-4o")}}}}};
    QCOMPARE(page.importJson(QJsonDocument(vault).toJson()),
             QStringLiteral("A Vault role has no name in it; give the role's name."));
    QCOMPARE(page.importJson(QJsonDocument(vault).toJson(), QStringLiteral("From-Vault")), QString());
    QCOMPARE(page.selectedRole(), QStringLiteral("from-vault"));
    QCOMPARE(store->role(kScope, QStringLiteral("from-vault"))->maxTtl.toString(), QStringLiteral("1d"));

    const QString out = m_dir.filePath(QStringLiteral("export.json"));
    QCOMPARE(page.exportTo(out), QString());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject exported = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(exported.value(u"roles").toArray().size(), 1);

    // Our own export imports into another profile's scope.
    RolesPage other(store);
    other.setConnection(nullptr, QStringLiteral("profile-2"), {});
    QFile again(out);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(other.importJson(again.readAll()), QString());
    QCOMPARE(listed(other.findChild<QListWidget *>(QStringLiteral("roleList"))),
             QStringList{QStringLiteral("from-vault")});
    QVERIFY(
        page.exportTo(m_dir.filePath(QStringLiteral("no-such-dir/x.json"))).contains(u"cannot be written"));
}

void TestRolesPage::withoutAClientIssuingIsDisabled() {
    const auto store = std::make_shared<RoleStore>(m_path);
    QVERIFY(
        store->put(kScope, makeRole(QStringLiteral("ci"), {}, 0, QStringLiteral("1h"), QStringLiteral("1d")))
            .ok());
    RolesPage page(store);
    page.setConnection(nullptr, kScope, {});
    auto *issue = page.findChild<QPushButton *>(QStringLiteral("issueKeyButton"));
    QVERIFY(!issue->isEnabled());
    QVERIFY(issue->toolTip().contains(u"Connect"));
    page.openIssueDialog(); // refused quietly
    QVERIFY(!page.findChild<IssueKeyDialog *>());
    QVERIFY(!page.leasesView()->findChild<QPushButton *>(QStringLiteral("refreshButton"))->isEnabled());
}

void TestRolesPage::unsavedChangesAreNotLostSilently() {
    const auto store = std::make_shared<RoleStore>(m_path);
    for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("beta")})
        QVERIFY(store->put(kScope, makeRole(name, {}, 10, QStringLiteral("1h"), QStringLiteral("1d"))).ok());
    RolesPage page(store);
    page.setConnection(nullptr, kScope, {});
    page.show();
    page.selectRole(QStringLiteral("alpha"));
    auto *ttl = page.findChild<QLineEdit *>(QStringLiteral("field_ttl"));
    ttl->clear();
    QTest::keyClicks(ttl, QStringLiteral("2h"));
    QVERIFY(page.hasUnsavedChanges());

    // Cancel: the edit and the selection stay.
    page.selectRole(QStringLiteral("beta"));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = page.findChild<QMessageBox *>(QStringLiteral("unsavedChangesBox"))) &&
                box->isVisible());
    QVERIFY(box->text().contains(u"alpha"));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!page.findChild<QMessageBox *>(QStringLiteral("unsavedChangesBox")));
    QCOMPARE(page.selectedRole(), QStringLiteral("alpha"));
    QCOMPARE(ttl->text(), QStringLiteral("2h"));

    // Save: the edit is stored, then the other role shows.
    page.selectRole(QStringLiteral("beta"));
    QTRY_VERIFY((box = page.findChild<QMessageBox *>(QStringLiteral("unsavedChangesBox"))) &&
                box->isVisible());
    box->button(QMessageBox::Save)->click();
    QTRY_COMPARE(page.selectedRole(), QStringLiteral("beta"));
    QCOMPARE(store->role(kScope, QStringLiteral("alpha"))->ttl.toString(), QStringLiteral("2h"));
    QVERIFY(!page.hasUnsavedChanges());

    // Discard: the edit is dropped.
    ttl->clear();
    QTest::keyClicks(ttl, QStringLiteral("3h"));
    page.selectRole(QStringLiteral("alpha"));
    QTRY_VERIFY((box = page.findChild<QMessageBox *>(QStringLiteral("unsavedChangesBox"))) &&
                box->isVisible());
    box->button(QMessageBox::Discard)->click();
    QTRY_COMPARE(page.selectedRole(), QStringLiteral("alpha"));
    QCOMPARE(store->role(kScope, QStringLiteral("beta"))->ttl.toString(), QStringLiteral("1h"));
    QCOMPARE(ttl->text(), QStringLiteral("2h")); // alpha, as saved
}

void TestRolesPage::aRoleThatMayNotIssueKeysIsToldWhy() {
    SimOptions o;
    o.keys = 5;
    Simulator sim(o);
    QVERIFY(sim.listen());
    ClientConfig c;
    c.baseUrl = sim.url();
    ProxyClient client(c, sim.masterKey());
    const auto store = std::make_shared<RoleStore>(m_path);
    QVERIFY(
        store->put(kScope, makeRole(QStringLiteral("ci"), {}, 0, QStringLiteral("1h"), QStringLiteral("1d")))
            .ok());
    RolesPage page(store);
    page.setConnection(&client, kScope, {});
    auto *issue = page.findChild<QPushButton *>(QStringLiteral("issueKeyButton"));
    QVERIFY(issue->isEnabled());
    page.setIssueBlocked(QStringLiteral("Your role (internal_user_viewer) may not create keys."));
    QVERIFY(!issue->isEnabled());
    QCOMPARE(issue->toolTip(), QStringLiteral("Your role (internal_user_viewer) may not create keys."));
    page.openIssueDialog();
    QVERIFY(!page.findChild<IssueKeyDialog *>());
    page.setIssueBlocked({});
    QVERIFY(issue->isEnabled());
}

void TestRolesPage::looksRightWithASimulator() {
    SimOptions o;
    o.keys = 30;
    Simulator sim(o);
    QVERIFY(sim.listen());
    ClientConfig c;
    c.baseUrl = sim.url();
    c.timeoutMs = 10000;
    ProxyClient client(c, sim.masterKey());

    const auto store = std::make_shared<RoleStore>(m_path);
    Role analytics = makeRole(QStringLiteral("analytics"), {kModels.at(0), kModels.at(1)}, 20,
                              QStringLiteral("7d"), QStringLiteral("90d"));
    analytics.metadata = {{QStringLiteral("cost_center"), QStringLiteral("42")}};
    analytics.rpmLimit = 60;
    analytics.teams = {QStringLiteral("data"), QStringLiteral("finance")};
    Role ci = makeRole(QStringLiteral("ci"), {kModels.at(1)}, 5, QStringLiteral("1d"), QStringLiteral("30d"));
    ci.teamId = QStringLiteral("team-1");
    const Role support = makeRole(QStringLiteral("support"), {}, 0, QStringLiteral("30d"), QString());
    for (const auto &r : {analytics, ci, support})
        QVERIFY(store->put(kScope, r).ok());

    const auto issue = [&](const Role &role, const QString &label, const QString &ttl, const QString &user) {
        KeyIssuer issuer(&client);
        QSignalSpy issued(&issuer, &KeyIssuer::issued);
        IssueChoices ch;
        ch.label = label;
        ch.userId = user;
        if (!ttl.isEmpty())
            ch.ttl = Duration::parse(ttl);
        issuer.issue(role, ch);
        QVERIFY(issued.wait(10000));
    };
    issue(analytics, QStringLiteral("jane"), {}, QStringLiteral("jane@example.com"));
    issue(analytics, QStringLiteral("dashboards"), QStringLiteral("3d"), QStringLiteral("sam@example.com"));
    issue(ci, QStringLiteral("nightly"), QStringLiteral("2s"), {});
    issue(ci, QStringLiteral("release"), {}, {});
    issue(support, QStringLiteral("helpdesk"), {}, QStringLiteral("kim@example.com"));

    QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR");
    QTemporaryDir tmp;
    if (dir.isEmpty())
        dir = tmp.path();

    RolesPage page(store);
    page.resize(1100, 720);
    page.setConnection(&client, kScope, kModels);
    page.show();
    page.selectRole(QStringLiteral("analytics"));
    QVERIFY(page.findChild<QPushButton *>(QStringLiteral("issueKeyButton"))->isEnabled());
    // The team fields offer the proxy's teams by alias.
    auto *teamField = page.findChild<QLineEdit *>(QStringLiteral("field_team_id"));
    QTRY_VERIFY(teamField->completer() && teamField->completer()->model()->rowCount() > 0);
    QCOMPARE(teamField->completer()->model()->rowCount(), qsizetype(sim.data().teams().size()));
    const auto teamReads = [&sim] {
        return std::count_if(sim.requestLog().cbegin(), sim.requestLog().cend(),
                             [](const QString &l) { return l.contains(u"/team/list"); });
    };
    const auto reads = teamReads();
    page.setConnection(&client, kScope, kModels); // the same connection, its context changed: no new read
    QTest::qWait(50);
    QCOMPARE(teamReads(), reads);
    QCOMPARE(teamField->completer()->model()->rowCount(), qsizetype(sim.data().teams().size()));
    const QImage roles = page.grab().toImage();
    QVERIFY(roles.save(dir + QStringLiteral("/roles.png")));
    QCOMPARE(roles.size(), QSize(1100, 720) * roles.devicePixelRatio());

    const QDateTime nightlyExpired = QDateTime::currentDateTimeUtc().addSecs(3);
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > nightlyExpired, 6000);
    page.leasesView()->setRoleFilter({});
    page.showLeases();
    auto *table = page.leasesView()->findChild<QTableView *>(QStringLiteral("leasesTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 5, 10000);
    table->selectRow(1);
    QVERIFY(page.leasesView()->grab().toImage().save(dir + QStringLiteral("/roles-leases.png")));

    page.openIssueDialog();
    auto *dialog = page.findChild<IssueKeyDialog *>();
    QVERIFY(dialog);
    dialog->selectRole(QStringLiteral("ci"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("label")), QStringLiteral("deploy-bot"));
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->grab().toImage().save(dir + QStringLiteral("/roles-issue.png")));
    dialog->reject();
}

QTEST_MAIN(TestRolesPage)
#include "tst_RolesPage.moc"
