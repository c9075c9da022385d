// The users page against the simulator: the paged table and its count, the team filter, a user's
// details and keys, and provisioning a user from the New User dialog with a role suggested by teams.
#include "ui/people/NewUserDialog.h"
#include "ui/people/UserDetails.h"
#include "ui/people/UsersPage.h"

#include "core/api/ProxyClient.h"
#include "core/itemmodels/UserTableModel.h"
#include "core/roles/RoleStore.h"
#include "sim/Simulator.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

namespace {

const QString kScope = QStringLiteral("profile-1");

QJsonObject previewOf(NewUserDialog *dialog) {
    return QJsonDocument::fromJson(
               dialog->findChild<QPlainTextEdit *>(QStringLiteral("preview"))->toPlainText().toUtf8())
        .object();
}

} // namespace

class TestUsersPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listsUsersWithTheCount();
    void teamFilterNarrowsTheList();
    void detailsShowTheUsersKeys();
    void detailsShowTheBudgetsThatApplyNearestFirst();
    void newUserIsValidatedAndCreated();
    void aUserLeftWithoutItsFieldsIsFinished();
    void roleIsSuggestedByTeams();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::shared_ptr<RoleStore> m_roles;
};

void TestUsersPage::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_UsersPage"));
}

void TestUsersPage::init() {
    QSettings().clear();
    SimOptions options;
    options.users = 140;
    options.dropUserRoleOnNew = true;
    m_sim = std::make_unique<Simulator>(options);
    QVERIFY(m_sim->listen(0));
    ClientConfig config;
    config.baseUrl = m_sim->url();
    m_client = std::make_unique<ProxyClient>(config, m_sim->masterKey());
    m_roles = std::make_shared<RoleStore>(
        m_dir.filePath(QStringLiteral("roles-%1.json").arg(QTest::currentTestFunction())));
}

void TestUsersPage::cleanup() {
    m_client.reset();
    m_sim.reset();
}

void TestUsersPage::listsUsersWithTheCount() {
    UsersPage page(m_roles);
    page.resize(1100, 600);
    page.show();
    auto *count = page.findChild<QLabel *>(QStringLiteral("userCount"));
    QCOMPARE(count->text(), QStringLiteral("Not connected"));
    page.setConnection(m_client.get(), kScope, {});
    auto *table = page.findChild<QTableView *>(QStringLiteral("userTable"));
    QTRY_COMPARE(table->model()->rowCount(), 100);
    QTRY_COMPARE(count->text(), QStringLiteral("Loaded 100 of 140 users"));
    table->scrollToBottom(); // the view asks for the next page
    QTRY_COMPARE(table->model()->rowCount(), 140);
    QTRY_COMPARE(count->text(), QStringLiteral("Loaded 140 of 140 users"));
}

void TestUsersPage::teamFilterNarrowsTheList() {
    UsersPage page(m_roles);
    page.show();
    page.setConnection(m_client.get(), kScope, {});
    auto *team = page.findChild<QComboBox *>(QStringLiteral("userTeamFilter"));
    QTRY_COMPARE(team->count(), 1 + int(m_sim->data().teams().size()));
    const SimTeam &wanted = m_sim->data().teams().at(1);
    const int index = team->findData(wanted.teamId);
    QVERIFY(index > 0);
    QCOMPARE(team->itemText(index), wanted.alias);
    team->setCurrentIndex(index);
    emit team->activated(index);
    int members = 0;
    for (const SimUser &u : m_sim->data().users())
        members += !u.deleted && u.teams.contains(wanted.teamId);
    QVERIFY(members > 0 && members < 140);
    auto *table = page.findChild<QTableView *>(QStringLiteral("userTable"));
    QTRY_COMPARE(table->model()->rowCount(), members);
    for (int row = 0; row < members; ++row)
        QVERIFY(table->model()
                    ->index(row, int(UserTableModel::Column::Teams))
                    .data()
                    .toString()
                    .contains(wanted.alias));
}

