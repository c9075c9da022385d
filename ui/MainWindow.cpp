#include "MainWindow.h"

#include "core/api/ErrorReason.h"
#include "core/api/ProxyClient.h"
#include "core/catalog/ModelCatalog.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/roles/RoleStore.h"
#include "ui/AboutDialog.h"
#include "ui/ConnectDialog.h"
#include "ui/ConnectionHeader.h"
#include "ui/KeyPrompt.h"
#include "ui/LayoutMemory.h"
#include "ui/Page.h"
#include "ui/PreferencesDialog.h"
#include "ui/ShortcutSheet.h"
#include "ui/StatusProgress.h"
#include "ui/connections/ConnectionsDialog.h"
#include "ui/keys/KeysPage.h"
#include "ui/models/ModelsPage.h"
#include "ui/overview/OverviewPage.h"
#include "ui/people/UsersPage.h"
#include "ui/roles/RolesPage.h"
#include "ui/teams/TeamsPage.h"
#include "ui/usage/UsagePage.h"
#include "ui/watch/WatchPage.h"
#include "ui/watch/WatchTargets.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcUi, "desk.ui")

namespace {

QIcon colourDot(const QString &colour) {
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(colour));
    painter.drawEllipse(QRectF(2, 2, 12, 12));
    return QIcon(pixmap);
}

QString profileLabel(const Profile &p) {
    return p.environment.isEmpty() ? p.name : QStringLiteral("%1 · %2").arg(p.name, p.environment);
}

template <typename T> Page *make(const std::shared_ptr<RoleStore> &, QWidget *parent) {
    return new T(parent);
}

template <typename T> Page *makeWithRoles(const std::shared_ptr<RoleStore> &roles, QWidget *parent) {
    return new T(roles, parent);
}

} // namespace

const QList<MainWindow::PageSpec> &MainWindow::pageSpecs() {
    // Overview (the first page) and Usage load when they are first shown on a connection.
    static const QList<PageSpec> specs{
        {"overview", QStyle::SP_DesktopIcon, QT_TR_NOOP("Overview"),
         QT_TR_NOOP("The last 30 days at a glance: spend, requests, tokens and keys at risk"),
         &make<OverviewPage>},
        {"usage", QStyle::SP_FileDialogInfoView, QT_TR_NOOP("Usage"),
         QT_TR_NOOP("Spend, tokens and requests by day, model, key, team and tag"), &make<UsagePage>},
        {"models", QStyle::SP_FileDialogDetailedView, QT_TR_NOOP("Models"),
         QT_TR_NOOP("Model deployments and their prices"), &make<ModelsPage>},
        {"keys", QStyle::SP_DirHomeIcon, QT_TR_NOOP("Keys"),
         QT_TR_NOOP("Virtual keys: spend, budgets, expiry and risks; edit, block, delete, export"),
         &make<KeysPage>},
        {"roles", QStyle::SP_FileDialogContentsView, QT_TR_NOOP("Roles"),
         QT_TR_NOOP("Key roles, issuing keys from them, and the leases of issued keys"),
         &makeWithRoles<RolesPage>},
        {"users", QStyle::SP_DirIcon, QT_TR_NOOP("Users"),
         QT_TR_NOOP("Internal users, their teams, spend and keys; provisioning new users"),
         &makeWithRoles<UsersPage>},
        {"teams", QStyle::SP_DirLinkIcon, QT_TR_NOOP("Teams"),
         QT_TR_NOOP("Teams, their members, keys, models and budgets; creating, blocking and deleting teams"),
         &make<TeamsPage>},
        {"watch", QStyle::SP_MessageBoxWarning, QT_TR_NOOP("Watch"),
         QT_TR_NOOP(
             "Alerts: spend spikes, budgets running out, keys and leases about to expire, proxy health"),
         &make<WatchPage>},
    };
    return specs;
}

QStringList MainWindow::pageNames() {
    QStringList names;
    for (const PageSpec &spec : pageSpecs())
        names << QString::fromLatin1(spec.name);
    return names;
}

