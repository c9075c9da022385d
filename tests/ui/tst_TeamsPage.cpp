// The Teams page against the simulator: the table of the simulator's teams, risk flags on each side of
// 80% of a budget, a team's members in its details, every team action with its success and its failure
// (a fault injected in the simulator), and a viewer who sees the actions disabled with the reason.
#include "ui/keys/SpendBarDelegate.h"
#include "ui/teams/TeamDetails.h"
#include "ui/teams/TeamsPage.h"

#include "core/api/ProxyClient.h"
#include "core/connection/RoleGate.h"
#include "core/format/Money.h"
#include "core/itemmodels/TeamTableModel.h"
#include "sim/Simulator.h"
#include "ui/ErrorBanner.h"

#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

namespace {

using Column = TeamTableModel::Column;

QString cell(const TeamTableModel *model, int row, Column column) {
    return model->index(row, int(column)).data().toString();
}

QStringList risksOf(const TeamTableModel *model, const QString &teamId) {
    const int row = model->rowOf(teamId);
    return row < 0 ? QStringList{QStringLiteral("not listed")}
                   : model->index(row, 0).data(TeamTableModel::RisksRole).toStringList();
}

} // namespace

class TestTeamsPage : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsTheSimulatorsTeams();
    void anOlderProxySaysTheListIsWhole();
    void nearBudgetFlagOnEachSideOf80Percent();
    void detailsShowMembersAndKeys();
    void createEditBlockAndDeleteSucceed();
    void memberActionsSucceed();
    void theNewTeamDialogChecksThenCreates();
    void deleteAsksForTheAliasAndSaysHowManyKeys();
    void failuresShowInTheBanner_data();
    void failuresShowInTheBanner();
    void aViewerSeesActionsDisabledWithTheReason();
    void anActionShowsAsWorkAndCanBeStoppedWaitingFor();
    void membersShowTheBudgetThatLimitsTheirTeamKeys();

private:
    void open(const QString &role = QStringLiteral("proxy_admin"));
    QString waitForATeamWithMembers();
    bool act(const std::function<void()> &action);

    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<TeamsPage> m_page;
    SimOptions m_options;
};

void TestTeamsPage::init() {
    m_options = SimOptions();
    m_options.teams = 8;
    m_options.users = 40;
}

void TestTeamsPage::cleanup() {
    m_page.reset();
    m_client.reset();
    m_sim.reset();
}

void TestTeamsPage::open(const QString &role) {
    m_sim = std::make_unique<Simulator>(m_options);
    QVERIFY(m_sim->listen(0));
    ClientConfig config;
    config.baseUrl = m_sim->url();
    m_client = std::make_unique<ProxyClient>(config, m_sim->masterKey());
    m_page = std::make_unique<TeamsPage>();
    m_page->resize(1200, 700);
    m_page->show();
    PageContext context;
    context.client = m_client.get();
    context.scope = QStringLiteral("profile-1");
    context.caller.role = role;
    context.callerKnown = true;
    m_page->setContext(context);
    QTRY_VERIFY(!m_page->model()->isLoading() && m_page->model()->rowCount() > 0);
}

QString TestTeamsPage::waitForATeamWithMembers() {
    for (const SimTeam &t : m_sim->data().teams())
        if (t.members.size() >= 2 && !t.deleted) {
            m_page->selectTeam(t.teamId);
            if (!QTest::qWaitFor([&] { return m_page->details()->keyCount().has_value(); }, 5000))
                return {};
            return t.teamId;
        }
    return {};
}

bool TestTeamsPage::act(const std::function<void()> &action) {
    QSignalSpy finished(m_page.get(), &TeamsPage::actionFinished);
    action();
    if (!finished.wait(5000))
        return false;
    return finished.first().first().toBool();
}

void TestTeamsPage::listsTheSimulatorsTeams() {
    open();
    const auto *model = m_page->model();
    QCOMPARE(model->rowCount(), int(m_sim->data().teams().size()));
    QVERIFY(!model->isWholeList());
    QVERIFY(!m_page->findChild<QLabel *>(QStringLiteral("teamWholeList"))->isVisible());
    QCOMPARE(m_page->findChild<QLabel *>(QStringLiteral("teamCount"))->text(),
             QStringLiteral("8 team(s)")); // no English catalogue: the plural reads as written
    for (const SimTeam &t : m_sim->data().teams()) {
        const int row = model->rowOf(t.teamId);
        QVERIFY2(row >= 0, qPrintable(t.teamId));
        QCOMPARE(cell(model, row, Column::Alias), t.alias);
        QCOMPARE(cell(model, row, Column::Members), QString::number(t.members.size()));
    }
    // The first team's details show beside the table without a click.
    QTRY_VERIFY(!m_page->details()->teamId().isEmpty());
    // Spend against budget is drawn as a bar, as on the Keys page (PNG to $DESK_SCREENSHOT_DIR when set).
    auto *table = m_page->findChild<QTableView *>();
    QVERIFY(qobject_cast<SpendBarDelegate *>(table->itemDelegateForColumn(int(Column::Spend))));
    if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(m_page->grab().save(dir + QStringLiteral("/teams-page.png")));
}

