// What the window offers around the pages: Ctrl+1… to go to each page, the shortcut sheet, About with
// the versions (the proxy's too), the page, columns, splitters and window geometry remembered per
// profile, the colour scheme preference and long work in the status bar.
#include "WindowServices.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/itemmodels/TeamTableModel.h"
#include "core/itemmodels/UserTableModel.h"
#include "sim/Simulator.h"
#include "ui/AboutDialog.h"
#include "ui/Appearance.h"
#include "ui/MainWindow.h"
#include "ui/Page.h"
#include "ui/ShortcutSheet.h"
#include "ui/StatusProgress.h"
#include "ui/keys/KeysPage.h"
#include "ui/overview/OverviewPage.h"
#include "ui/people/UserDetails.h"
#include "ui/people/UsersPage.h"
#include "ui/teams/TeamDetails.h"
#include "ui/teams/TeamsPage.h"
#include "ui/usage/UsagePage.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QPieSeries>
#include <QPieSlice>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QtMath>

class TestMainWindowChrome : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ctrlNumberGoesToEachPage();
    void shortcutSheetListsTheMenusShortcuts();
    void aboutShowsTheProxyVersion();
    void lastPageIsRememberedPerProfile();
    void keysLayoutIsRememberedPerProfile();
    void windowGeometryIsRememberedPerProfile();
    void darkThemeIsAppliedAndRemembered();
    void statusBarProgressCancelsWithEsc();
    void aUsersKeysAndUsageOpenOnTheirPages();
    void aTeamsKeysOpenOnTheKeysPage();
    void usageLoadingShowsInTheStatusBarAndEscCancelsIt();
    void overviewLoadingShowsInTheStatusBarAndEscCancelsIt();
    void ctrlFFocusesTheFilterOfEveryPageThatHasOne_data();
    void ctrlFFocusesTheFilterOfEveryPageThatHasOne();
    void aModelOnTheOverviewOpensItsUsage();

private:
    void saveTwoProfiles(Profile &a, Profile &b);
    QString currentPage() const;

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<WindowServices> m_services;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindowChrome::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_MainWindowChrome"));
}

void TestMainWindowChrome::init() {
    QSettings().clear();
    // No key index left by another test, and none built behind these tests' backs: the Keys page
    // pages through the proxy here (its index is tested in tst_KeysPageIndex).
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/key-index"_qs)
        .removeRecursively();
    QSettings().setValue(QStringLiteral("keys/syncMinutes"), 0);
    SimOptions options;
    options.litellmVersion = QStringLiteral("1.77.9");
    m_sim = std::make_unique<Simulator>(options);
    QVERIFY(m_sim->listen(0));
    QFile::remove(m_dir.filePath(QStringLiteral("profiles.ini"))); // each test saves its own profiles
    m_services = std::make_unique<WindowServices>(m_dir.path());
    m_window = m_services->newWindow();
}

void TestMainWindowChrome::cleanup() {
    m_window.reset();
    m_sim.reset();
    appearance::apply(appearance::Theme::System);
}

QString TestMainWindowChrome::currentPage() const {
    return m_window->findChild<QStackedWidget *>(QStringLiteral("pages"))->currentWidget()->objectName();
}

