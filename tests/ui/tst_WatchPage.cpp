// The Watch page against the simulator, through a real WatchScheduler: alerts listed after a pass,
// acknowledged and snoozed (no longer counted by the tray), opened on the Usage page, a lease renewed
// from its alert, and rules saved for the connection.
#include "ui/watch/WatchPage.h"
#include "ui/watch/WatchTray.h"

#include "core/api/ProxyClient.h"
#include "core/format/Plurals.h"
#include "core/index/AlertStore.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"
#include "core/itemmodels/AlertTableModel.h"
#include "core/watch/WatchScheduler.h"
#include "sim/Simulator.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

class TestWatchPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(m_data.isValid());
        qputenv("XDG_DATA_HOME", m_data.path().toUtf8());
        QLocale::setDefault(QLocale::c());
        QVERIFY(plurals::installEnglish());
    }
    void init();
    void cleanup();
    void acknowledgedAndSnoozedAlertsNoLongerCount();
    void aSpikeOpensTheUsagePageOnItsKeyAndDay();
    void aLeaseIsRenewedFromItsAlert();
    void rulesAreSavedForTheConnection();

private:
    void pass();
    int rowOf(const QString &kind, const QString &subject) const;
    void select(int row);
    int active() const {
        return int(WatchTray::level(m_scheduler->states(), QDateTime::currentDateTimeUtc()));
    }

    QTemporaryDir m_data;
    std::unique_ptr<Simulator> m_sim;
    std::unique_ptr<ProxyClient> m_client;
    std::unique_ptr<WatchScheduler> m_scheduler;
    std::unique_ptr<WatchPage> m_page;
    QString m_scope;
    QTableView *m_table = nullptr;
};

void TestWatchPage::init() {
    SimOptions o;
    o.keys = 400;
    o.teams = 6;
    o.users = 30;
    m_sim = std::make_unique<Simulator>(o);
    QVERIFY(m_sim->listen());
    ClientConfig c;
    c.baseUrl = m_sim->url();
    c.timeoutMs = 5000;
    m_client = std::make_unique<ProxyClient>(c, m_sim->masterKey());
    m_scheduler = std::make_unique<WatchScheduler>();
    m_scope = QStringLiteral("watch-page-") + QUuid::createUuid().toString(QUuid::Id128);
    m_scheduler->setTarget({m_scope, QStringLiteral("Sim"), m_client.get()});
    m_page = std::make_unique<WatchPage>();
    m_page->setScheduler(m_scheduler.get());
    PageContext context;
    context.client = m_client.get();
    context.scope = m_scope;
    context.profileName = QStringLiteral("Sim");
    m_page->setContext(context);
    m_page->resize(1400, 700);
    m_page->show();
    m_table = m_page->findChild<QTableView *>(QStringLiteral("alertTable"));
    QVERIFY(m_table);
}

void TestWatchPage::cleanup() {
    m_page.reset();
    m_scheduler.reset();
    m_client.reset();
    m_sim.reset();
}

void TestWatchPage::pass() {
    QSignalSpy done(m_scheduler.get(), &WatchScheduler::passFinished);
    m_page->findChild<QPushButton *>(QStringLiteral("watchNowButton"))->click();
    QVERIFY(done.wait(60000));
    QVERIFY(!m_page->isBusy());
}

int TestWatchPage::rowOf(const QString &kind, const QString &subject) const {
    const QAbstractItemModel *m = m_table->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString identity = m->index(r, 0).data(AlertTableModel::IdentityRole).toString();
        if (identity.startsWith(kind + u':') && identity.endsWith(u':' + subject))
            return r;
    }
    return -1;
}

void TestWatchPage::select(int row) {
    QVERIFY(row >= 0);
    m_table->selectRow(row);
}

