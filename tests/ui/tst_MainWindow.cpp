#include "core/connection/ProfileStore.h"
#include "core/connection/SecretStore.h"
#include "core/itemmodels/ModelTableModel.h"
#include "sim/Simulator.h"
#include "ui/ConnectionHeader.h"
#include "ui/ErrorBanner.h"
#include "ui/MainWindow.h"
#include "ui/models/ModelsPage.h"

#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using Column = ModelTableModel::Column;

namespace {

constexpr int kTimeoutMs = 10000;

ClientConfig configFor(const QUrl &url) {
    ClientConfig config;
    config.baseUrl = url;
    config.timeoutMs = 5000;
    return config;
}

template <typename T> T *child(const QWidget &window, const char *name) {
    auto *w = window.findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no widget named %s", name);
    return w;
}

QStringList column(const QTableView *table, Column c) {
    QStringList out;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        out << table->model()->index(row, int(c)).data().toString();
    return out;
}

void clickHeader(QTableView *table, Column c) {
    QHeaderView *header = table->horizontalHeader();
    const int x = header->sectionViewportPosition(int(c)) + header->sectionSize(int(c)) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void overviewAndUsageComeFirst();
    void closingToTheTrayHidesTheWindowUntilAlertsAreAskedFor();
    void fillsTheModelTable();
    void headerShowsTheProxy();
    void filterBoxNarrowsRows_data();
    void filterBoxNarrowsRows();
    void ctrlFFocusesTheFilter();
    void clickingAHeaderSorts();
    void failedLoadShowsABannerAndRetryRecovers();
    void unreachableProxyShowsTheError();

private:
    void connectWindow();
    // The Models page's own widgets (other pages have error banners too).
    const QWidget &modelsPage() const { return *m_window->findChild<ModelsPage *>(); }

    QTemporaryDir m_dir;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MemorySecretStore> m_keychain;
    std::unique_ptr<MemorySecretStore> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    // The page each connection (by URL, so by port) showed last is remembered; a run starts from none, so
    // a port that an earlier run used does not open on that run's page.
    QSettings().remove(QStringLiteral("pages"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestMainWindow::init() {
    SimOptions options;
    options.litellmVersion = QStringLiteral("1.77.9");
    m_sim = std::make_unique<Simulator>(options);
    QVERIFY(m_sim->listen(0));
    QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
    m_profiles = std::make_unique<ProfileStore>(m_dir.filePath(QStringLiteral("settings.ini")));
    m_keychain = std::make_unique<MemorySecretStore>();
    m_session = std::make_unique<MemorySecretStore>();
    m_window = std::make_unique<MainWindow>(MainWindow::Services{
        m_profiles.get(), m_keychain.get(), m_session.get(), m_dir.filePath(QStringLiteral("roles.json"))});
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup() {
    m_window.reset();
    m_session.reset();
    m_keychain.reset();
    m_profiles.reset();
    m_sim.reset();
}

void TestMainWindow::connectWindow() {
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    m_window->connectTo(configFor(m_sim->url()), m_sim->masterKey());
    QVERIFY(settled.wait(kTimeoutMs));
}

void TestMainWindow::fillsTheModelTable() {
    connectWindow();
    auto *table = child<QTableView>(*m_window, "modelTable");
    const auto models = m_sim->data().models();
    QCOMPARE(table->model()->rowCount(), models.size());
    QStringList expected;
    for (const auto &m : models)
        expected << m.name;
    QStringList shown = column(table, Column::Name);
    expected.sort();
    shown.sort();
    QCOMPARE(shown, expected);
    QCOMPARE(child<QLabel>(*m_window, "modelCount")->text(), QStringLiteral("%1 models").arg(models.size()));
    QVERIFY(!child<ErrorBanner>(modelsPage(), "errorBanner")->isVisible());
}

void TestMainWindow::headerShowsTheProxy() {
    connectWindow();
    auto *header = child<ConnectionHeader>(*m_window, "connectionHeader");
    QCOMPARE(header->state(), ConnectionHeader::State::Connected);
    QCOMPARE(child<QLabel>(*m_window, "litellmVersion")->text(), QStringLiteral("LiteLLM 1.77.9"));
    QCOMPARE(child<QLabel>(*m_window, "databaseState")->text(), QStringLiteral("Database connected"));
    QCOMPARE(child<QLabel>(*m_window, "callerRole")->text(), QStringLiteral("Admin (All Permissions)"));
    QCOMPARE(child<QLabel>(*m_window, "proxyUrl")->text(), m_sim->url().toDisplayString());
}

void TestMainWindow::filterBoxNarrowsRows_data() {
    QTest::addColumn<QString>("typed");
    QTest::newRow("part of a name") << QStringLiteral("gpt");
    QTest::newRow("a provider") << QStringLiteral("anthropic");
    QTest::newRow("a mode") << QStringLiteral("embedding");
    QTest::newRow("no match") << QStringLiteral("no-such-model");
}

void TestMainWindow::filterBoxNarrowsRows() {
    QFETCH(QString, typed);
    connectWindow();
    auto *table = child<QTableView>(*m_window, "modelTable");
    int expected = 0;
    for (const auto &m : m_sim->data().models())
        if (m.name.contains(typed) || m.provider.contains(typed) || m.mode.contains(typed) ||
            m.litellmModel.contains(typed))
            ++expected;
    QVERIFY(expected < m_sim->data().models().size());
    QTest::keyClicks(child<QLineEdit>(*m_window, "modelFilter"), typed);
    QCOMPARE(table->model()->rowCount(), expected);
    for (const QString &name : column(table, Column::Name))
        QVERIFY(!name.isEmpty());
    QCOMPARE(child<QLabel>(*m_window, "modelCount")->text(),
             QStringLiteral("%1 of %2 models").arg(expected).arg(m_sim->data().models().size()));
}

void TestMainWindow::ctrlFFocusesTheFilter() {
    connectWindow();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QVERIFY(m_window->showPage(QStringLiteral("models"))); // Ctrl+F filters the page on screen
    child<QTableView>(*m_window, "modelTable")->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(child<QLineEdit>(*m_window, "modelFilter")->hasFocus());
}

void TestMainWindow::clickingAHeaderSorts() {
    connectWindow();
    auto *table = child<QTableView>(*m_window, "modelTable");
    const int price = int(Column::InputPrice);
    auto prices = [&] {
        QList<double> out;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QVariant v = table->model()->index(row, price).data(ModelTableModel::SortRole);
            if (v.isValid())
                out << v.toDouble();
        }
        return out;
    };
    clickHeader(table, Column::InputPrice);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), price);
    QList<double> ascending = prices();
    QVERIFY(ascending.size() > 2);
    QVERIFY(std::is_sorted(ascending.begin(), ascending.end()));
    clickHeader(table, Column::InputPrice);
    QList<double> descending = prices();
    QVERIFY(std::is_sorted(descending.rbegin(), descending.rend()));
    QVERIFY(descending.first() > descending.last());
}

void TestMainWindow::failedLoadShowsABannerAndRetryRecovers() {
    m_sim->addFault(*SimFault::parse(QStringLiteral("/v2/model/info=status:500")));
    QVERIFY(m_window->showPage(QStringLiteral("models"))); // Overview is the first page
    connectWindow();
    auto *banner = child<ErrorBanner>(modelsPage(), "errorBanner");
    QVERIFY(banner->isVisible());
    QVERIFY2(child<QLabel>(modelsPage(), "errorMessage")->text().contains(u"Simulated failure"),
             qPrintable(child<QLabel>(modelsPage(), "errorMessage")->text()));
    auto *detail = child<QLabel>(modelsPage(), "errorDetail");
    QVERIFY(!detail->isVisible());
    QTest::mouseClick(child<QWidget>(modelsPage(), "errorDetailsButton"), Qt::LeftButton);
    QVERIFY(detail->isVisible());
    QVERIFY2(detail->text().contains(u"500"), qPrintable(detail->text()));
    auto *table = child<QTableView>(*m_window, "modelTable");
    QCOMPARE(table->model()->rowCount(), 0);

    m_sim->clearFaults();
    QTest::mouseClick(child<QPushButton>(modelsPage(), "retryButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), m_sim->data().models().size(), kTimeoutMs);
    QVERIFY(!banner->isVisible());
}

void TestMainWindow::unreachableProxyShowsTheError() {
    QTcpServer closed; // a port nobody listens on once this is closed
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QSignalSpy settled(m_window.get(), &MainWindow::settled);
    QVERIFY(m_window->showPage(QStringLiteral("models"))); // Overview is the first page
    m_window->connectTo(configFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port))),
                        QStringLiteral("sk-x"));
    QVERIFY(settled.wait(kTimeoutMs));
    QCOMPARE(child<ConnectionHeader>(*m_window, "connectionHeader")->state(), ConnectionHeader::State::Error);
    QVERIFY(child<ErrorBanner>(modelsPage(), "errorBanner")->isVisible());
    QVERIFY(!child<QLabel>(modelsPage(), "errorMessage")->text().isEmpty());
}

// With a tray, closing the window hides it (watching goes on); a notification's click shows it again on
// the Watch page.
void TestMainWindow::closingToTheTrayHidesTheWindowUntilAlertsAreAskedFor() {
    connectWindow();
    m_window->setCloseToTray(true);
    QVERIFY(!m_window->close());
    QVERIFY(!m_window->isVisible());
    m_window->showAlerts(m_window->pageContext().scope);
    QVERIFY(m_window->isVisible());
    auto *pages = child<QStackedWidget>(*m_window, "pages");
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("watchPage"));
    // The page shown is remembered per connection (its URL): leave the first page remembered, so a later
    // test that gets the same port does not open on the Watch page.
    m_window->showPage(QStringLiteral("overview"));
    m_window->setCloseToTray(false);
    QVERIFY(m_window->close()); // without the tray, closing closes
}

void TestMainWindow::overviewAndUsageComeFirst() {
    auto *navigation = child<QListWidget>(*m_window, "navigation");
    QCOMPARE(navigation->item(0)->text(), QStringLiteral("Overview"));
    QCOMPARE(navigation->item(1)->text(), QStringLiteral("Usage"));
    auto *pages = child<QStackedWidget>(*m_window, "pages");
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("overviewPage"));
    QVERIFY(m_window->showPage(QStringLiteral("usage")));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("usagePage"));
    QCOMPARE(navigation->currentRow(), 1);
    QVERIFY(!m_window->showPage(QStringLiteral("nonsense")));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("usagePage"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