void TestMainWindowChrome::ctrlNumberGoesToEachPage() {
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    const QStringList pages = m_window->pageNames();
    QVERIFY(pages.contains(QStringLiteral("users")));
    for (int i = pages.size() - 1; i >= 0; --i) {
        QTest::keyClick(m_window.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(currentPage(), pages.at(i) + u"Page");
    }
    QVERIFY(!m_window->showPage(QStringLiteral("nowhere")));
}

void TestMainWindowChrome::shortcutSheetListsTheMenusShortcuts() {
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    ShortcutSheet *sheet = nullptr;
    QTRY_VERIFY((sheet = m_window->findChild<ShortcutSheet *>()) && sheet->isVisible());
    const QStringList rows = sheet->rows();
    QVERIFY2(rows.contains(QStringLiteral("View\tRefresh\tF5")), qPrintable(rows.join(u'\n')));
    QVERIFY(
        rows.contains(QStringLiteral("Go\tUsers\tCtrl+%1").arg(m_window->pageNames().indexOf(u"users") + 1)));
    QVERIFY(rows.contains(QStringLiteral("File\tQuit\tCtrl+Q")));
    QVERIFY(rows.contains(QStringLiteral("Help\tKeyboard Shortcuts\tF1, ?")));
    // Outside the menus too: Esc cancels the work in the status bar, and the pages' own keys.
    QVERIFY2(rows.contains(QStringLiteral("Keys\tIssue Key from Role\tCtrl+N")),
             qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("Window\tCancel the work shown in the status bar\tEsc")),
             qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("Keys page\tEdit\tCtrl+E")), qPrintable(rows.join(u'\n')));
    QVERIFY2(rows.contains(QStringLiteral("Usage page\tExport the usage report\tCtrl+Shift+E")),
             qPrintable(rows.join(u'\n')));
    // Each menu's and each page's keys are listed together, not scattered through the sheet.
    QStringList parts;
    for (const QString &row : rows) {
        const QString where = row.section(u'\t', 0, 0);
        if (!parts.isEmpty() && parts.constLast() == where)
            continue;
        QVERIFY2(!parts.contains(where), qPrintable(where + u" comes twice:\n" + rows.join(u'\n')));
        parts << where;
    }
    QVERIFY(!rows.filter(QStringLiteral("\tCtrl+C")).isEmpty());

    // Every key the window answers to is on the sheet: each action's and each shortcut's.
    const QString text = rows.join(u'\n');
    const auto listed = [&](const QKeySequence &keys) {
        const QString k = ShortcutSheet::keyText(keys);
        for (const QString &row : rows)
            if (row.section(u'\t', 2).split(QStringLiteral(", ")).contains(k))
                return true;
        return false;
    };
    int checked = 0;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        for (const QKeySequence &keys : action->shortcuts()) {
            QVERIFY2(listed(keys),
                     qPrintable(action->objectName() + u' ' + ShortcutSheet::keyText(keys) + u"\n" + text));
            ++checked;
        }
    }
    for (const QShortcut *shortcut : m_window->findChildren<QShortcut *>()) {
        for (const QKeySequence &keys : shortcut->keys()) {
            QVERIFY2(listed(keys), qPrintable(ShortcutSheet::keyText(keys) + u"\n" + text));
            ++checked;
        }
    }
    QVERIFY2(checked >= 20, qPrintable(QString::number(checked)));
    // A new shortcut shows up without touching the sheet.
    auto *added =
        new QShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J), m_window->page(QStringLiteral("models")));
    added->setWhatsThis(QStringLiteral("Jump somewhere"));
    QPointer<ShortcutSheet> old = sheet;
    sheet->close();
    QTRY_VERIFY(!old);
    m_window->findChild<QAction *>(QStringLiteral("shortcutsAction"))->trigger();
    QTRY_VERIFY((sheet = m_window->findChild<ShortcutSheet *>()) && sheet->isVisible());
    QVERIFY2(sheet->rows().contains(QStringLiteral("Models page\tJump somewhere\tCtrl+Alt+J")),
             qPrintable(sheet->rows().join(u'\n')));
}

void TestMainWindowChrome::aboutShowsTheProxyVersion() {
    const QStringList before = AboutDialog::versionLines({}, {});
    QVERIFY(before.contains(QStringLiteral("Proxy: not connected")));
    QVERIFY(before.first().startsWith(QStringLiteral("LiteLLM Desk ")));
    QVERIFY(before.contains(QStringLiteral("Qt %1 (built with %2)")
                                .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))));
    QVERIFY(!before.filter(QStringLiteral("QtKeychain 0.")).isEmpty());
    QVERIFY(!before.filter(QStringLiteral("simdjson 3.")).isEmpty());

    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    m_window->findChild<QAction *>(QStringLiteral("aboutAction"))->trigger();
    AboutDialog *about = nullptr;
    QTRY_VERIFY((about = m_window->findChild<AboutDialog *>()) && about->isVisible());
    QVERIFY(about->findChild<QLabel *>(QStringLiteral("versions"))
                ->text()
                .contains(QStringLiteral("Proxy: Demo, LiteLLM 1.77.9")));
}

void TestMainWindowChrome::saveTwoProfiles(Profile &a, Profile &b) {
    a.name = QStringLiteral("Alpha");
    a.baseUrl = m_sim->url();
    b = a;
    b.name = QStringLiteral("Beta");
    a.id = Profile::newId();
    b.id = Profile::newId();
    QCOMPARE(m_services->profiles.save(a), QString());
    QCOMPARE(m_services->profiles.save(b), QString());
    for (const Profile &p : {a, b}) {
        bool written = false;
        m_services->keychain.write(p.secretKey(), m_sim->masterKey(), this,
                                   [&](SecretError) { written = true; });
        QTRY_VERIFY(written);
    }
}

