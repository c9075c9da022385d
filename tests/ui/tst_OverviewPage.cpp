// The overview against a simulator: the tiles carry the simulator's own totals for the last 30 days, and
// the key counts say how many keys were checked.
#include "core/format/Money.h"
#include "ui/overview/OverviewPage.h"
#include "ui/overview/Sparkline.h"
#include "ui/overview/StatTile.h"

#include "core/api/ProxyClient.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/UsageTableModel.h"
#include "core/keys/KeyRisk.h"
#include "core/usage/UsageRange.h"
#include "sim/SimActivity.h"
#include "sim/Simulator.h"
#include "ui/ErrorBanner.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QLocale>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <memory>

class TestOverviewPage : public QObject {
    Q_OBJECT
private:
    // A simulator and a client of it.
    struct Proxy {
        explicit Proxy(const SimOptions &options = {})
            : sim(options) {
            if (!sim.listen())
                qFatal("the simulator could not listen");
            ClientConfig c;
            c.baseUrl = sim.url();
            client = std::make_unique<ProxyClient>(c, sim.masterKey());
        }
        PageContext context() const {
            PageContext c;
            c.client = client.get();
            c.scope = QStringLiteral("overview-test");
            return c;
        }
        Simulator sim;
        std::unique_ptr<ProxyClient> client;
    };

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // With a synced key index the key tiles count every key exactly, and each opens the Keys page
    // filtered to those keys.
    void keyTilesCountExactlyFromTheIndex() {
        SimOptions o;
        o.keys = 5000; // ten times a sample
        Proxy proxy(o);
        PageContext context = proxy.context();
        context.scope = QStringLiteral("overview-index-test");
        const QString path = IndexDatabase::pathForScope(context.scope);
        QFile::remove(path);
        {
            KeyIndex index(path);
            QVERIFY(index.open());
            KeyIndexSync sync(*proxy.client, index);
            QSignalSpy done(&sync, &KeyIndexSync::finished);
            sync.start();
            QVERIFY(done.wait(60000));
            QVERIFY(sync.report().ok);
        }
        OverviewPage page;
        page.resize(1100, 700);
        page.setContext(context);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 30000);

        const QDateTime now = QDateTime::currentDateTimeUtc();
        int risky = 0, expiring = 0, unrestricted = 0, used = 0;
        const SimKeyStore &store = proxy.sim.data().keys();
        for (qint64 i = 0; i < store.size(); ++i) {
            if (!store.isLive(i))
                continue;
            const KeyRecord k = keyRecordFromJson(store.key(i).toJson(true));
            const QList<KeyRisk> risks = keyrisk::risks(k, now);
            used += keyrisk::isRecentlyUsed(k, now);
            risky += risks.contains(KeyRisk::OverBudget) || risks.contains(KeyRisk::NearBudget);
            expiring += risks.contains(KeyRisk::ExpiresSoon);
            unrestricted += risks.contains(KeyRisk::Unrestricted);
        }
        QVERIFY(risky > 0 && expiring > 0 && unrestricted > 0 && used > 0);
        // Active keys: used in the last 30 days by each key's last use, not the keys with usage rows.
        QCOMPARE(page.tile(QStringLiteral("active_keys"))->value(), QLocale().toString(used));
        QVERIFY(
            page.tile(QStringLiteral("active_keys"))->caption().startsWith(u"used in the last 30 days"_qs));
        QCOMPARE(page.tile(QStringLiteral("budget_keys"))->value(), QLocale().toString(risky));
        QCOMPARE(page.tile(QStringLiteral("expiring_keys"))->value(), QLocale().toString(expiring));
        QCOMPARE(page.tile(QStringLiteral("unrestricted_keys"))->value(), QLocale().toString(unrestricted));
        QVERIFY2(
            page.tile(QStringLiteral("budget_keys"))->caption().contains(u"of all 5,000 keys in the index"),
            qPrintable(page.tile(QStringLiteral("budget_keys"))->caption()));

