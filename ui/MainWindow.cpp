#include "MainWindow.h"

#include "ConnectDialog.h"
#include "ConnectionHeader.h"
#include "api/ProxyClient.h"
#include "connection/ProxyProbe.h"
#include "models/ModelCatalog.h"
#include "models/ModelsPage.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTime>
#include <QToolBar>

Q_LOGGING_CATEGORY(lcUi, "desk.ui")

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("LiteLLM Desk"));

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
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
    m_modelsPage = new ModelsPage(m_pages);
    m_pages->addWidget(m_modelsPage);
    auto *modelsItem =
        new QListWidgetItem(style()->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Models"));
    modelsItem->setToolTip(tr("Model deployments and their prices"));
    m_navigation->addItem(modelsItem);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
    connect(m_modelsPage, &ModelsPage::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message); });

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    buildToolBar();
    buildMenus();
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->showMessage(tr("Not connected"));
    resize(1100, 680);
}

MainWindow::~MainWindow() = default;

ProxyClient *MainWindow::client() const {
    return m_client;
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
    QAction *connectAction = file->addAction(tr("&Connect to Proxy…"), this, [this] { showConnectDialog(); });
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refresh);
    QAction *find = view->addAction(tr("&Filter Models"), this, [this] {
        m_navigation->setCurrentRow(m_pages->indexOf(m_modelsPage));
        m_modelsPage->focusFilter();
    });
    find->setObjectName(QStringLiteral("filterAction"));
    find->setShortcut(QKeySequence::Find);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About LiteLLM Desk"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::connectTo(const ClientConfig &config, const QString &key) {
    if (m_probe)
        m_probe->deleteLater();
    if (m_catalog)
        m_catalog->deleteLater();
    if (m_client) {
        m_client->cancelAll();
        m_client->deleteLater();
    }
    m_client = new ProxyClient(config, key, this);
    m_probe = new ProxyProbe(m_client, this);
    m_catalog = new ModelCatalog(m_client, this);
    connect(m_probe, &ProxyProbe::stepChanged, this,
            [this](const QString &step) { statusBar()->showMessage(step); });
    connect(m_probe, &ProxyProbe::finished, this, &MainWindow::onProbeFinished);
    connect(m_catalog, &ModelCatalog::loaded, this, [this] {
        m_modelsDone = true;
        checkSettled();
    });
    connect(m_catalog, &ModelCatalog::failed, this, [this] {
        m_modelsDone = true;
        checkSettled();
    });
    m_modelsPage->setCatalog(m_catalog);
    setWindowTitle(tr("%1 — LiteLLM Desk").arg(config.baseUrl.host()));
    m_refresh->setEnabled(true);
    qCInfo(lcUi) << "connecting to" << config.baseUrl.toDisplayString();
    refresh();
}

void MainWindow::refresh() {
    if (!m_client)
        return;
    m_probeDone = false;
    m_modelsDone = false;
    m_header->setConnecting(m_client->baseUrl());
    m_probe->start();
    m_catalog->load();
}

void MainWindow::onProbeFinished(const ProbeResult &result) {
    m_probeDone = true;
    m_probeError = result.error ? result.error->toString() : QString();
    m_header->setProbeResult(result);
    checkSettled();
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

void MainWindow::showConnectDialog(const QUrl &url) {
    auto *dialog = new ConnectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (url.isValid())
        dialog->setUrl(url);
    else if (m_client)
        dialog->setUrl(m_client->baseUrl());
    connect(dialog, &ConnectDialog::connectRequested, this, &MainWindow::connectTo);
    dialog->open();
}

void MainWindow::showAbout() {
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About LiteLLM Desk"),
                                tr("<h3>LiteLLM Desk %1</h3>"
                                   "<p>A desktop console for the people who run LiteLLM proxies.</p>"
                                   "<p>Built with Qt %2.</p>")
                                    .arg(QStringLiteral(DESK_VERSION), QString::fromLatin1(qVersion())),
                                QMessageBox::Close, this);
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