void TestMainWindowChrome::lastPageIsRememberedPerProfile() {
    Profile a, b;
    saveTwoProfiles(a, b);
    if (QTest::currentTestFailed())
        return;

    QVERIFY(m_window->openProfile(a.id));
    QVERIFY(m_window->showPage(QStringLiteral("users")));
    QVERIFY(m_window->openProfile(b.id));
    QVERIFY(m_window->showPage(QStringLiteral("roles")));
    QVERIFY(m_window->openProfile(a.id));
    QCOMPARE(currentPage(), QStringLiteral("usersPage"));

    m_window = m_services->newWindow(); // the next run
    QVERIFY(m_window->openProfile(b.id));
    QCOMPARE(currentPage(), QStringLiteral("rolesPage"));
}

void TestMainWindowChrome::keysLayoutIsRememberedPerProfile() {
    Profile a, b;
    saveTwoProfiles(a, b);
    if (QTest::currentTestFailed())
        return;
    using Column = KeyTableModel::Column;
    QVERIFY(m_window->openProfile(a.id));
    QVERIFY(m_window->showPage(QStringLiteral("keys")));
    auto *keys = m_window->findChild<KeysPage *>();
    QHeaderView *header = keys->table()->horizontalHeader();
    auto *splitter = keys->findChild<QSplitter *>(QStringLiteral("keysSplitter"));
    header->resizeSection(int(Column::Alias), 333);
    splitter->setSizes({700, 120});
    const QList<int> alphaSizes = splitter->sizes();

    // Beta has no layout of its own yet: it starts from the last one, then keeps its own.
    QVERIFY(m_window->openProfile(b.id));
    QCOMPARE(header->sectionSize(int(Column::Alias)), 333);
    QCOMPARE(splitter->sizes(), alphaSizes);
    header->resizeSection(int(Column::Alias), 150);
    header->setSectionHidden(int(Column::Models), true);
    splitter->setSizes({400, 400});
    const QList<int> betaSizes = splitter->sizes();
    QVERIFY(betaSizes != alphaSizes);

    QVERIFY(m_window->openProfile(a.id));
    QCOMPARE(header->sectionSize(int(Column::Alias)), 333);
    QVERIFY(!header->isSectionHidden(int(Column::Models)));
    QCOMPARE(splitter->sizes(), alphaSizes);
    QVERIFY(m_window->openProfile(b.id));
    QCOMPARE(header->sectionSize(int(Column::Alias)), 150);
    QVERIFY(header->isSectionHidden(int(Column::Models)));
    QCOMPARE(splitter->sizes(), betaSizes);

    m_window->close();                  // saves the layout shown
    m_window = m_services->newWindow(); // the next run
    QVERIFY(m_window->openProfile(a.id));
    keys = m_window->findChild<KeysPage *>();
    QCOMPARE(keys->table()->horizontalHeader()->sectionSize(int(Column::Alias)), 333);
    QVERIFY(!keys->table()->horizontalHeader()->isSectionHidden(int(Column::Models)));
}

void TestMainWindowChrome::windowGeometryIsRememberedPerProfile() {
    Profile a, b;
    saveTwoProfiles(a, b);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openProfile(a.id));
    m_window->resize(m_window->minimumSizeHint() + QSize(40, 30));
    const QSize alpha = m_window->size();
    QVERIFY(m_window->openProfile(b.id));
    QTRY_COMPARE(m_window->size(), alpha); // no geometry of its own yet: the last one
    m_window->resize(alpha + QSize(60, 40));
    const QSize beta = m_window->size();
    QVERIFY(beta != alpha);
    QVERIFY(m_window->openProfile(a.id));
    QTRY_COMPARE(m_window->size(), alpha);
    QVERIFY(m_window->openProfile(b.id));
    QTRY_COMPARE(m_window->size(), beta);
    m_window->resize(beta + QSize(10, 10));
    const QSize closed = m_window->size();
    m_window->close();

    m_window = m_services->newWindow(); // the next run
    QVERIFY(m_window->openProfile(a.id));
    QTRY_COMPARE(m_window->size(), alpha);
    QVERIFY(m_window->openProfile(b.id));
    QTRY_COMPARE(m_window->size(), closed);

    // A screenshot keeps the size the window is built with and leaves the saved ones alone.
    m_window = m_services->newWindow(false);
    const QSize built = m_window->size();
    QVERIFY(m_window->openProfile(a.id));
    m_window->resize(built + QSize(20, 20));
    m_window->close();
    m_window = m_services->newWindow();
    QVERIFY(m_window->openProfile(a.id));
    QTRY_COMPARE(m_window->size(), alpha);
}