        QSignalSpy opened(&page, &OverviewPage::keysRequested);
        const QList<std::pair<QString, QList<KeyRisk>>> links{
            {QStringLiteral("budget_keys"), {KeyRisk::OverBudget, KeyRisk::NearBudget}},
            {QStringLiteral("expiring_keys"), {KeyRisk::ExpiresSoon}},
            {QStringLiteral("unrestricted_keys"), {KeyRisk::Unrestricted}}};
        for (const auto &[name, risks] : links) {
            StatTile *tile = page.tile(name);
            QVERIFY(tile->isLink());
            QTest::mouseClick(tile, Qt::LeftButton);
            QCOMPARE(opened.size(), 1);
            const QList<QVariant> args = opened.takeFirst();
            QCOMPARE(args.at(0).value<QList<KeyRisk>>(), risks);
            QCOMPARE(args.at(1).toBool(), false);
        }
        QVERIFY(page.tile(QStringLiteral("active_keys"))->isLink());
        QTest::mouseClick(page.tile(QStringLiteral("active_keys")), Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(0).value<QList<KeyRisk>>(), QList<KeyRisk>());
        QCOMPARE(opened.first().at(1).toBool(), true);
        // Usage tiles are not links.
        QVERIFY(!page.tile(QStringLiteral("spend"))->isLink());

