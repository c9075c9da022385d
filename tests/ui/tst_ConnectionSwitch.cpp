// Switching connection leaves nothing of the one before on screen (a revoke's outcomes, the Overview's
// tiles and charts, any table or label), and Issue Key from Role (Ctrl+N) with no roles says what to do.
#include "WindowServices.h"
#include "core/api/ProxyClient.h"
#include "core/itemmodels/LeaseTableModel.h"
#include "core/roles/KeyIssuer.h"
#include "core/roles/RoleStore.h"
#include "sim/Simulator.h"
#include "ui/KeyPrompt.h"
#include "ui/overview/OverviewPage.h"
#include "ui/overview/StatTile.h"
#include "ui/roles/IssueKeyDialog.h"
#include "ui/roles/LeasesView.h"
#include "ui/roles/RoleEditor.h"
#include "ui/roles/RolesPage.h"

#include <QAbstractItemView>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(IssuedKey)

namespace {

constexpr int kTimeoutMs = 15000;

Role analyticsRole() {
    Role r;
    r.name = QStringLiteral("analytics");
    r.ttl = *Duration::parse(QStringLiteral("1h"));
    return r;
}

// What the window shows as text: the visible labels, and the cells of the visible tables and lists.
QSet<QString> shownTexts(const QWidget &window) {
    QSet<QString> out;
    for (const QLabel *label : window.findChildren<QLabel *>())
        if (label->isVisible() && !label->text().trimmed().isEmpty())
            out.insert(label->text().trimmed());
    for (const QAbstractItemView *view : window.findChildren<QAbstractItemView *>()) {
        const QAbstractItemModel *model = view->model();
        if (!model || !view->isVisible())
            continue;
        for (int r = 0; r < std::min(model->rowCount(), 40); ++r)
            for (int c = 0; c < model->columnCount(); ++c)
                if (const QString t = model->index(r, c).data().toString().trimmed(); !t.isEmpty())
                    out.insert(t);
    }
    return out;
}

} // namespace

class TestConnectionSwitch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void revokeOutcomesStayWithTheirConnection();
    void nothingOfTheOldConnectionRemains();
    void issuingWithNoRolesOffersToCreateOne_data();
    void issuingWithNoRolesOffersToCreateOne();

private:
    QString saveProfile(const QString &name, const Simulator &sim, bool withKey);
    void connectAndSettle(const QString &profileId);
    void visitEveryPage();

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_simA;
    std::unique_ptr<Simulator> m_simB;
    std::unique_ptr<WindowServices> m_services;
    std::unique_ptr<MainWindow> m_window;
};

void TestConnectionSwitch::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestConnectionSwitch::init() {
    SimOptions a;
    a.masterKey = QStringLiteral("sk-alpha-master");
    a.keys = 30;
    a.users = 6;
    m_simA = std::make_unique<Simulator>(a);
    SimOptions b;
    b.masterKey = QStringLiteral("sk-beta-master");
    b.seed = 7;
    b.keys = 12;
    m_simB = std::make_unique<Simulator>(b);
    QVERIFY(m_simA->listen());
    QVERIFY(m_simB->listen());
    QFile::remove(m_dir.filePath(QStringLiteral("profiles.ini")));
    QFile::remove(m_dir.filePath(QStringLiteral("roles.json")));
    m_services = std::make_unique<WindowServices>(m_dir.path());
}

void TestConnectionSwitch::cleanup() {
    m_window.reset();
    m_services.reset();
    m_simA.reset();
    m_simB.reset();
}

QString TestConnectionSwitch::saveProfile(const QString &name, const Simulator &sim, bool withKey) {
    Profile p;
    p.id = Profile::newId();
    p.name = name;
    p.baseUrl = sim.url();
    p.timeoutSeconds = 10;
    if (const QString e = m_services->profiles.save(p); !e.isEmpty())
        qFatal("profile not saved: %s", qPrintable(e));
    if (withKey) {
        bool written = false;
        m_services->keychain.write(p.secretKey(), sim.masterKey(), this,
                                   [&](SecretError) { written = true; });
        if (!QTest::qWaitFor([&] { return written; }, kTimeoutMs))
            qFatal("the key was not written");
    }
    return p.id;
}