void TestMainWindowChrome::darkThemeIsAppliedAndRemembered() {
    QVERIFY(!appearance::isDark() || appearance::savedTheme() == appearance::Theme::System);
    m_window->findChild<QAction *>(QStringLiteral("preferencesAction"))->trigger();
    QComboBox *theme = nullptr;
    QTRY_VERIFY((theme = m_window->findChild<QComboBox *>(QStringLiteral("themeCombo"))) &&
                theme->isVisible());
    theme->setCurrentIndex(theme->findData(int(appearance::Theme::Dark)));
    QVERIFY(appearance::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 60);
    QCOMPARE(appearance::savedTheme(), appearance::Theme::Dark);
    theme->setCurrentIndex(theme->findData(int(appearance::Theme::Light)));
    QVERIFY(!appearance::isDark());
    QCOMPARE(appearance::savedTheme(), appearance::Theme::Light);
}

void TestMainWindowChrome::statusBarProgressCancelsWithEsc() {
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    StatusProgress *progress = m_window->progress();
    QVERIFY(!progress->isVisible());
    QObject exporter, loader;
    int exportCanceled = 0, loadCanceled = 0;
    progress->start(&exporter, QStringLiteral("Exporting keys…"), [&] { ++exportCanceled; });
    QVERIFY(progress->isVisible());
    progress->setProgress(&exporter, 3, 12, QStringLiteral("Exporting keys: page 3 of 12"));
    QCOMPARE(progress->label(), QStringLiteral("Exporting keys: page 3 of 12"));
    QCOMPARE(progress->findChild<QProgressBar *>()->value(), 3);

    // Work started later shows on top; when it ends, the export is back with its progress.
    progress->start(&loader, QStringLiteral("Loading usage…"), [&] { ++loadCanceled; });
    QCOMPARE(progress->label(), QStringLiteral("Loading usage…"));
    progress->setProgress(&exporter, 4, 12, QStringLiteral("Exporting keys: page 4 of 12"));
    QCOMPARE(progress->label(), QStringLiteral("Loading usage…"));
    progress->finish(&loader);
    QCOMPARE(progress->label(), QStringLiteral("Exporting keys: page 4 of 12"));
    QCOMPARE(progress->findChild<QProgressBar *>()->value(), 4);

    // Esc cancels the work shown, and only that.
    progress->start(&loader, QStringLiteral("Loading usage…"), [&] { ++loadCanceled; });
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QCOMPARE(loadCanceled, 1);
    QCOMPARE(exportCanceled, 0);
    QCOMPARE(progress->label(), QStringLiteral("Exporting keys: page 4 of 12"));
    QTest::mouseClick(progress->findChild<QToolButton *>(QStringLiteral("statusProgressCancel")),
                      Qt::LeftButton);
    QCOMPARE(exportCanceled, 1);
    QVERIFY(!progress->isVisible());
    QTest::keyClick(m_window.get(), Qt::Key_Escape); // nothing runs: nothing happens
    QCOMPARE(loadCanceled + exportCanceled, 2);

    progress->start(&loader, QStringLiteral("Loading usage…"), [&] { ++loadCanceled; });
    progress->finish(&loader);
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QCOMPARE(loadCanceled, 1);
}