void TestWatchPage::acknowledgedAndSnoozedAlertsNoLongerCount() {
    // Health and expiry only: the database alert is the one critical alert, expiring keys are warnings.
    {
        KeyIndex index(IndexDatabase::pathForScope(m_scope));
        QVERIFY(index.open());
        WatchRules rules;
        rules.spikes = false;
        rules.budgets = false;
        QVERIFY(AlertStore(index).setRules(rules));
    }
    m_sim->injectExpiringLease();
    m_sim->setDatabaseDown(true);
    pass();
    QCOMPARE(active(), int(WatchTray::Level::Critical));
    const int row = rowOf(QStringLiteral("proxy_unhealthy"), QStringLiteral("database"));
    select(row);
    const auto state = [this](int r) {
        return m_table->model()->index(r, int(AlertTableModel::Column::State)).data().toString();
    };
    QCOMPARE(state(row), QStringLiteral("open"));
    m_page->findChild<QPushButton *>(QStringLiteral("acknowledgeButton"))->click();
    const int after = rowOf(QStringLiteral("proxy_unhealthy"), QStringLiteral("database"));
    QCOMPARE(state(after), QStringLiteral("acknowledged"));
    QCOMPARE(active(), int(WatchTray::Level::Warning)); // the tray no longer turns red for it

    // A warning snoozed for an hour: listed, not counted, until the hour is over.
    const QList<Alert> open =
        m_page->findChild<QTableView *>(QStringLiteral("alertTable"))->model()->rowCount() > 0
            ? m_scheduler->states().value(m_scope).open
            : QList<Alert>();
    int warning = -1;
    for (int r = 0; r < m_table->model()->rowCount(); ++r)
        if (state(r) == u"open")
            warning = r;
    select(warning);
    const QString identity =
        m_table->model()->index(warning, 0).data(AlertTableModel::IdentityRole).toString();
    m_page->snoozeSelected(1);
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    QVERIFY(index.open());
    for (const Alert &a : AlertStore(index).open()) {
        if (a.identity() != identity)
            continue;
        QVERIFY(!a.isActive(QDateTime::currentDateTimeUtc()));
        QVERIFY(a.isActive(QDateTime::currentDateTimeUtc().addSecs(3601)));
    }
    QVERIFY(open.size() > 1);
}

void TestWatchPage::aSpikeOpensTheUsagePageOnItsKeyAndDay() {
    const QString token = m_sim->injectSpike();
    pass();
    const int row = rowOf(QStringLiteral("spend_spike"), token);
    QVERIFY(row >= 0);
    select(row);
    QSignalSpy usage(m_page.get(), &WatchPage::usageRequested);
    m_page->findChild<QPushButton *>(QStringLiteral("openAlertButton"))->click();
    QCOMPARE(usage.size(), 1);
    QCOMPARE(usage.first().at(0).value<UsageReport::Dimension>(), UsageReport::Dimension::Key);
    QCOMPARE(usage.first().at(1).toString(), token);
    QCOMPARE(usage.first().at(3).toDate(), QDateTime::currentDateTimeUtc().date());
}

void TestWatchPage::aLeaseIsRenewedFromItsAlert() {
    const QString token = m_sim->injectExpiringLease();
    pass();
    const int row = rowOf(QStringLiteral("expiring"), token);
    select(row);
    auto *renew = m_page->findChild<QPushButton *>(QStringLiteral("renewLeaseButton"));
    QVERIFY(renew->isEnabled());
    QSignalSpy done(m_scheduler.get(), &WatchScheduler::passFinished);
    renew->click(); // renews, then watches again
    QVERIFY(done.wait(60000));
    QCOMPARE(rowOf(QStringLiteral("expiring"), token), -1);
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    QVERIFY(index.open());
    QCOMPARE(AlertStore(index).history(5).first().subject, token);
}

void TestWatchPage::rulesAreSavedForTheConnection() {
    auto *forecast = m_page->findChild<QSpinBox *>(QStringLiteral("forecastDays"));
    QCOMPARE(forecast->value(), 7);
    forecast->setValue(3);
    m_page->findChild<QPushButton *>(QStringLiteral("saveRulesButton"))->click();
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    QVERIFY(index.open());
    QCOMPARE(AlertStore(index).rules().forecastDays, 3);
    forecast->setValue(9);
    m_page->refresh(); // what is saved shows again
    QCOMPARE(forecast->value(), 3);
}

QTEST_MAIN(TestWatchPage)
#include "tst_WatchPage.moc"