void TestTeamsPage::anOlderProxySaysTheListIsWhole() {
    m_options.v2TeamList = false;
    open();
    QCOMPARE(m_page->model()->rowCount(), 8);
    QVERIFY(m_page->model()->isWholeList());
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("teamWholeList"))->isVisible());
}

void TestTeamsPage::nearBudgetFlagOnEachSideOf80Percent() {
    m_sim = std::make_unique<Simulator>(m_options);
    SimDataset &data = m_sim->data();
    QStringList spenders;
    for (const SimTeam &t : data.teams())
        if (data.teamTotals(t.teamId).spend > 1)
            spenders << t.teamId;
    QVERIFY(spenders.size() >= 2);
    // Budgets that put one team's spend at 79.99% of its budget and another's at 80.01%.
    const QList<double> shares{0.7999, 0.8001};
    for (int i = 0; i < 2; ++i) {
        SimTeam &t = data.teams()[data.teamIndex(spenders[i])];
        t.maxBudget = data.teamTotals(t.teamId).spend / shares[i];
        t.blocked = false;
    }
    QVERIFY(m_sim->listen(0));
    ClientConfig config;
    config.baseUrl = m_sim->url();
    m_client = std::make_unique<ProxyClient>(config, m_sim->masterKey());
    m_page = std::make_unique<TeamsPage>();
    PageContext context;
    context.client = m_client.get();
    m_page->setContext(context);
    QTRY_VERIFY(!m_page->model()->isLoading() && m_page->model()->rowCount() > 0);
    QCOMPARE(risksOf(m_page->model(), spenders[0]), QStringList{});
    QCOMPARE(risksOf(m_page->model(), spenders[1]), QStringList{QStringLiteral("near_budget")});
    QCOMPARE(cell(m_page->model(), m_page->model()->rowOf(spenders[1]), Column::Risks),
             QStringLiteral(">80% budget"));
}

void TestTeamsPage::detailsShowMembersAndKeys() {
    open();
    const QString teamId = waitForATeamWithMembers();
    QVERIFY(!teamId.isEmpty());
    const SimTeam &sim = m_sim->data().teams().at(m_sim->data().teamIndex(teamId));
    auto *members = m_page->details()->findChild<QTreeWidget *>(QStringLiteral("teamMembers"));
    QCOMPARE(members->topLevelItemCount(), int(sim.members.size()));
    QStringList ids;
    for (int i = 0; i < members->topLevelItemCount(); ++i)
        ids << members->topLevelItem(i)->data(0, Qt::UserRole).toString();
    for (const SimMember &m : sim.members)
        QVERIFY2(ids.contains(m.userId), qPrintable(m.userId));
    QCOMPARE(qint64(*m_page->details()->keyCount()), m_sim->data().teamTotals(teamId).keyCount);
    QVERIFY(m_page->details()->findChild<QPushButton *>(QStringLiteral("showTeamKeys"))->isVisible());

    // Its spend per day over the last 30 days (/team/daily/activity), and a way to the Usage page.
    QTRY_COMPARE(m_page->details()->usage().size(), 30);
    double total = 0;
    for (double d : m_page->details()->usage())
        total += d;
    QVERIFY(total > 0);
    QCOMPARE(m_page->details()->findChild<QLabel *>(QStringLiteral("teamUsageText"))->text(),
             u"Last 30 days: "_qs + formatUsd(total));
    QVERIFY(std::any_of(m_sim->requestLog().begin(), m_sim->requestLog().end(), [&](const QString &l) {
        return l.startsWith(u"/team/daily/activity") && l.contains(teamId);
    }));
    QVERIFY(!m_page->isBusy());
    QSignalSpy usage(m_page.get(), &TeamsPage::showUsageRequested);
    QTest::mouseClick(m_page->details()->findChild<QPushButton *>(QStringLiteral("showTeamUsage")),
                      Qt::LeftButton);
    QCOMPARE(usage.size(), 1);
    QCOMPARE(usage.first().first().toString(), teamId);
}