MainWindow::MainWindow(const Services &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_roleStore(std::make_shared<RoleStore>(services.rolesFile.isEmpty() ? RoleStore::defaultPath()
                                                                           : services.rolesFile)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("LiteLLM Desk"));
    buildPages();
    buildToolBar();
    buildMenus();
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_progress = new StatusProgress(statusBar());
    statusBar()->addPermanentWidget(m_progress);
    auto *cancelWork = new QAction(tr("Cancel the work shown in the status bar"), this);
    cancelWork->setObjectName(QStringLiteral("cancelWorkAction"));
    cancelWork->setShortcut(QKeySequence(Qt::Key_Escape));
    cancelWork->setShortcutContext(Qt::WindowShortcut);
    cancelWork->setEnabled(false); // Esc is the page's own while nothing runs
    connect(cancelWork, &QAction::triggered, m_progress, &StatusProgress::cancel);
    connect(m_progress, &StatusProgress::activeChanged, cancelWork, &QAction::setEnabled);
    addAction(cancelWork);
    for (Page *page : std::as_const(m_pageList)) {
        connect(page, &Page::statusMessage, statusBar(),
                [this](const QString &m) { statusBar()->showMessage(m); });
        connect(page, &Page::workStarted, m_progress, [this, page](const QString &label) {
            m_progress->start(page, label, [page] { page->cancel(); });
        });
        connect(page, &Page::workProgress, m_progress,
                [this, page](qint64 done, qint64 total, const QString &label) {
                    m_progress->setProgress(page, done, total, label);
                });
        connect(page, &Page::workFinished, m_progress, [this, page] { m_progress->finish(page); });
    }
    statusBar()->showMessage(tr("Not connected"));
    if (m_services.profiles)
        connect(m_services.profiles, &ProfileStore::changed, this, &MainWindow::onProfilesChanged);
    rebuildSwitcher();
    updateGates();
    resize(1100, 680);
    m_layout = new LayoutMemory(this);
    if (services.rememberLayout) {
        m_layout->track(m_pages);
        m_layout->trackWindow(this);
    }
}

MainWindow::~MainWindow() {
    // What the connection says while it closes is for a whole window, not one half destroyed.
    if (m_connection)
        m_connection->disconnect(this);
}

KeyPrompt *MainWindow::keyPrompt() const {
    return m_keyPrompt;
}

ProxyClient *MainWindow::client() const {
    return m_connection ? m_connection->client() : nullptr;
}