// A team's "Show keys" opens the Keys page filtered to the team: every key listed is the team's.
void TestMainWindowChrome::aTeamsKeysOpenOnTheKeysPage() {
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    QVERIFY(m_window->showPage(QStringLiteral("teams")));
    auto *teams = m_window->findChild<TeamsPage *>();
    QTRY_VERIFY(teams->model()->rowCount() > 0);
    int best = 0;
    for (int row = 1; row < teams->model()->rowCount(); ++row)
        if (teams->model()->teamAt(row)->keysCount.value_or(0) >
            teams->model()->teamAt(best)->keysCount.value_or(0))
            best = row;
    const QString teamId = teams->model()->teamAt(best)->teamId;
    const qint64 keys = teams->model()->teamAt(best)->keysCount.value_or(0);
    QVERIFY(keys > 0);
    teams->selectTeam(teamId);
    QTRY_COMPARE(teams->details()->teamId(), teamId);
    QTest::mouseClick(teams->findChild<QPushButton *>(QStringLiteral("showTeamKeys")), Qt::LeftButton);
    QCOMPARE(currentPage(), QStringLiteral("keysPage"));
    auto *keysPage = m_window->findChild<KeysPage *>();
    QTRY_COMPARE(qint64(keysPage->model()->rowCount()), keys);
    for (int row = 0; row < keysPage->model()->rowCount(); ++row)
        QCOMPARE(keysPage->model()->keyAt(row)->teamId, teamId);
}

void TestMainWindowChrome::aUsersKeysAndUsageOpenOnTheirPages() {
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    QVERIFY(m_window->showPage(QStringLiteral("users")));
    auto *users = m_window->findChild<UsersPage *>();
    QTRY_VERIFY(users->model()->rowCount() > 0);
    // The user with the most keys.
    int best = 0;
    for (int row = 1; row < users->model()->rowCount(); ++row)
        if (users->model()->userAt(row)->keyCount.value_or(0) >
            users->model()->userAt(best)->keyCount.value_or(0))
            best = row;
    const QString userId = users->model()->userAt(best)->userId;
    const qint64 keys = users->model()->userAt(best)->keyCount.value_or(0);
    QVERIFY(keys > 0);
    users->selectUser(userId);
    QTRY_COMPARE(users->details()->userId(), userId);

    QTest::mouseClick(users->findChild<QPushButton *>(QStringLiteral("showUserKeys")), Qt::LeftButton);
    QCOMPARE(currentPage(), QStringLiteral("keysPage"));
    auto *keysPage = m_window->findChild<KeysPage *>();
    QTRY_COMPARE(qint64(keysPage->model()->rowCount()), keys);
    for (int row = 0; row < keysPage->model()->rowCount(); ++row)
        QCOMPARE(keysPage->model()->keyAt(row)->userId, userId);

    QTest::mouseClick(users->findChild<QPushButton *>(QStringLiteral("showUserUsage")), Qt::LeftButton);
    QCOMPARE(currentPage(), QStringLiteral("usagePage"));
    auto *usage = m_window->findChild<UsagePage *>();
    QTRY_VERIFY(usage->hasLoaded() && !usage->isLoading());
    QCOMPARE(usage->lastQuery().scope, ActivityQuery::Scope::User);
    QCOMPARE(usage->lastQuery().ids, QStringList{userId});
}

void TestMainWindowChrome::usageLoadingShowsInTheStatusBarAndEscCancelsIt() {
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    m_sim->addFault(*SimFault::parse(QStringLiteral("/user/daily/activity*=hang")));
    QVERIFY(m_window->showPage(QStringLiteral("usage")));
    auto *usage = m_window->findChild<UsagePage *>();
    usage->reload();
    QTRY_VERIFY(usage->isLoading());
    StatusProgress *progress = m_window->progress();
    QVERIFY(progress->isVisible());
    QVERIFY(progress->label().startsWith(QStringLiteral("Loading usage")));
    const QString usageTask = progress->label();
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QTRY_VERIFY(!usage->isLoading());
    // The Usage page's task is gone; the Overview's own load (it reads the same hanging route) may show
    // in its place until it ends, as every page's work now does.
    QTRY_VERIFY(!progress->isVisible() || progress->label() != usageTask);
}

// The Overview's loading is the page's work like any other: in the status bar, where Esc stops it.
void TestMainWindowChrome::overviewLoadingShowsInTheStatusBarAndEscCancelsIt() {
    m_sim->addFault(*SimFault::parse(QStringLiteral("/user/daily/activity*=hang")));
    QVERIFY(m_window->showPage(QStringLiteral("overview")));
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    auto *overview = m_window->findChild<OverviewPage *>();
    QTRY_VERIFY(overview->isLoading());
    QVERIFY(m_window->isPageBusy());
    StatusProgress *progress = m_window->progress();
    QVERIFY(progress->isVisible());
    QVERIFY2(progress->label().startsWith(QStringLiteral("Loading the overview")),
             qPrintable(progress->label()));
    QTest::keyClick(m_window.get(), Qt::Key_Escape);
    QTRY_VERIFY(!overview->isLoading());
    QVERIFY(!progress->isVisible());
    QVERIFY(!m_window->isPageBusy());
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("canceled")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_COMPARE(m_window->client()->inFlight(), 0);
}