void TestTeamsPage::createEditBlockAndDeleteSucceed() {
    open();
    const int before = m_page->model()->rowCount();
    api::TeamFields fields;
    fields.teamAlias = QStringLiteral("desk-new-team");
    fields.maxBudget = 500;
    fields.budgetDuration = QStringLiteral("30d");
    fields.tpmLimit = 1000;
    fields.members = {TeamMember::withRole(m_sim->data().users().first().userId, QStringLiteral("admin"))};
    QVERIFY(act([&] { m_page->createTeam(fields); }));
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    const TeamRecord *created = m_page->selectedTeam();
    QVERIFY(created);
    QCOMPARE(created->teamAlias, QStringLiteral("desk-new-team"));
    const QString id = created->teamId;
    QVERIFY(m_sim->data().teamIndex(id) >= 0);
    QCOMPARE(cell(m_page->model(), m_page->model()->rowOf(id), Column::Spend),
             QStringLiteral("$0.00 of $500.00"));

    api::TeamFields edit;
    edit.maxBudget = 750;
    QVERIFY(act([&] { m_page->updateSelected(edit); }));
    QCOMPARE(cell(m_page->model(), m_page->model()->rowOf(id), Column::Spend),
             QStringLiteral("$0.00 of $750.00"));
    QCOMPARE(*m_sim->data().teams().at(m_sim->data().teamIndex(id)).maxBudget, 750.0);

    auto *block = m_page->findChild<QPushButton *>(QStringLiteral("blockTeamButton"));
    QVERIFY(act([&] { QTest::mouseClick(block, Qt::LeftButton); }));
    QCOMPARE(cell(m_page->model(), m_page->model()->rowOf(id), Column::Blocked), QStringLiteral("Blocked"));
    QVERIFY(m_sim->data().teams().at(m_sim->data().teamIndex(id)).blocked);
    QCOMPARE(block->text(), QStringLiteral("Un&block"));
    QVERIFY(act([&] { QTest::mouseClick(block, Qt::LeftButton); }));
    QVERIFY(!m_sim->data().teams().at(m_sim->data().teamIndex(id)).blocked);

    QVERIFY(act([&] { m_page->deleteSelected(); }));
    QCOMPARE(m_page->model()->rowOf(id), -1);
    QCOMPARE(m_sim->data().teamIndex(id), -1);
}

void TestTeamsPage::memberActionsSucceed() {
    open();
    const QString teamId = waitForATeamWithMembers();
    QVERIFY(!teamId.isEmpty());
    QString outsider;
    const SimTeam *team = &m_sim->data().teams().at(m_sim->data().teamIndex(teamId));
    for (const SimUser &u : m_sim->data().users())
        if (team->memberIndex(u.userId) < 0) {
            outsider = u.userId;
            break;
        }
    QVERIFY(!outsider.isEmpty());
    auto *members = m_page->details()->findChild<QTreeWidget *>(QStringLiteral("teamMembers"));
    const int before = members->topLevelItemCount();
    QVERIFY(act([&] { m_page->addMember(TeamMember::withRole(outsider, QStringLiteral("user"))); }));
    QTRY_COMPARE(members->topLevelItemCount(), before + 1);

    QVERIFY(act([&] { m_page->setMemberRole(outsider, QStringLiteral("admin")); }));
    team = &m_sim->data().teams().at(m_sim->data().teamIndex(teamId));
    QCOMPARE(team->members.at(team->memberIndex(outsider)).role, QStringLiteral("admin"));

    QVERIFY(act([&] { m_page->removeMember(outsider); }));
    QTRY_COMPARE(members->topLevelItemCount(), before);
    team = &m_sim->data().teams().at(m_sim->data().teamIndex(teamId));
    QCOMPARE(team->memberIndex(outsider), -1);
}

void TestTeamsPage::theNewTeamDialogChecksThenCreates() {
    open();
    const int before = m_page->model()->rowCount();
    m_page->openNewTeamDialog();
    auto *dialog = m_page->findChild<QDialog *>(QStringLiteral("teamDialog"));
    QVERIFY(dialog);
    auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("teamDialogOk"));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("error_teamForm"));
    QTest::mouseClick(ok, Qt::LeftButton); // no alias yet
    QVERIFY(dialog->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("alias")));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamAlias")),
                     QStringLiteral("from-dialog"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("teamBudget")), QStringLiteral("lots"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("US dollars")));
    dialog->findChild<QLineEdit *>(QStringLiteral("teamBudget"))->setText(QStringLiteral("250"));
    QVERIFY(act([&] { QTest::mouseClick(ok, Qt::LeftButton); }));
    QCOMPARE(m_page->model()->rowCount(), before + 1);
    QCOMPARE(m_page->selectedTeam()->teamAlias, QStringLiteral("from-dialog"));
    QCOMPARE(*m_page->selectedTeam()->maxBudget, 250.0);
}