void TestConnectionSwitch::connectAndSettle(const QString &profileId) {
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    QVERIFY(m_window->openProfile(profileId));
    QVERIFY(settled.wait(kTimeoutMs));
}

void TestConnectionSwitch::visitEveryPage() {
    for (const QString &name : MainWindow::pageNames()) {
        QVERIFY(m_window->showPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isPageBusy(), kTimeoutMs);
    }
}

// Revoking on connection A shows "Revoked 1 of 1 key"; on B's Roles page that panel is gone.
void TestConnectionSwitch::revokeOutcomesStayWithTheirConnection() {
    const QString a = saveProfile(QStringLiteral("Alpha"), *m_simA, true);
    const QString b = saveProfile(QStringLiteral("Beta"), *m_simB, true);
    {
        RoleStore store(m_services->rolesFile);
        QVERIFY(store.put(a, analyticsRole()).ok());
        QVERIFY(store.put(b, analyticsRole()).ok());
    }
    ClientConfig config;
    config.baseUrl = m_simA->url();
    ProxyClient admin(config, m_simA->masterKey());
    KeyIssuer issuer(&admin);
    QSignalSpy issued(&issuer, &KeyIssuer::issued);
    IssueChoices choices;
    choices.label = QStringLiteral("jane");
    issuer.issue(analyticsRole(), choices);
    QTRY_COMPARE_WITH_TIMEOUT(issued.count(), 1, kTimeoutMs);

    m_window = m_services->newWindow(false);
    connectAndSettle(a);
    auto *roles = m_window->page<RolesPage>();
    QVERIFY(m_window->showPage(QStringLiteral("roles")));
    roles->showLeases();
    auto *table = roles->findChild<QTableView *>(QStringLiteral("leasesTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, kTimeoutMs);
    table->selectRow(0);
    QTest::mouseClick(roles->findChild<QPushButton *>(QStringLiteral("revokeButton")), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = roles->findChild<QMessageBox *>(QStringLiteral("confirmRevoke"))) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")), Qt::LeftButton);
    auto *title = roles->findChild<QLabel *>(QStringLiteral("outcomeTitle"));
    auto *outcomes = roles->findChild<QListWidget *>(QStringLiteral("outcomes"));
    QTRY_VERIFY_WITH_TIMEOUT(title->isVisible(), kTimeoutMs);
    QCOMPARE(title->text(), QStringLiteral("Revoked 1 of 1 key(s)")); // "key" with the English catalogue
    QVERIFY(outcomes->isVisible());
    QCOMPARE(outcomes->count(), 1);

    connectAndSettle(b);
    QVERIFY(m_window->showPage(QStringLiteral("roles")));
    QVERIFY(!title->isVisible());
    QVERIFY(title->text().isEmpty());
    QVERIFY(!outcomes->isVisible());
    QCOMPARE(outcomes->count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isPageBusy(), kTimeoutMs);
    QVERIFY(!title->isVisible());
}

// Everything A showed (tiles, charts, tables, labels) is gone once B is opened, before B has a key.
void TestConnectionSwitch::nothingOfTheOldConnectionRemains() {
    const QString a = saveProfile(QStringLiteral("Alpha"), *m_simA, true);
    const QString b = saveProfile(QStringLiteral("Beta"), *m_simB, false);
    m_window = m_services->newWindow(false);
    m_window->showMaximized();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // What a profile shows with no key yet, on every page: titles, column names, placeholders.
    const auto openWithoutKey = [&] {
        QVERIFY(m_window->openProfile(b));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->keyPrompt() && m_window->keyPrompt()->isVisible(), kTimeoutMs);
        m_window->keyPrompt()->reject();
    };
    openWithoutKey();
    QSet<QString> withoutKey;
    for (const QString &name : MainWindow::pageNames()) {
        QVERIFY(m_window->showPage(name));
        withoutKey.unite(shownTexts(*m_window));
    }

    connectAndSettle(a);
    QSet<QString> ofA;
    for (const QString &name : MainWindow::pageNames()) {
        QVERIFY(m_window->showPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isPageBusy(), kTimeoutMs);
        ofA.unite(shownTexts(*m_window));
    }
    ofA.subtract(withoutKey);
    auto *overview = m_window->page<OverviewPage>();
    const QString spendOfA = overview->tile(QStringLiteral("spend"))->value();
    QVERIFY(spendOfA.startsWith(u'$'));
    QVERIFY(ofA.contains(spendOfA));
    QVERIFY2(ofA.size() > 20, qPrintable(QString::number(ofA.size())));

    openWithoutKey();
    for (const QString &name : MainWindow::pageNames()) {
        QVERIFY(m_window->showPage(name));
        const QSet<QString> left = shownTexts(*m_window).intersect(ofA);
        QVERIFY2(left.isEmpty(),
                 qPrintable(name + u": " + QStringList(left.begin(), left.end()).join(u" | ")));
    }
    QVERIFY(m_window->showPage(QStringLiteral("overview")));
    for (const char *name : {"spend", "requests", "tokens", "active_keys"})
        QCOMPARE(overview->tile(QString::fromLatin1(name))->value(), QStringLiteral("—"));
    for (const QChartView *chart : overview->findChildren<QChartView *>())
        QVERIFY2(chart->chart()->series().isEmpty(), qPrintable(chart->objectName()));
}

void TestConnectionSwitch::issuingWithNoRolesOffersToCreateOne_data() {
    QTest::addColumn<bool>("byShortcut");
    QTest::newRow("Ctrl+N") << true;
    QTest::newRow("Keys > Issue Key from Role") << false;
}

// With no roles, Ctrl+N and the menu action say to create a role first and offer to; with one, they
// open the issue dialog.
void TestConnectionSwitch::issuingWithNoRolesOffersToCreateOne() {
    QFETCH(bool, byShortcut);
    const QString a = saveProfile(QStringLiteral("Alpha"), *m_simA, true);
    m_window = m_services->newWindow(false);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    connectAndSettle(a);
    QVERIFY(m_window->showPage(QStringLiteral("overview")));
    auto *roles = m_window->page<RolesPage>();
    const auto issue = [&] {
        if (byShortcut)
            QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
        else
            m_window->findChild<QAction *>(QStringLiteral("issueKeyAction"))->trigger();
    };
    issue();
    QCOMPARE(m_window->currentPage(), roles);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = roles->findChild<QMessageBox *>(QStringLiteral("noRolesBox"))) && box->isVisible());
    QCOMPARE(box->text(), QStringLiteral("Create a role first."));
    QVERIFY(!roles->findChild<IssueKeyDialog *>());
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("createRoleButton")), Qt::LeftButton);
    QTRY_VERIFY(!box->isVisible());
    QVERIFY(roles->editor()->isEnabled());
    QVERIFY(!roles->findChild<QWidget *>(QStringLiteral("noRolesHint"))->isVisible());

    // The page says so too while there are none, with the same offer.
    roles->editor()->findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
    QVERIFY(!roles->editor()->isEnabled());
    auto *hint = roles->findChild<QWidget *>(QStringLiteral("noRolesHint"));
    QVERIFY(hint->isVisible());
    QVERIFY(
        roles->findChild<QLabel *>(QStringLiteral("noRolesText"))->text().contains(u"Create a role first"));
    QCOMPARE(roles->findChild<QPushButton *>(QStringLiteral("issueKeyButton"))->toolTip(),
             QStringLiteral("Create a role first."));
    QTest::mouseClick(hint->findChild<QPushButton *>(QStringLiteral("createFirstRoleButton")),
                      Qt::LeftButton);
    QVERIFY(roles->editor()->isEnabled());

    // With a role, the same key opens the issue dialog.
    roles->editor()->findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
    {
        RoleStore store(m_services->rolesFile);
        QVERIFY(store.load().ok());
        QVERIFY(store.put(a, analyticsRole()).ok());
    }
    roles->reload();
    QVERIFY(!hint->isVisible());
    QVERIFY(m_window->showPage(QStringLiteral("overview")));
    issue();
    IssueKeyDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = roles->findChild<IssueKeyDialog *>()) && dialog->isVisible());
    dialog->reject();
}

QTEST_MAIN(TestConnectionSwitch)
#include "tst_ConnectionSwitch.moc"