// The user's own budget and each team's, ordered by the money left: the team with $1 left, then the
// team with $50 left, then the user's own with $100 left; a team without a budget is not listed.
void TestUsersPage::detailsShowTheBudgetsThatApplyNearestFirst() {
    SimDataset &data = m_sim->data();
    SimUser *user = nullptr;
    for (SimUser &u : data.users())
        if (!u.deleted && u.teams.size() >= 2) {
            user = &u;
            break;
        }
    QVERIFY(user);
    const QString near = user->teams.at(0);
    const QString far = user->teams.at(1);
    for (SimTeam &t : data.teams())
        if (user->teams.contains(t.teamId))
            t.maxBudget.reset();
    data.teams()[data.teamIndex(near)].maxBudget = data.teamTotals(near).spend + 1;
    data.teams()[data.teamIndex(far)].maxBudget = data.teamTotals(far).spend + 50;
    user->maxBudget = data.userTotals(user->userId).spend + 100;
    const QString userId = user->userId;
    const QString email = user->email;

    UsersPage page(m_roles);
    page.show();
    page.setConnection(m_client.get(), kScope, {});
    auto *team = page.findChild<QComboBox *>(QStringLiteral("userTeamFilter"));
    QTRY_COMPARE(team->count(), 1 + int(data.teams().size())); // the teams (and their budgets) are known
    QTRY_VERIFY(page.model()->rowCount() > 0);
    auto *filter = page.findChild<QLineEdit *>(QStringLiteral("userFilter"));
    filter->setText(email);
    QTest::keyClick(filter, Qt::Key_Return);
    const auto listed = [&] {
        for (int row = 0; row < page.model()->rowCount(); ++row)
            if (page.model()->userAt(row)->userId == userId)
                return !page.model()->isLoading();
        return false;
    };
    QTRY_VERIFY(listed());
    page.selectUser(userId);
    QTRY_COMPARE(page.details()->userId(), userId);
    auto *budgets = page.details()->findChild<QLabel *>(QStringLiteral("userBudgets"));
    QTRY_VERIFY(budgets->text().contains(email));
    const QString text = budgets->text();
    const QString nearName = data.teams().at(data.teamIndex(near)).alias;
    const QString farName = data.teams().at(data.teamIndex(far)).alias;
    const auto at = [&](const QString &what) { return text.indexOf(what); };
    QVERIFY2(at(QStringLiteral("team ") + nearName) >= 0, qPrintable(text));
    QVERIFY2(at(QStringLiteral("team ") + nearName) < at(QStringLiteral("team ") + farName),
             qPrintable(text));
    QVERIFY2(at(QStringLiteral("team ") + farName) < at(QStringLiteral("user ") + email), qPrintable(text));
    for (const QString &t : user->teams.mid(2))
        QVERIFY2(!text.contains(QStringLiteral("team ") + data.teams().at(data.teamIndex(t)).alias + u','),
                 qPrintable(text));
}

void TestUsersPage::detailsShowTheUsersKeys() {
    UsersPage page(m_roles);
    page.show();
    page.setConnection(m_client.get(), kScope, {});
    auto *table = page.findChild<QTableView *>(QStringLiteral("userTable"));
    QTRY_VERIFY(table->model()->rowCount() > 0);
    // The user with the most keys, so the list is not empty.
    auto *model = page.model();
    int best = 0;
    for (int row = 1; row < model->rowCount(); ++row)
        if (model->userAt(row)->keyCount.value_or(0) > model->userAt(best)->keyCount.value_or(0))
            best = row;
    const qint64 keys = model->userAt(best)->keyCount.value_or(0);
    QVERIFY(keys > 0);
    const QString userId = model->userAt(best)->userId;
    QSignalSpy loaded(page.details(), &UserDetails::loaded);
    table->selectRow(best);
    QVERIFY(loaded.wait());
    QCOMPARE(page.details()->userId(), userId);
    QCOMPARE(qint64(page.details()->keyCount()), keys);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("userFields"))->text().contains(userId));
    QSignalSpy showKeys(&page, &UsersPage::showKeysRequested);
    QSignalSpy showUsage(&page, &UsersPage::showUsageRequested);
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("showUserKeys")), Qt::LeftButton);
    QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("showUserUsage")), Qt::LeftButton);
    QCOMPARE(showKeys.size(), 1);
    QCOMPARE(showKeys.first().first().toString(), userId);
    QCOMPARE(showUsage.first().first().toString(), userId);
}