void MainWindow::buildPages() {
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(180);
    m_navigation->setIconSize(QSize(20, 20));
    m_navigation->setSpacing(2);
    m_navigation->setStyleSheet(QStringLiteral(
        "#navigation { background: palette(window); border-right: 1px solid palette(mid); padding: 8px 6px;"
        " outline: 0; }"
        "#navigation::item { padding: 7px 8px; border-radius: 4px; }"
        "#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    for (const PageSpec &spec : pageSpecs())
        addPage(spec);
    linkPages();

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::rememberPage);
    m_navigation->setCurrentRow(0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

void MainWindow::addPage(const PageSpec &spec) {
    Page *page = spec.make(m_roleStore, m_pages);
    page->setObjectName(QString::fromLatin1(spec.name) + u"Page");
    page->setWindowTitle(tr(spec.title)); // names the page's own shortcuts in the shortcut sheet
    m_pages->addWidget(page);
    m_pageList << page;
    auto *item = new QListWidgetItem(style()->standardIcon(spec.icon), tr(spec.title));
    item->setToolTip(tr(spec.tip));
    m_navigation->addItem(item);
    connect(this, &MainWindow::pageContextChanged, page, &Page::setContext);
}

// The ways one page opens another.
void MainWindow::linkPages() {
    auto *usage = page<UsagePage>();
    auto *keys = page<KeysPage>();
    connect(page<OverviewPage>(), &OverviewPage::usageRequested, this,
            [this, usage](UsageReport::Dimension dimension, const QString &id, const QString &label) {
                usage->showItem(
                    dimension, id, label,
                    UsageRange::fromPreset(UsageRange::Preset::Last30Days, UsageRange::todayUtc()));
                showPage(QStringLiteral("usage"));
            });
    connect(page<OverviewPage>(), &OverviewPage::keysRequested, this,
            [this, keys](const QList<KeyRisk> &risks, bool recentlyUsed) {
                showPage(QStringLiteral("keys"));
                keys->showRisks(risks, recentlyUsed);
            });
    auto *users = page<UsersPage>();
    connect(users, &UsersPage::showKeysRequested, this, [this, keys](const QString &userId) {
        showPage(QStringLiteral("keys"));
        keys->showUser(userId);
    });
    connect(users, &UsersPage::showUsageRequested, this, [this, usage](const QString &userId) {
        showPage(QStringLiteral("usage"));
        usage->showScope(ActivityQuery::Scope::User, userId);
    });
    connect(page<TeamsPage>(), &TeamsPage::showKeysRequested, this, [this, keys](const QString &teamId) {
        showPage(QStringLiteral("keys"));
        keys->showTeam(teamId);
    });
    connect(page<TeamsPage>(), &TeamsPage::showUsageRequested, this, [this, usage](const QString &teamId) {
        showPage(QStringLiteral("usage"));
        usage->showScope(ActivityQuery::Scope::Team, teamId);
    });
    auto *watch = page<WatchPage>();
    watch->setScheduler(m_services.watcher);
    connect(
        watch, &WatchPage::usageRequested, this,
        [this, usage](UsageReport::Dimension dimension, const QString &id, const QString &label, QDate day) {
            const QDate today = UsageRange::todayUtc();
            // The alert's day and the baseline before it, so the spike stands out.
            UsageRange range = UsageRange::fromPreset(UsageRange::Preset::Last30Days, today);
            if (day.isValid())
                range = UsageRange::fromPreset(UsageRange::Preset::Custom, today, day.addDays(-14), day);
            usage->showItem(dimension, id, label, range);
            showPage(QStringLiteral("usage"));
        });
    connect(watch, &WatchPage::scopeUsageRequested, this,
            [this, usage](ActivityQuery::Scope scope, const QString &id) {
                showPage(QStringLiteral("usage"));
                usage->showScope(scope, id);
            });
    connect(watch, &WatchPage::keyRequested, this, [this, keys](const QString &token) {
        showPage(QStringLiteral("keys"));
        keys->showKey(token);
    });
}

void MainWindow::focusFilter() {
    Page *page = currentPage();
    if (page && !page->focusFilter())
        statusBar()->showMessage(tr("The %1 page has no filter.").arg(m_navigation->currentItem()->text()));
}

void MainWindow::buildToolBar() {
    auto *bar = addToolBar(tr("Connection"));
    bar->setObjectName(QStringLiteral("connectionToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->toggleViewAction()->setEnabled(false);
    m_header = new ConnectionHeader(bar);
    bar->addWidget(m_header);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    m_switchMenu = new QMenu(this);
    m_switchMenu->setObjectName(QStringLiteral("profileMenu"));
    m_switcher = new QToolButton(bar);
    m_switcher->setObjectName(QStringLiteral("profileSwitcher"));
    m_switcher->setText(tr("Switch"));
    m_switcher->setIcon(style()->standardIcon(QStyle::SP_ArrowRight));
    m_switcher->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_switcher->setToolTip(tr("Switch to another saved connection (Ctrl+Shift+P)"));
    m_switcher->setMenu(m_switchMenu);
    m_switcher->setPopupMode(QToolButton::InstantPopup);
    bar->addWidget(m_switcher);

    m_refresh = new QAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshAction"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(tr("Reload everything from the proxy (F5)"));
    m_refresh->setEnabled(false);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    bar->addAction(m_refresh);
}

void MainWindow::buildMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connections = file->addAction(tr("&Connections…"), this, &MainWindow::showConnections);
    connections->setObjectName(QStringLiteral("connectionsAction"));
    connections->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction *switchProfile = file->addAction(tr("S&witch Connection"), this, &MainWindow::popUpSwitcher);
    switchProfile->setObjectName(QStringLiteral("switchProfileAction"));
    switchProfile->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *connectUrl = file->addAction(tr("Connect to &URL…"), this, [this] { showConnectDialog(); });
    connectUrl->setObjectName(QStringLiteral("connectAction"));
    connectUrl->setToolTip(
        tr("Connect once without saving a connection; the key is kept for this session only"));
    m_logout = file->addAction(tr("&Log Out"), this, &MainWindow::logout);
    m_logout->setObjectName(QStringLiteral("logoutAction"));
    m_logout->setToolTip(tr("Wipe the key from memory and disconnect; a key in the keychain stays there"));
    m_logout->setEnabled(false);
    file->addSeparator();
    QAction *preferences = file->addAction(tr("&Preferences…"), this, [this] {
        auto *dialog = new PreferencesDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    preferences->setObjectName(QStringLiteral("preferencesAction"));
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::quit);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refresh);
    QAction *find = view->addAction(tr("&Filter"), this, &MainWindow::focusFilter);
    find->setObjectName(QStringLiteral("filterAction"));
    find->setShortcut(QKeySequence::Find);

    QMenu *keys = menuBar()->addMenu(tr("&Keys"));
    m_issueKey = keys->addAction(tr("&Issue Key from Role…"), this, [this] {
        showPage(QStringLiteral("roles"));
        page<RolesPage>()->openIssueDialog();
    });
    m_issueKey->setObjectName(QStringLiteral("issueKeyAction"));
    m_issueKey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_issueKey->setToolTip(tr("Issue a key from a role (with no roles yet, create one first)"));
    gateAction(m_issueKey, RoleGate::Action::IssueKey);

    QMenu *users = menuBar()->addMenu(tr("&Users"));
    m_newUser = users->addAction(tr("&New User…"), this, [this] {
        showPage(QStringLiteral("users"));
        page<UsersPage>()->openNewUserDialog();
    });
    m_newUser->setObjectName(QStringLiteral("newUserAction"));
    m_newUser->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_newUser->setToolTip(tr("Create an internal user from the defaults and a role"));
    gateAction(m_newUser, RoleGate::Action::ManageUsers);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < m_navigation->count(); ++i) {
        QAction *page = go->addAction(m_navigation->item(i)->icon(), m_navigation->item(i)->text(), this,
                                      [this, i] { m_navigation->setCurrentRow(i); });
        page->setObjectName(QStringLiteral("goAction_%1").arg(m_pages->widget(i)->objectName()));
        if (i < 9)
            page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        m_navigation->item(i)->setToolTip(QStringLiteral("%1 (%2)").arg(
            m_navigation->item(i)->toolTip(), page->shortcut().toString(QKeySequence::NativeText)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcuts({QKeySequence::HelpContents, QKeySequence(Qt::Key_Question)});
    help->addSeparator();
    QAction *about = help->addAction(tr("&About LiteLLM Desk"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

Profile MainWindow::demoProfile(const QUrl &url) {
    Profile p;
    p.id = QStringLiteral("demo");
    p.name = tr("Demo");
    p.environment = QStringLiteral("simulator");
    p.color = QStringLiteral("#6a1b9a");
    p.baseUrl = url;
    return p;
}

Profile MainWindow::urlProfile(const ClientConfig &config) {
    Profile p;
    p.id = config.baseUrl.toString();
    p.name = config.baseUrl.port() > 0
                 ? QStringLiteral("%1:%2").arg(config.baseUrl.host()).arg(config.baseUrl.port())
                 : config.baseUrl.host();
    p.color = QStringLiteral("#546e7a");
    p.baseUrl = config.baseUrl;
    p.authStyle = config.authStyle;
    p.caFile = config.caFile;
    p.pinnedSha256 = config.pinnedSha256;
    p.timeoutSeconds = std::max(1, config.timeoutMs / 1000);
    return p;
}

bool MainWindow::openProfile(const QString &profileId) {
    const auto profile = m_services.profiles ? m_services.profiles->byId(profileId) : std::nullopt;
    if (!profile)
        return false;
    m_services.profiles->setLastUsedId(profile->id);
    openConnection(*profile, true);
    m_connection->open();
    return true;
}

bool MainWindow::reopenLastProfile() {
    if (!m_services.profiles)
        return false;
    const QString id = m_services.profiles->lastUsedId();
    return !id.isEmpty() && openProfile(id);
}

void MainWindow::openSession(const Profile &profile, const QString &key) {
    openConnection(profile, false);
    if (key.trimmed().isEmpty())
        m_connection->open(); // the key typed earlier in this run, or the prompt
    else
        m_connection->provideKey(key, Connection::KeyStorage::SessionOnly);
}

void MainWindow::connectTo(const ClientConfig &config, const QString &key) {
    openSession(urlProfile(config), key);
}

void MainWindow::openConnection(const Profile &profile, bool saved) {
    closeConnection();
    m_saved = saved;
    m_wrongKey = false;
    m_connection = new Connection(profile, saved ? m_services.keychain : nullptr, m_services.session, this);
    connect(m_connection, &Connection::stateChanged, this, &MainWindow::onStateChanged);
    connect(m_connection, &Connection::connected, this, &MainWindow::onConnected);
    connect(m_connection, &Connection::failed, this, &MainWindow::onFailed);
    connect(m_connection, &Connection::keyNeeded, this, &MainWindow::onKeyNeeded);
    connect(m_connection, &Connection::progress, this,
            [this](const QString &step) { statusBar()->showMessage(step); });
    m_header->setProfile(profile);
    m_header->setDisconnected(tr("Opening…"));
    setWindowTitle(tr("%1 — LiteLLM Desk").arg(profile.name));
    restorePage(profile.id);
    m_context = {};
    m_context.scope = profile.id;
    m_context.profileName = profile.name;
    m_refresh->setEnabled(true);
    m_logout->setEnabled(true);
    rebuildSwitcher();
    publishContext();
    // After the pages have let go of the old client: a restored sort order does not reload its data.
    m_layout->setProfile(profile.id);
    qCInfo(lcUi) << "opening" << profile.name << profile.baseUrl.toDisplayString()
                 << (saved ? "(saved)" : "(session)");
}

void MainWindow::closeConnection() {
    if (m_keyPrompt)
        m_keyPrompt->close();
    if (!m_connection)
        return;
    Connection *old = std::exchange(m_connection, nullptr);
    old->disconnect(this);
    resetCatalog();
    // Deleting it wipes its copy of the key and cancels its requests. A session-only key stays in the
    // session store, so switching back does not ask again.
    old->deleteLater();
    m_probeDone = m_modelsDone = false;
}

void MainWindow::resetCatalog() {
    if (m_catalog) {
        m_catalog->cancel();
        m_catalog->deleteLater();
    }
    m_catalog = nullptr;
    m_catalogClient = nullptr;
    m_context.modelNames.clear();
    m_context.deployments.clear();
    m_context.catalog = nullptr;
}

void MainWindow::onStateChanged(Connection::State state) {
    ProxyClient *current = client();
    if (current != m_catalogClient.data()) {
        resetCatalog();
        if (current) {
            m_catalogClient = current;
            m_catalog = new ModelCatalog(current, current); // goes with its client
            m_context.catalog = m_catalog;
            connect(m_catalog, &ModelCatalog::loaded, this, [this](const QList<ModelInfo> &models) {
                m_context.modelNames.clear();
                m_context.deployments = ModelCatalog::deploymentNames(models);
                for (const ModelInfo &m : models)
                    if (!m.modelName.isEmpty() && !m_context.modelNames.contains(m.modelName))
                        m_context.modelNames << m.modelName;
                m_modelsDone = true;
                publishContext();
                checkSettled();
            });
            connect(m_catalog, &ModelCatalog::failed, this, [this] {
                m_modelsDone = true;
                checkSettled();
            });
        }
        publishContext();
    }
    switch (state) {
    case Connection::State::Connecting:
        m_probeDone = m_modelsDone = false;
        m_probeError.clear();
        m_header->setConnecting(m_connection->profile().baseUrl);
        if (m_catalog)
            m_catalog->load();
        break;
    case Connection::State::ReadingKey:
        m_header->setDisconnected(tr("Reading the key…"));
        break;
    case Connection::State::SavingKey:
        m_header->setDisconnected(tr("The proxy accepted the key; saving it in the keychain…"));
        break;
    case Connection::State::Idle:
    case Connection::State::NeedsKey:
    case Connection::State::Connected:
    case Connection::State::Failed:
        break;
    }
    if (state != Connection::State::Connected && m_context.client) {
        m_context.client = nullptr;
        m_context.caller = {};
        m_context.callerKnown = false;
        publishContext();
    }
}

void MainWindow::onConnected(const ProbeResult &result) {
    m_probeDone = true;
    m_wrongKey = false;
    m_header->setProbeResult(result);
    m_context.client = client();
    m_context.caller = result.caller;
    m_context.callerKnown = result.callerKnown;
    publishContext();
    qCInfo(lcUi) << "connected to" << m_connection->profile().name << "as" << result.caller.role;
    checkSettled();
}

void MainWindow::onFailed(const ApiError &error) {
    m_probeDone = true;
    m_probeError = error.toString();
    m_wrongKey = errorReason(error) == ErrorReason::Unauthenticated;
    m_header->setProbeResult(m_connection->probe());
    qCInfo(lcUi) << "connection to" << m_connection->profile().name << "failed:" << error.toString();
    checkSettled();
}

void MainWindow::onKeyNeeded(const SecretError &reason) {
    const Profile &profile = m_connection->profile();
    const bool wrongKey = std::exchange(m_wrongKey, false);
    if (!wrongKey)
        m_header->setDisconnected(tr("Key needed"));
    const bool keychainUsable = m_connection->canStoreKeyInKeychain(reason, wrongKey);
    const QString detail = reason.kind == SecretError::Kind::NotFound ? QString() : reason.hint;
    if (m_keyPrompt)
        m_keyPrompt->close();
    m_keyPrompt =
        new KeyPrompt(profile, KeyPrompt::reasonFor(reason, wrongKey, m_saved), keychainUsable, detail, this);
    m_keyPrompt->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<Connection> connection = m_connection;
    connect(m_keyPrompt, &KeyPrompt::keyEntered, this,
            [connection](const QString &key, Connection::KeyStorage storage) {
                if (connection)
                    connection->provideKey(key, storage);
            });
    connect(m_keyPrompt, &QDialog::rejected, this, [this, connection] {
        if (connection != m_connection)
            return;
        m_header->setDisconnected(tr("No key"));
        statusBar()->showMessage(tr("Not connected to %1: no key was given. Press F5 to try again.")
                                     .arg(connection->profile().name));
    });
    statusBar()->showMessage(KeyPrompt::explain(m_keyPrompt->reason(), profile.name));
    m_keyPrompt->open();
}

void MainWindow::logout() {
    if (!m_connection)
        return;
    if (m_keyPrompt)
        m_keyPrompt->close();
    m_connection->logout(); // Idle: the client and its catalog go
    m_probeDone = m_modelsDone = false;
    m_header->setDisconnected(tr("Logged out"));
    statusBar()->showMessage(tr("Logged out of %1. The key was wiped from memory; press F5 to connect again.")
                                 .arg(m_connection->profile().name));
    qCInfo(lcUi) << "logged out of" << m_connection->profile().name;
}

void MainWindow::refresh() {
    if (!m_connection) {
        showConnections();
        return;
    }
    switch (m_connection->state()) {
    case Connection::State::Connected:
    case Connection::State::Failed:
        m_connection->reconnect();
        break;
    case Connection::State::Idle:
    case Connection::State::NeedsKey:
        m_connection->open();
        break;
    case Connection::State::ReadingKey:
    case Connection::State::Connecting:
    case Connection::State::SavingKey:
        break;
    }
}

bool MainWindow::showPage(const QString &name) {
    for (int i = 0; i < m_pages->count(); ++i) {
        if (m_pages->widget(i)->objectName() == name + u"Page") {
            m_navigation->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

Page *MainWindow::page(const QString &name) const {
    for (Page *p : m_pageList)
        if (p->objectName() == name + u"Page")
            return p;
    return nullptr;
}

Page *MainWindow::currentPage() const {
    return qobject_cast<Page *>(m_pages->currentWidget());
}

bool MainWindow::isPageBusy() const {
    const Page *p = currentPage();
    return p && p->isBusy();
}

void MainWindow::showConnections() {
    auto *dialog = new ConnectionsDialog(m_services.profiles, m_services.keychain, m_services.session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_connection && m_saved)
        dialog->selectProfile(m_connection->profile().id);
    connect(dialog, &ConnectionsDialog::connectRequested, this,
            [this](const QString &id) { openProfile(id); });
    dialog->open();
}

void MainWindow::showConnectDialog(const QUrl &url) {
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (url.isValid())
        dialog->setUrl(url);
    connect(dialog, &ConnectDialog::connectRequested, this, &MainWindow::connectTo);
    dialog->open();
}

void MainWindow::onProfilesChanged() {
    if (m_connection && m_saved) {
        const auto current = m_services.profiles->byId(m_connection->profile().id);
        if (!current) {
            qCInfo(lcUi) << "the open connection's profile was removed";
            closeConnection();
            m_header->clearProfile();
            m_header->setDisconnected();
            m_refresh->setEnabled(false);
            m_logout->setEnabled(false);
            setWindowTitle(tr("LiteLLM Desk"));
            m_context = {};
            publishContext();
            statusBar()->showMessage(tr("Not connected"));
        } else {
            m_header->setProfile(*current);
        }
    }
    rebuildSwitcher();
}

void MainWindow::rebuildSwitcher() {
    m_switchMenu->clear();
    qDeleteAll(m_switchMenu->findChildren<QActionGroup *>(Qt::FindDirectChildrenOnly));
    auto *group = new QActionGroup(m_switchMenu);
    const QString currentId = m_connection ? m_connection->profile().id : QString();
    if (m_connection && !m_saved) {
        QAction *a = m_switchMenu->addAction(colourDot(m_connection->profile().color),
                                             profileLabel(m_connection->profile()));
        a->setCheckable(true);
        a->setChecked(true);
        a->setEnabled(false);
        m_switchMenu->addSeparator();
    }
    const QList<Profile> profiles = m_services.profiles ? m_services.profiles->profiles() : QList<Profile>{};
    for (const Profile &p : profiles) {
        QAction *a = m_switchMenu->addAction(colourDot(p.color), profileLabel(p));
        a->setData(p.id);
        a->setCheckable(true);
        a->setChecked(m_saved && p.id == currentId);
        a->setToolTip(p.baseUrl.toDisplayString());
        group->addAction(a);
        const QString id = p.id;
        connect(a, &QAction::triggered, this, [this, id] { openProfile(id); });
    }
    if (profiles.isEmpty())
        m_switchMenu->addAction(tr("No saved connections"))->setEnabled(false);
    m_switchMenu->addSeparator();
    m_switchMenu->addAction(tr("Manage Connections…"), this, &MainWindow::showConnections);
}

void MainWindow::popUpSwitcher() {
    // popup() returns at once: no nested event loop.
    m_switchMenu->popup(m_switcher->mapToGlobal(QPoint(0, m_switcher->height())));
}

void MainWindow::gateAction(QAction *action, RoleGate::Action what) {
    m_gates.append({action, what, action->toolTip()});
    updateGates();
}

void MainWindow::updateGates() {
    for (const Gate &gate : std::as_const(m_gates)) {
        if (!gate.action)
            continue;
        QString why;
        if (!m_context.isConnected())
            why = tr("Connect to a proxy first.");
        else
            why = RoleGate::whyNot(m_context.caller, gate.what);
        gate.action->setEnabled(why.isEmpty());
        gate.action->setToolTip(why.isEmpty() ? gate.toolTip : why);
        gate.action->setStatusTip(why);
    }
}

void MainWindow::publishContext() {
    updateGates();
    // An unsaved connection (--demo, --url) is watched through this window's client; saved ones have
    // clients of their own (WatchTargets).
    if (m_services.watchTargets && m_context.client && !m_saved)
        m_services.watchTargets->watchSession(m_context.scope, m_context.profileName, m_context.client);
    emit pageContextChanged(m_context);
    // Every page has cleared or reloaded what it showed; paint the whole window again at once, so no part
    // of a large (maximized) window keeps showing the connection before until something else repaints.
    if (centralWidget())
        centralWidget()->update();
}

void MainWindow::checkSettled() {
    if (!isSettled())
        return;
    if (m_probeError.isEmpty() && m_catalog && m_catalog->hasLoaded() && !m_catalog->isLoading())
        statusBar()->showMessage(tr("Up to date · %1 models · loaded at %2")
                                     .arg(m_catalog->models().size())
                                     .arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    else if (!m_probeError.isEmpty())
        statusBar()->showMessage(tr("Connection failed: %1").arg(m_probeError));
    emit settled();
}

void MainWindow::closeEvent(QCloseEvent *event) {
    auto *roles = page<RolesPage>();
    if (m_closeConfirmed || !roles->hasUnsavedChanges()) {
        m_layout->save();
        if (m_closeToTray && !m_quitting) {
            // Watching goes on; the tray's Show brings the window back.
            event->ignore();
            hide();
            return;
        }
        QMainWindow::closeEvent(event);
        if (m_quitting && event->isAccepted())
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return;
    }
    event->ignore();
    showPage(QStringLiteral("roles"));
    roles->confirmLeave([this] {
        m_closeConfirmed = true;
        close();
    });
}

void MainWindow::quit() {
    m_quitting = true;
    if (!close() && !isVisible())
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
}

void MainWindow::showAlerts(const QString &scope) {
    show();
    raise();
    activateWindow();
    if (scope != m_context.scope && m_services.profiles && m_services.profiles->byId(scope))
        openProfile(scope);
    showPage(QStringLiteral("watch"));
}

void MainWindow::showAbout() {
    QString proxy, version;
    if (m_connection) {
        proxy = m_connection->profile().name;
        version = m_connection->probe().readiness.litellmVersion;
    }
    auto *dialog = new AboutDialog(proxy, version, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showShortcuts() {
    // Keys that are no action or shortcut of the window's own; everything else is read from the window.
    const QList<QPair<QString, QString>> extra{
        {tr("Copy the selected table rows"), ShortcutSheet::keyText(QKeySequence::Copy)},
        {tr("Move between controls"), tr("Tab, Shift+Tab")},
        {tr("Open the menus"), tr("Alt+underlined letter")},
    };
    auto *sheet = new ShortcutSheet(this, extra, this);
    sheet->setAttribute(Qt::WA_DeleteOnClose);
    sheet->open();
}

void MainWindow::rememberPage(int index) {
    if (m_connection && index >= 0)
        QSettings().setValue(QStringLiteral("pages/%1/lastPage").arg(m_connection->profile().id),
                             m_pages->widget(index)->objectName());
}

void MainWindow::restorePage(const QString &profileId) {
    const QString page = QSettings().value(QStringLiteral("pages/%1/lastPage").arg(profileId)).toString();
    if (page.endsWith(u"Page"))
        showPage(page.chopped(4));
}