void TestMainWindowChrome::ctrlFFocusesTheFilterOfEveryPageThatHasOne_data() {
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("filter"); // the objectName of what gets the focus; empty: the page has none
    QTest::newRow("overview") << QStringLiteral("overview") << QString();
    QTest::newRow("usage") << QStringLiteral("usage") << QStringLiteral("modelFilter");
    QTest::newRow("models") << QStringLiteral("models") << QStringLiteral("modelFilter");
    QTest::newRow("keys") << QStringLiteral("keys") << QStringLiteral("keyQuickFilter");
    QTest::newRow("roles") << QStringLiteral("roles") << QString();
    QTest::newRow("users") << QStringLiteral("users") << QStringLiteral("userFilter");
    QTest::newRow("teams") << QStringLiteral("teams") << QStringLiteral("teamFilter");
}

// Ctrl+F stays on the page shown and focuses its filter (with the text selected, to type over it).
void TestMainWindowChrome::ctrlFFocusesTheFilterOfEveryPageThatHasOne() {
    QFETCH(QString, page);
    QFETCH(QString, filter);
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->showPage(page));
    m_window->activateWindow();
    auto *navigation = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
    navigation->setFocus();
    QTRY_VERIFY(navigation->hasFocus());
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(currentPage(), page + u"Page");
    QWidget *focus = QApplication::focusWidget();
    if (filter.isEmpty()) {
        QCOMPARE(focus, navigation);
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("no filter")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        return;
    }
    QWidget *expected = m_window->page(page)->findChild<QWidget *>(filter);
    QVERIFY(expected);
    QVERIFY2(focus == expected || expected->isAncestorOf(focus),
             qPrintable(focus ? focus->objectName() : QStringLiteral("nothing")));
}

void TestMainWindowChrome::aModelOnTheOverviewOpensItsUsage() {
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->openSession(MainWindow::demoProfile(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(10000));
    QVERIFY(m_window->showPage(QStringLiteral("overview")));
    auto *overview = m_window->findChild<OverviewPage *>();
    QTRY_VERIFY_WITH_TIMEOUT(overview->hasLoaded(), 20000);
    const QString top = overview->report().items(UsageReport::Dimension::Model).constFirst().name;

    // The biggest model is the first slice of the donut: click the middle of its ring.
    auto *view = overview->findChild<QChartView *>(QStringLiteral("overviewModels"));
    QChart *chart = view->chart();
    auto *pie = qobject_cast<QPieSeries *>(chart->series().constFirst());
    QPieSlice *slice = pie->slices().constFirst();
    QCOMPARE(slice->label(), top);
    const QRectF plot = chart->plotArea();
    const double radius = std::min(plot.width(), plot.height()) / 2 * (pie->pieSize() + pie->holeSize()) / 2;
    const double angle = qDegreesToRadians(slice->startAngle() + slice->angleSpan() / 2);
    const QPointF inChart = plot.center() + QPointF(radius * std::sin(angle), -radius * std::cos(angle));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(chart->mapToScene(inChart)));

    QCOMPARE(currentPage(), QStringLiteral("usagePage"));
    auto *usage = m_window->findChild<UsagePage *>();
    QTRY_VERIFY_WITH_TIMEOUT(usage->hasLoaded() && !usage->isLoading(), 20000);
    QCOMPARE(usage->lastQuery().model, top);
    QCOMPARE(usage->lastQuery().ids, QStringList());
    QCOMPARE(usage->lastQuery().end, UsageRange::todayUtc());
    QCOMPARE(usage->lastQuery().start, UsageRange::todayUtc().addDays(1 - OverviewPage::kDays));
    const auto models = usage->report().items(UsageReport::Dimension::Model);
    QCOMPARE(models.size(), 1);
    QCOMPARE(models.first().name, top);
}

QTEST_MAIN(TestMainWindowChrome)
#include "tst_MainWindowChrome.moc"