void TestTeamsPage::deleteAsksForTheAliasAndSaysHowManyKeys() {
    open();
    const QString teamId = waitForATeamWithMembers();
    QVERIFY(!teamId.isEmpty());
    const qint64 keys = m_sim->data().teamTotals(teamId).keyCount;
    m_page->confirmDelete();
    auto *dialog = m_page->findChild<QDialog *>(QStringLiteral("confirmDialog"));
    QVERIFY(dialog);
    const QString message = dialog->findChild<QLabel *>(QStringLiteral("confirmMessage"))->text();
    QVERIFY2(message.contains(QStringLiteral("%1 key").arg(keys)), qPrintable(message));
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmButton"));
    QVERIFY(!confirm->isEnabled());
    dialog->reject();
    QCOMPARE(m_sim->data().teamIndex(teamId) >= 0, true);
}

void TestTeamsPage::failuresShowInTheBanner_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("said");
    QTest::newRow("new") << QStringLiteral("/team/new") << QStringLiteral("Creating team");
    QTest::newRow("update") << QStringLiteral("/team/update") << QStringLiteral("Saving team");
    QTest::newRow("block") << QStringLiteral("/team/block") << QStringLiteral("Blocking team");
    QTest::newRow("delete") << QStringLiteral("/team/delete") << QStringLiteral("Deleting team");
    QTest::newRow("member add") << QStringLiteral("/team/member_add") << QStringLiteral("Adding");
    QTest::newRow("member delete") << QStringLiteral("/team/member_delete") << QStringLiteral("Removing");
    QTest::newRow("member update") << QStringLiteral("/team/member_update")
                                   << QStringLiteral("Changing the role");
}

void TestTeamsPage::failuresShowInTheBanner() {
    QFETCH(QString, path);
    QFETCH(QString, said);
    open();
    const QString teamId = waitForATeamWithMembers();
    QVERIFY(!teamId.isEmpty());
    const int rows = m_page->model()->rowCount();
    const SimTeam &team = m_sim->data().teams().at(m_sim->data().teamIndex(teamId));
    const QString member = team.members.last().userId;
    m_sim->addFault({path, SimFault::Kind::Status, 403});
    api::TeamFields fields;
    fields.teamAlias = QStringLiteral("x");
    QVERIFY(!act([&] {
        if (path == u"/team/new")
            m_page->createTeam(fields);
        else if (path == u"/team/update")
            m_page->updateSelected(fields);
        else if (path == u"/team/block")
            m_page->setSelectedBlocked(true);
        else if (path == u"/team/delete")
            m_page->deleteSelected();
        else if (path == u"/team/member_add")
            m_page->addMember(TeamMember::withRole(QStringLiteral("nobody"), QStringLiteral("user")));
        else if (path == u"/team/member_delete")
            m_page->removeMember(member);
        else
            m_page->setMemberRole(member, QStringLiteral("admin"));
    }));
    auto *banner = m_page->findChild<ErrorBanner *>();
    QVERIFY(banner->isVisible());
    const QString message = banner->findChild<QLabel *>(QStringLiteral("errorMessage"))->text();
    QVERIFY2(message.startsWith(said) && message.contains(QStringLiteral("failed")), qPrintable(message));
    QVERIFY(!banner->findChild<QLabel *>(QStringLiteral("errorHint"))->text().isEmpty());
    QCOMPARE(m_page->model()->rowCount(), rows); // nothing changed on the page
    QVERIFY(m_sim->data().teamIndex(teamId) >= 0);
    // The buttons are usable again for another try.
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("newTeamButton"))->isEnabled());
}

void TestTeamsPage::aViewerSeesActionsDisabledWithTheReason() {
    open(QStringLiteral("proxy_admin_viewer"));
    CallerIdentity viewer;
    viewer.role = QStringLiteral("proxy_admin_viewer");
    const QString why = RoleGate::whyNot(viewer, RoleGate::Action::ManageTeams);
    QVERIFY(!why.isEmpty());
    QTRY_VERIFY(!m_page->details()->teamId().isEmpty());
    for (const char *name : {"newTeamButton", "editTeamButton", "blockTeamButton", "deleteTeamButton",
                             "addMemberButton", "removeMemberButton", "changeRoleButton"}) {
        auto *b = m_page->findChild<QPushButton *>(QString::fromLatin1(name));
        QVERIFY2(b, name);
        QVERIFY2(!b->isEnabled(), name);
        QCOMPARE(b->toolTip(), why);
    }
    // The table and details still show.
    QCOMPARE(m_page->model()->rowCount(), 8);
}