void TestUsersPage::newUserIsValidatedAndCreated() {
    NewUserDialog dialog(m_client.get(), {}, {}, {});
    dialog.show();
    auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createButton"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("formError"));
    QVERIFY(!create->isEnabled());
    QCOMPARE(error->text(), QStringLiteral("Enter a user id."));
    auto *id = dialog.findChild<QLineEdit *>(QStringLiteral("userIdEdit"));
    QTest::keyClicks(id, QStringLiteral("jane doe"));
    QVERIFY(!create->isEnabled());
    QVERIFY(error->text().contains(QStringLiteral("not a valid user id")));
    id->clear();
    QTest::keyClicks(id, QStringLiteral("jane.doe"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("domainEdit")),
                     QStringLiteral("example.com"));
    auto *duration = dialog.findChild<QLineEdit *>(QStringLiteral("durationEdit"));
    duration->setText(QStringLiteral("fortnight"));
    QVERIFY(!create->isEnabled());
    QVERIFY(error->text().startsWith(QStringLiteral("Budget reset:")));
    duration->setText(QStringLiteral("7d"));
    QVERIFY(create->isEnabled());
    const QJsonObject body = previewOf(&dialog);
    QCOMPARE(body.value(u"user_id").toString(), QStringLiteral("jane.doe@example.com"));
    QCOMPARE(body.value(u"max_budget").toDouble(), 10.0); // the default for new users
    QCOMPARE(body.value(u"budget_duration").toString(), QStringLiteral("7d"));
    QCOMPARE(body.value(u"auto_create_key").toBool(true), false);
    QCOMPARE(body.value(u"metadata").toObject().value(u"source").toString(), QStringLiteral("litellm-desk"));

    QSignalSpy created(&dialog, &NewUserDialog::userCreated);
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(created.wait());
    QCOMPARE(created.first().first().toString(), QStringLiteral("jane.doe@example.com"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("result"));
    QTRY_VERIFY(result->isVisible());
    QVERIFY(result->text().contains(QStringLiteral("Created jane.doe@example.com")));
    // The simulator drops user_role on /user/new; the dialog's second step put it back.
    QVERIFY(result->text().contains(QStringLiteral("kept every field")));
    const SimUser *stored = nullptr;
    for (const SimUser &u : m_sim->data().users())
        if (u.userId == u"jane.doe@example.com")
            stored = &u;
    QVERIFY(stored);
    QCOMPARE(stored->role, QStringLiteral("internal_user"));
    QCOMPARE(stored->budgetDuration, QStringLiteral("7d"));
    // The defaults typed are remembered for the next user.
    QCOMPARE(NewUserDialog::savedDefaults().budgetDuration, QStringLiteral("7d"));
    NewUserDialog next(m_client.get(), {}, {}, {});
    QCOMPARE(next.findChild<QLineEdit *>(QStringLiteral("domainEdit"))->text(),
             QStringLiteral("example.com"));
}

// /user/new succeeded but the follow-up /user/update failed: the dialog says the user exists without its
// fields, Create becomes Finish User, and finishing applies them without creating the user again.
void TestUsersPage::aUserLeftWithoutItsFieldsIsFinished() {
    NewUserDialog dialog(m_client.get(), {}, {}, {});
    dialog.show();
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("userIdEdit")), QStringLiteral("max"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("domainEdit")),
                     QStringLiteral("example.com"));
    dialog.findChild<QLineEdit *>(QStringLiteral("durationEdit"))->setText(QStringLiteral("7d"));
    auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createButton"));
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("formError"));
    m_sim->addFault(*SimFault::parse(QStringLiteral("/user/update=status:500x1")));
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(u"was created, but its fields were not applied"), 10000);
    QVERIFY2(error->text().contains(u"max@example.com"), qPrintable(error->text()));
    QCOMPARE(create->text(), QStringLiteral("&Finish User"));
    QVERIFY(create->isEnabled());
    QVERIFY(m_sim->data().userIndex(QStringLiteral("max@example.com")) >= 0);

    const auto creates = [&] {
        return std::count_if(m_sim->requestLog().cbegin(), m_sim->requestLog().cend(),
                             [](const QString &path) { return path.startsWith(u"/user/new"); });
    };
    const auto before = creates();
    QSignalSpy created(&dialog, &NewUserDialog::userCreated);
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(created.wait());
    QCOMPARE(creates(), before);
    QCOMPARE(
        m_sim->data().users().at(m_sim->data().userIndex(QStringLiteral("max@example.com"))).budgetDuration,
        QStringLiteral("7d"));
}

void TestUsersPage::roleIsSuggestedByTeams() {
    const SimTeam &team = m_sim->data().teams().at(2);
    Role role;
    role.name = QStringLiteral("research");
    role.maxBudget = 250;
    role.budgetDuration = QStringLiteral("30d");
    role.teams = {team.teamId};
    role.metadata = {{QStringLiteral("cost_center"), QStringLiteral("r-and-d")}};
    QVERIFY(m_roles->put(kScope, role).ok());

    UsersPage page(m_roles);
    page.show();
    page.setConnection(m_client.get(), kScope, {});
    auto *teamFilter = page.findChild<QComboBox *>(QStringLiteral("userTeamFilter"));
    QTRY_VERIFY(teamFilter->count() > 1); // the teams are known
    page.openNewUserDialog();
    NewUserDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<NewUserDialog *>()) != nullptr);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("userIdEdit")), QStringLiteral("sam"));
    auto *roleCombo = dialog->findChild<QComboBox *>(QStringLiteral("roleCombo"));
    QCOMPARE(roleCombo->currentData().toString(), QString());
    QCOMPARE(previewOf(dialog).value(u"max_budget").toDouble(), 10.0);
    auto *teams = dialog->findChild<QListWidget *>(QStringLiteral("teamList"));
    const auto items = teams->findItems(team.alias, Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    items.first()->setCheckState(Qt::Checked);
    QCOMPARE(dialog->suggestedRole(), QStringLiteral("research"));
    QCOMPARE(roleCombo->currentData().toString(), QStringLiteral("research"));
    const QJsonObject body = previewOf(dialog);
    QCOMPARE(body.value(u"max_budget").toDouble(), 250.0);
    QCOMPARE(body.value(u"teams").toArray().first().toString(), team.teamId);
    QCOMPARE(body.value(u"metadata").toObject().value(u"cost_center").toString(), QStringLiteral("r-and-d"));
    QCOMPARE(body.value(u"metadata").toObject().value(u"source").toString(), QStringLiteral("litellm-desk"));
    if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/users-new.png")));
    dialog->reject();
}

QTEST_MAIN(TestUsersPage)
#include "tst_UsersPage.moc"