        // A proxy that reports no key's last use (older LiteLLM): the tile counts keys with usage rows.
        {
            KeyIndex index(path);
            QVERIFY(index.open());
            QSqlQuery q(index.database().db());
            QVERIFY(q.exec(QStringLiteral("UPDATE keys SET last_active = NULL")));
        }
        page.reload();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 30000);
        QCOMPARE(page.tile(QStringLiteral("active_keys"))->value(),
                 QLocale().toString(qint64(page.report().table(UsageReport::Dimension::Key).size())));
        QVERIFY(page.tile(QStringLiteral("active_keys"))->caption().startsWith(u"keys with usage"_qs));
        QVERIFY(!page.tile(QStringLiteral("active_keys"))->isLink());
        QVERIFY(page.tile(QStringLiteral("budget_keys"))->isLink()); // the others still count from the index
        QFile::remove(path);
    }

    void tilesShowTheSimulatorsTotals() {
        SimOptions o;
        o.keys = 180; // fewer than a sample: every key is checked
        Proxy proxy(o);

        OverviewPage page;
        page.resize(1100, 700);
        page.setContext(proxy.context());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);

        SimActivityQuery q;
        q.end = UsageRange::todayUtc();
        q.start = q.end.addDays(1 - OverviewPage::kDays);
        double spend = 0;
        qint64 requests = 0, failed = 0, tokens = 0;
        QSet<qint64> keys;
        for (const SimActivityRow &row : proxy.sim.data().activity().rows(q)) {
            spend += row.metrics.spend;
            requests += row.metrics.successfulRequests + row.metrics.failedRequests;
            failed += row.metrics.failedRequests;
            tokens += row.metrics.promptTokens + row.metrics.completionTokens;
            keys.insert(row.key);
        }
        QVERIFY(spend > 0);
        QCOMPARE(page.tile(QStringLiteral("spend"))->value(), formatUsd(spend));
        QCOMPARE(page.tile(QStringLiteral("requests"))->value(), UsageTableModel::formatCount(requests));
        QVERIFY(
            page.tile(QStringLiteral("requests"))->caption().contains(UsageTableModel::formatCount(failed)));
        QCOMPARE(page.tile(QStringLiteral("tokens"))->value(), UsageTableModel::formatCount(tokens));
        QCOMPARE(page.tile(QStringLiteral("success"))->value(),
                 QLocale().toString(double(requests - failed) / double(requests) * 100, 'f', 1) + u'%');
        QCOMPARE(page.tile(QStringLiteral("active_keys"))->value(), QLocale().toString(qint64(keys.size())));
        QVERIFY(!page.tile(QStringLiteral("active_keys"))->isLink()); // no index: nothing to open
        // A sparkline of the 30 days.
        QCOMPARE(page.tile(QStringLiteral("spend"))->sparkline()->values().size(), OverviewPage::kDays);

        // Key risks over every key of this small proxy.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        int risky = 0, expiring = 0;
        const SimKeyStore &store = proxy.sim.data().keys();
        for (qint64 i = 0; i < store.size(); ++i) {
            if (!store.isLive(i))
                continue;
            const KeyRecord k = keyRecordFromJson(store.key(i).toJson(true));
            risky += keyrisk::isOverBudget(k) || keyrisk::isNearBudget(k);
            expiring += keyrisk::expiresSoon(k, now);
        }
        QCOMPARE(page.tile(QStringLiteral("budget_keys"))->value(), QLocale().toString(risky));
        QCOMPARE(page.tile(QStringLiteral("expiring_keys"))->value(), QLocale().toString(expiring));
        QVERIFY2(page.tile(QStringLiteral("expiring_keys"))->caption().contains(u"of all 180 keys"),
                 qPrintable(page.tile(QStringLiteral("expiring_keys"))->caption()));
        QCOMPARE(page.findChild<QChartView *>(QStringLiteral("overviewModels"))->chart()->title(),
                 QStringLiteral("Spend by model"));
    }

    void aBigProxySaysHowManyKeysWereChecked() {
        SimOptions o;
        o.keys = 5000;
        Proxy proxy(o);
        OverviewPage page;
        page.setContext(proxy.context());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 30000);
        const QString caption = page.tile(QStringLiteral("budget_keys"))->caption();
        QVERIFY2(caption.contains(u"of the 500 keys checked") && caption.contains(QLocale().toString(5000)),
                 qPrintable(caption));
        int keyListCalls = 0;
        for (const QString &path : proxy.sim.requestLog())
            keyListCalls += path.startsWith(u"/key/list");
        QCOMPARE(keyListCalls, 5); // never the whole list
    }

    void clickingTheTopKeyAsksForItsUsage() {
        Proxy proxy;
        OverviewPage page;
        page.resize(1100, 700);
        page.setContext(proxy.context());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        const UsageItem top = page.report().items(UsageReport::Dimension::Key).constFirst();

        // The top key is the last bar (bars run from the bottom up); click its middle.
        auto *view = page.findChild<QChartView *>(QStringLiteral("overviewTopKeys"));
        QChart *chart = view->chart();
        auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
        QBarSet *set = series->barSets().constFirst();
        const int index = set->count() - 1;
        const QPointF inChart = chart->mapToPosition(QPointF(set->at(index) / 2, index), series);
        QSignalSpy asked(&page, &OverviewPage::usageRequested);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->mapFromScene(chart->mapToScene(inChart)));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().at(0).value<UsageReport::Dimension>(), UsageReport::Dimension::Key);
        QCOMPARE(asked.first().at(1).toString(), top.name);
        QCOMPARE(asked.first().at(2).toString(),
                 UsageTableModel::displayName(top, UsageReport::Dimension::Key));
    }

    void aFailedLoadShowsTheBanner() {
        Proxy proxy;
        proxy.sim.addFault({QStringLiteral("/user/daily/activity*"), SimFault::Kind::Status, 500, -1});
        OverviewPage page;
        page.setContext(proxy.context());
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        QVERIFY(page.findChild<ErrorBanner *>()->isVisible());
        QCOMPARE(page.tile(QStringLiteral("spend"))->value(), QStringLiteral("—"));
        proxy.sim.clearFaults();
        QTest::mouseClick(
            page.findChild<ErrorBanner *>()->findChild<QWidget *>(QStringLiteral("retryButton")),
            Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            page.hasLoaded() && page.tile(QStringLiteral("spend"))->value().startsWith(u'$'), 20000);
        QVERIFY(!page.findChild<ErrorBanner *>()->isVisible());
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_OverviewPage.moc"