// Each action is the page's work in the status bar (page contract) until its answer; Cancel stops waiting
// for an answer that does not come, says the change may still have been made, and reads the teams again.
void TestTeamsPage::anActionShowsAsWorkAndCanBeStoppedWaitingFor() {
    open();
    const QString teamId = waitForATeamWithMembers();
    QVERIFY(!teamId.isEmpty());
    const QString name = m_page->selectedTeam()->displayName();
    QSignalSpy started(m_page.get(), &Page::workStarted);
    QSignalSpy finishedWork(m_page.get(), &Page::workFinished);
    QVERIFY(act([&] { m_page->setSelectedBlocked(true); }));
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().first().toString(), u"Blocking team %1…"_qs.arg(name));
    QCOMPARE(finishedWork.size(), 1);
    QVERIFY(!m_page->isWorking());

    m_sim->addFault({QStringLiteral("/team/unblock"), SimFault::Kind::Hang, 0});
    QSignalSpy finished(m_page.get(), &TeamsPage::actionFinished);
    QSignalSpy status(m_page.get(), &Page::statusMessage);
    const int listsBefore =
        int(std::count_if(m_sim->requestLog().begin(), m_sim->requestLog().end(),
                          [](const QString &l) { return l.startsWith(u"/v2/team/list"); }));
    m_page->setSelectedBlocked(false);
    QVERIFY(m_page->isWorking());
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("newTeamButton"))->isEnabled());
    QTest::qWait(100);
    m_page->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!m_page->isWorking());
    QVERIFY2(status.last().first().toString().startsWith(u"Stopped waiting: Unblocking team"_qs),
             qPrintable(status.last().first().toString()));
    QTRY_VERIFY(std::count_if(m_sim->requestLog().begin(), m_sim->requestLog().end(), [](const QString &l) {
                    return l.startsWith(u"/v2/team/list");
                }) > listsBefore); // read again
    QTRY_VERIFY(!m_page->model()->isLoading());
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("newTeamButton"))->isEnabled());
}

// Each member's team keys are limited by the nearest of the team's budget, the member's own budget in the
// team and the proxy's; the column names it, an exhausted one as "Over:".
void TestTeamsPage::membersShowTheBudgetThatLimitsTheirTeamKeys() {
    m_options.proxyMaxBudget = 1e9;
    open();
    QString teamId;
    for (const SimTeam &t : m_sim->data().teams())
        if (t.maxBudget && t.members.size() >= 2)
            teamId = t.teamId;
    QVERIFY(!teamId.isEmpty());
    SimTeam &team = m_sim->data().teams()[m_sim->data().teamIndex(teamId)];
    const double spend = m_sim->data().teamTotals(teamId).spend;
    team.maxBudget = spend + 100; // $100 left for the team
    team.members[0].maxBudgetInTeam =
        m_sim->data().memberTotals(teamId, team.members[0].userId).spend; // at it
    team.members[1].maxBudgetInTeam.reset();
    m_page->reload();
    QTRY_VERIFY(!m_page->model()->isLoading() && m_page->model()->rowOf(teamId) >= 0);
    m_page->selectTeam(teamId);
    QTRY_VERIFY(m_page->details()->keyCount().has_value());
    auto *members = m_page->details()->findChild<QTreeWidget *>(QStringLiteral("teamMembers"));
    const auto limitOf = [&](const QString &userId) -> QTreeWidgetItem * {
        for (int i = 0; i < members->topLevelItemCount(); ++i)
            if (members->topLevelItem(i)->data(0, Qt::UserRole).toString() == userId)
                return members->topLevelItem(i);
        return nullptr;
    };
    QTreeWidgetItem *first = limitOf(team.members[0].userId);
    QTreeWidgetItem *second = limitOf(team.members[1].userId);
    QVERIFY(first && second);
    QCOMPARE(members->headerItem()->text(4), u"Limited by"_qs);
    QVERIFY2(first->text(4).startsWith(u"Over: team member "_qs),
             qPrintable(first->text(4))); // >= its budget
    QVERIFY2(second->text(4).startsWith(u"team "_qs) && second->text(4).contains(u" of "_qs),
             qPrintable(second->text(4)));
    QVERIFY(second->toolTip(4).contains(u"proxy-wide"_qs)); // the proxy's budget is on the ladder too
}

QTEST_MAIN(TestTeamsPage)
#include "tst_TeamsPage.moc"
