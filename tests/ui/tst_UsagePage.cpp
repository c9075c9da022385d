// The Usage page against a simulator living in this test: what it shows adds up to the proxy's figures,
// presets change the request, clicks narrow it, Cancel stops it, and the user's choices are remembered.
#include "core/format/Count.h"
#include "core/format/Money.h"
#include "ui/usage/ChartExportDialog.h"
#include "ui/usage/ChartPanel.h"
#include "ui/usage/UsageFilterBar.h"
#include "ui/usage/UsagePage.h"

#include "core/api/ProxyClient.h"
#include "core/catalog/ModelCatalog.h"
#include "core/itemmodels/UsageDayModel.h"
#include "core/itemmodels/UsageTableModel.h"
#include "sim/SimActivity.h"
#include "sim/Simulator.h"
#include "ui/ErrorBanner.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>

#include <memory>

namespace {

struct Setup {
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<ProxyClient> client;
    PageContext context;
};

Setup connectToSim(SimOptions o, const QString &scope = QStringLiteral("profile-usage")) {
    Setup s;
    s.sim = std::make_unique<Simulator>(o);
    if (!s.sim->listen())
        qFatal("the simulator could not listen");
    ClientConfig c;
    c.baseUrl = s.sim->url();
    c.timeoutMs = 20000;
    s.client = std::make_unique<ProxyClient>(c, s.sim->masterKey());
    s.context.client = s.client.get();
    s.context.scope = scope;
    s.context.profileName = QStringLiteral("Test");
    return s;
}

// The spend of the simulator's own activity rows for a range: what the page must add up to.
double simulatorSpend(Simulator &sim, QDate from, QDate to, const QString &model = {}) {
    SimActivityQuery q;
    q.start = from;
    q.end = to;
    q.model = model;
    double spend = 0;
    for (const SimActivityRow &row : sim.data().activity().rows(q))
        spend += row.metrics.spend;
    return spend;
}

double tableSpend(QTableView *table) {
    double sum = 0;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        sum += table->model()
                   ->index(r, int(UsageTableModel::Column::Spend))
                   .data(UsageTableModel::SortRole)
                   .toDouble();
    return sum;
}

// The centre of bar `index` of a horizontal bar chart, in the view's viewport coordinates.
// Shows the page on `context` and waits until it has loaded.
bool showLoaded(UsagePage &page, const PageContext &context, QSize size = {}) {
    if (size.isValid())
        page.resize(size);
    page.setContext(context);
    page.show();
    return QTest::qWaitFor([&] { return page.hasLoaded(); }, 20000);
}

QPoint barCentre(ChartPanel *panel, int index) {
    QChart *chart = panel->chart();
    auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
    const double value = series->barSets().constFirst()->at(index);
    const QPointF inChart = chart->mapToPosition(QPointF(value / 2, index), series);
    return panel->chartView()->mapFromScene(chart->mapToScene(inChart));
}

QString requestedStartDate(const Simulator &sim) {
    for (qsizetype i = sim.requestLog().size() - 1; i >= 0; --i)
        if (sim.requestLog().at(i).contains(u"daily/activity"))
            return QUrlQuery(QUrl(sim.requestLog().at(i)).query())
                .queryItemValue(QStringLiteral("start_date"));
    return {};
}

} // namespace

class TestUsagePage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_UsagePage"));
        QSettings().clear();
    }
    void init() { QSettings().clear(); } // each test starts from the defaults

    void showsTheSimulatorsFigures() {
        SimOptions o;
        o.keys = 150;
        Setup s = connectToSim(o);
        UsagePage page;
        QVERIFY(showLoaded(page, s.context, {1100, 900}));

        const ActivityQuery &q = page.lastQuery();
        QCOMPARE(q.end, UsageRange::todayUtc());
        QCOMPARE(q.start, q.end.addDays(-29)); // the default: the last 30 days
        const double expected = simulatorSpend(*s.sim, q.start, q.end);
        QVERIFY(expected > 0);
        QVERIFY(qAbs(page.report().totals().spend - expected) < 1e-6);

        // Each table adds up to the report's total, and the totals line says it.
        auto *models = page.findChild<QTableView *>(QStringLiteral("table_spend_by_model"));
        auto *keys = page.findChild<QTableView *>(QStringLiteral("table_top_keys"));
        QVERIFY(models && keys);
        QVERIFY(models->isVisible());
        QVERIFY(qAbs(tableSpend(models) - expected) < 1e-6);
        QVERIFY(qAbs(tableSpend(keys) - expected) < 1e-6);
        QVERIFY(
            page.findChild<QLabel *>(QStringLiteral("usageTotals"))->text().contains(formatUsd(expected)));
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("asOfLabel"))->text().contains(u"UTC"));
        QVERIFY(!page.findChild<QWidget *>(QStringLiteral("usageProgress"))->isVisible());

        // The charts hold the same figures: the bars of "spend by model" are the table's top rows.
        QChart *chart = page.panel(UsageChartKind::SpendByModel)->chart();
        auto *bars = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
        QVERIFY(bars);
        const QBarSet *set = bars->barSets().constFirst();
        const QList<UsageItem> items = page.report().items(UsageReport::Dimension::Model);
        QCOMPARE(set->at(set->count() - 1), items.first().metrics.spend); // the largest bar is at the top
        double chartSpend = 0;
        for (int i = 0; i < set->count(); ++i)
            chartSpend += set->at(i);
        QVERIFY(qAbs(chartSpend - expected) < 1e-6); // top N plus "other"
        QCOMPARE(page.panel(UsageChartKind::DailySpendByModel)->chart()->title(),
                 QStringLiteral("Daily spend by model"));
        // Entity chart only for team and tag scopes.
        QVERIFY(page.panel(UsageChartKind::SpendByEntity)->isHidden());

        // Ctrl+C copies the selected rows as text.
        models->setFocus();
        models->selectRow(0);
        QTest::keyClick(models, Qt::Key_C, Qt::ControlModifier);
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(u"Model\tSpend"), qPrintable(copied));
        QVERIFY2(copied.contains(items.first().name), qPrintable(copied));
        QCOMPARE(copied.count(u'\n'), 2);
    }

    void aPresetChangesTheRequest() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context));
        const double thirtyDays = page.report().totals().spend;

        auto *preset = page.findChild<QComboBox *>(QStringLiteral("presetCombo"));
        const qsizetype before = s.sim->requestLog().size();
        preset->setCurrentIndex(preset->findText(QStringLiteral("Last 7 days")));
        QTRY_VERIFY_WITH_TIMEOUT(s.sim->requestLog().size() > before && page.hasLoaded(), 20000);
        const QDate today = UsageRange::todayUtc();
        QCOMPARE(page.lastQuery().start, today.addDays(-6));
        QCOMPARE(requestedStartDate(*s.sim), today.addDays(-6).toString(Qt::ISODate));
        QCOMPARE(page.findChild<QDateEdit *>(QStringLiteral("fromDate"))->date(), today.addDays(-6));
        QVERIFY(page.report().totals().spend < thirtyDays);
        QVERIFY(qAbs(page.report().totals().spend - simulatorSpend(*s.sim, today.addDays(-6), today)) < 1e-6);
        QCOMPARE(page.report().dayCount(), 7);
    }

    void clickingAModelNarrowsThePage() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context, {1100, 900}));
        const QString top = page.report().items(UsageReport::Dimension::Model).first().name;
        ChartPanel *panel = page.panel(UsageChartKind::SpendByModel);
        panel->chartView()->ensurePolished();
        QTRY_VERIFY(panel->chartView()->isVisible());
        const int topBar = qobject_cast<QAbstractBarSeries *>(panel->chart()->series().constFirst())
                               ->barSets()
                               .constFirst()
                               ->count() -
                           1;

        QTest::mouseClick(panel->chartView()->viewport(), Qt::LeftButton, {}, barCentre(panel, topBar));
        QTRY_COMPARE_WITH_TIMEOUT(page.lastQuery().model, top, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        auto *chip = page.findChild<QToolButton *>(QStringLiteral("modelChip"));
        QVERIFY(chip->isVisible());
        QVERIFY(chip->text().contains(top));
        const auto models = page.report().items(UsageReport::Dimension::Model);
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.first().name, top);
        const QDate from = page.lastQuery().start, to = page.lastQuery().end;
        QVERIFY(qAbs(page.report().totals().spend - simulatorSpend(*s.sim, from, to, top)) < 1e-6);

        // The chip clears the filter.
        QTest::mouseClick(chip, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.lastQuery().model.isEmpty() && page.hasLoaded(), 20000);
        QVERIFY(!chip->isVisible());
        QVERIFY(page.report().items(UsageReport::Dimension::Model).size() > 1);
    }

    // The model filter offers public names while the proxy filters on deployment names: picking a
    // public name shows its deployments' usage, not $0.
    void aPublicModelNameShowsItsDeployments() {
        SimOptions o;
        o.keys = 150;
        Setup s = connectToSim(o);
        QList<ModelInfo> models;
        for (const SimModel &m : s.sim->data().models()) {
            ModelInfo info;
            info.modelName = m.name;
            info.litellmModel = m.litellmModel;
            models << info;
        }
        PageContext context = s.context;
        context.deployments = ModelCatalog::deploymentNames(models);
        UsagePage page;
        QVERIFY(showLoaded(page, context, {1100, 900}));
        page.findChild<UsageFilterBar *>()->setModelFilter(QStringLiteral("claude-3-5-sonnet"));
        page.reload();
        QTRY_VERIFY_WITH_TIMEOUT(page.lastQuery().model == u"claude-3-5-sonnet" && page.hasLoaded(), 20000);
        const QDate from = page.lastQuery().start, to = page.lastQuery().end;
        const double expected =
            simulatorSpend(*s.sim, from, to, QStringLiteral("claude-3-5-sonnet-20241022"));
        QVERIFY(expected > 0);
        QVERIFY(qAbs(page.report().totals().spend - expected) < 1e-6);
        const auto rows = page.report().items(UsageReport::Dimension::Model);
        QCOMPARE(rows.size(), 1); // its one deployment, shown under the public name
        QCOMPARE(rows.constFirst().name, QStringLiteral("claude-3-5-sonnet"));
    }

    void clickingADaysModelNarrowsThePage() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context, {1100, 900}));
        ChartPanel *panel = page.panel(UsageChartKind::DailySpendByModel);
        QTRY_VERIFY(panel->chartView()->isVisible());
        // The bottom segment of the day where the first model spent most.
        QChart *chart = panel->chart();
        auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
        QBarSet *bottom = series->barSets().constFirst();
        const QString model = bottom->label();
        QCOMPARE(model, page.report().items(UsageReport::Dimension::Model).constFirst().name);
        int day = 0;
        for (int i = 1; i < bottom->count(); ++i)
            if (bottom->at(i) > bottom->at(day))
                day = i;
        const QPointF inChart = chart->mapToPosition(QPointF(day, bottom->at(day) / 2), series);
        QTest::mouseClick(panel->chartView()->viewport(), Qt::LeftButton, {},
                          panel->chartView()->mapFromScene(chart->mapToScene(inChart)));
        QTRY_COMPARE_WITH_TIMEOUT(page.lastQuery().model, model, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        QCOMPARE(page.report().items(UsageReport::Dimension::Model).size(), 1);
    }

    void doubleClickingAKeyRowNarrowsToTheKey() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context, {1100, 900}));
        auto *keys = page.findChild<QTableView *>(QStringLiteral("table_top_keys"));
        const QModelIndex first = keys->model()->index(0, 0);
        const QString token = first.data(UsageTableModel::IdRole).toString();
        QVERIFY(!token.isEmpty());
        page.panel(UsageChartKind::TopKeys)->ensurePolished();
        keys->scrollTo(first);
        const QPoint at = keys->visualRect(first).center();
        QTest::mouseClick(keys->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(keys->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE_WITH_TIMEOUT(page.lastQuery().apiKey, token, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        QCOMPARE(page.report().items(UsageReport::Dimension::Key).size(), 1);
        QVERIFY(page.findChild<QToolButton *>(QStringLiteral("keyChip"))->isVisible());
    }

    void cancelStopsTheLoad() {
        SimOptions o;
        o.aggregatedActivity = false; // paged: many requests
        o.keys = 400;
        Setup s = connectToSim(o);
        s.sim->addFault({QStringLiteral("/user/daily/activity"), SimFault::Kind::Delay, 400, -1});
        UsagePage page;
        page.setContext(s.context);
        page.show();
        auto *progress = page.findChild<QLabel *>(QStringLiteral("progressLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible() && progress->text().contains(u" of "), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoading(), 5000);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 5000);
        QVERIFY(!progress->isVisible());
        QVERIFY(!page.hasLoaded());
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("asOfLabel"))->text().contains(u"partial"));
        QVERIFY(!page.findChild<ErrorBanner *>()->isVisible()); // a cancel is not an error
        // The figures that arrived before the cancel stay, and a new load starts from scratch.
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("loadButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoading(), 5000);
        s.sim->clearFaults();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 30000);
        const ActivityQuery &q = page.lastQuery();
        QVERIFY(qAbs(page.report().totals().spend - simulatorSpend(*s.sim, q.start, q.end)) < 1e-6);
    }

    void chartsFillInAsPagesArrive() {
        SimOptions o;
        o.aggregatedActivity = false;
        o.keys = 20000; // several pages of 1,000 rows
        Setup s = connectToSim(o);
        s.sim->addFault({QStringLiteral("/user/daily/activity"), SimFault::Kind::Delay, 600, -1});
        UsagePage page;
        page.setContext(s.context);
        page.show();
        // While pages are still coming, the charts and tables already show what has arrived.
        auto *models = page.findChild<QTableView *>(QStringLiteral("table_spend_by_model"));
        QTRY_VERIFY_WITH_TIMEOUT(page.isLoading() && models->model()->rowCount() > 0, 20000);
        QVERIFY(page.redrawCount() >= 1);
        const double partial = page.report().totals().spend;
        QVERIFY(partial > 0);
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 60000);
        const ActivityQuery &q = page.lastQuery();
        QVERIFY(page.report().totals().spend > partial);
        QVERIFY(qAbs(page.report().totals().spend - simulatorSpend(*s.sim, q.start, q.end)) < 1e-6);
        // At least one partial redraw and the final one.
        QVERIFY2(page.redrawCount() >= 2, qPrintable(QString::number(page.redrawCount())));
    }

    // Once the model list is known the model charts and tables sum each deployment under its public
    // name; "Models by deployment" lists them as recorded; the choice is remembered.
    void modelsShowUnderTheirPublicNames() {
        Setup s = connectToSim(SimOptions());
        ModelCatalog catalog(s.client.get());
        QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
        catalog.load();
        QVERIFY(loaded.wait(20000));
        s.context.deployments = ModelCatalog::deploymentNames(catalog.models());
        QSettings().setValue(QStringLiteral("usage/modelNaming"), QStringLiteral("public"));
        UsagePage page;
        QVERIFY(showLoaded(page, s.context));
        auto *naming = page.findChild<QComboBox *>(QStringLiteral("modelNaming"));
        QVERIFY(naming->isEnabled());
        const auto shown = [&page] {
            QStringList names;
            double spend = 0;
            for (const UsageItem &item : page.report().items(UsageReport::Dimension::Model)) {
                names << item.name;
                spend += item.metrics.spend;
            }
            return std::pair{names, spend};
        };
        const auto [byPublicName, publicSpend] = shown();
        QVERIFY2(byPublicName.contains(u"claude-3-5-sonnet"_qs), qPrintable(byPublicName.join(u", ")));
        QVERIFY(!byPublicName.contains(u"claude-3-5-sonnet-20241022"_qs));
        for (const QString &name : byPublicName)
            QVERIFY2(s.context.deployments.contains(name), qPrintable(name));
        auto *table = page.findChild<QTableView *>(QStringLiteral("table_spend_by_model"));
        QCOMPARE(table->model()->rowCount(), int(byPublicName.size()));

        naming->setCurrentIndex(naming->findData(QStringLiteral("deployment")));
        const auto [byDeployment, deploymentSpend] = shown();
        QVERIFY2(byDeployment.contains(u"claude-3-5-sonnet-20241022"_qs),
                 qPrintable(byDeployment.join(u", ")));
        QVERIFY(!byDeployment.contains(u"claude-3-5-sonnet"_qs));
        QVERIFY(qAbs(publicSpend - deploymentSpend) < 1e-6);
        QCOMPARE(table->model()->rowCount(), int(byDeployment.size()));
        QCOMPARE(QSettings().value(QStringLiteral("usage/modelNaming")).toString(),
                 QStringLiteral("deployment"));
        QSettings().remove(QStringLiteral("usage/modelNaming"));
    }

    void chartsFollowTheLightOrDarkPalette() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context));
        QChart *light = page.panel(UsageChartKind::SpendByModel)->chart();
        QCOMPARE(light->theme(), QChart::ChartThemeLight);
        QPalette dark = page.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::WindowText, Qt::white);
        page.setPalette(dark);
        QTRY_COMPARE(page.panel(UsageChartKind::SpendByModel)->chart()->theme(), QChart::ChartThemeDark);
        QCOMPARE(page.panel(UsageChartKind::DailySpendByModel)->chart()->theme(), QChart::ChartThemeDark);
    }

    void aTeamWithABudgetShowsItOnTheCumulativeChart_data() {
        QTest::addColumn<bool>("resets");
        QTest::newRow("never resets") << false;
        QTest::newRow("resets on the 1st of each month") << true;
    }

    void aTeamWithABudgetShowsItOnTheCumulativeChart() {
        QFETCH(bool, resets);
        Setup s = connectToSim(SimOptions());
        QString teamId;
        double budget = 0;
        for (const SimTeam &t : s.sim->data().teams())
            if (t.maxBudget && teamId.isEmpty() && t.budgetDuration.isEmpty() != resets) {
                teamId = t.teamId;
                budget = *t.maxBudget;
            }
        QVERIFY(!teamId.isEmpty());
        UsagePage page;
        page.resize(1100, 2400);
        page.setContext(s.context);
        page.filterBar()->setScope(ActivityQuery::Scope::Team, false, {teamId});
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        QCOMPARE(page.lastQuery().ids, QStringList{teamId});
        ChartPanel *cumulative = page.panel(UsageChartKind::CumulativeSpend);
        QTRY_COMPARE_WITH_TIMEOUT(cumulative->chart()->title(),
                                  QStringLiteral("Cumulative spend against the budget"), 10000);
        QCOMPARE(cumulative->chart()->series().size(), 2);
        auto *line = qobject_cast<QLineSeries *>(cumulative->chart()->series().at(1));
        QVERIFY(line);
        QCOMPARE(line->at(0).y(), budget);

        // The team's spend between two days, as the simulator recorded it.
        const auto teamSpend = [&](QDate from, QDate to) {
            SimActivityQuery q;
            q.kind = SimActivityQuery::Kind::Team;
            q.entities = {teamId};
            q.start = from;
            q.end = to;
            double spend = 0;
            for (const SimActivityRow &row : s.sim->data().activity().rows(q))
                spend += row.metrics.spend;
            return spend;
        };
        const QDate start = page.lastQuery().start;
        // Without a reset: lifetime spend less what was spent from the range's first day up to today.
        // With one (the 1st of each month, as LiteLLM resets "30d"): what was spent since the last reset
        // before the range, and the line restarts at the reset inside it.
        const QDate lastReset(start.year(), start.month(), 1);
        const double before = resets ? teamSpend(lastReset, start.addDays(-1))
                                     : std::max(0.0, s.sim->data().teamTotals(teamId).spend -
                                                         teamSpend(start, UsageRange::todayUtc()));
        auto *spend = qobject_cast<QLineSeries *>(cumulative->chart()->series().at(0));
        QCOMPARE(
            spend->name(),
            resets
                ? QStringLiteral("Spend against the budget, since the reset on %1")
                      .arg(lastReset.toString(Qt::ISODate))
                : QStringLiteral("Spend against the budget, from %1 already spent").arg(formatUsd(before)));
        const auto days = page.report().days();
        const bool resetOnFirstDay = resets && start.day() == 1;
        QVERIFY2(qAbs(spend->at(0).y() - ((resetOnFirstDay ? 0 : before) + days.constFirst().second.spend)) <
                     1e-6,
                 qPrintable(QStringLiteral("%1 vs %2").arg(spend->at(0).y()).arg(before)));
        if (const QDate reset = lastReset.addMonths(1); resets && reset <= page.lastQuery().end) {
            const qsizetype at = reset.toJulianDay() - start.toJulianDay();
            QVERIFY(qAbs(spend->at(int(at)).y() - days.at(at).second.spend) < 1e-6);
        }
        // The table under the chart gives the line's figures day by day (and exports them), and its
        // header says what they count from.
        const QAbstractItemModel *rows = cumulative->findChild<QTableView *>()->model();
        QCOMPARE(rows->rowCount(), int(days.size()));
        using Day = UsageDayModel::Column;
        for (int r = 0; r < rows->rowCount(); ++r) {
            const QDate day = rows->index(r, int(Day::Date)).data(UsageDayModel::SortRole).toDate();
            const double shown =
                rows->index(r, int(Day::CumulativeSpend)).data(UsageDayModel::SortRole).toDouble();
            QVERIFY2(qAbs(shown - spend->at(int(start.daysTo(day))).y()) < 1e-6,
                     qPrintable(QStringLiteral("%1: %2 vs %3")
                                    .arg(day.toString(Qt::ISODate))
                                    .arg(shown)
                                    .arg(spend->at(int(start.daysTo(day))).y())));
        }
        QCOMPARE(rows->headerData(int(Day::CumulativeSpend), Qt::Horizontal, Qt::ToolTipRole).toString(),
                 spend->name().replace(QStringLiteral("Spend against the budget"),
                                       QStringLiteral("Spend counted against the budget")));
        QVERIFY(page.panel(UsageChartKind::SpendByEntity)->isVisible());
        if (const QString dir = qEnvironmentVariable("DESK_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(page.grab().save(dir + QStringLiteral("/usage-team.png")));
    }

    void theExportDialogWritesTheChosenSize() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context));
        emit page.panel(UsageChartKind::TopKeys)->exportChartRequested(UsageChartKind::TopKeys);
        ChartExportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<ChartExportDialog *>()) && dialog->isVisible());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keys.svg"));
        auto *file = dialog->findChild<QLineEdit *>(QStringLiteral("exportPath"));
        file->clear();
        QTest::keyClicks(file, path);
        auto *format = dialog->findChild<QComboBox *>(QStringLiteral("exportFormat"));
        format->setCurrentIndex(format->findData(int(ChartFormat::Png))); // the suffix follows the format
        QCOMPARE(file->text(), dir.filePath(QStringLiteral("keys.png")));
        dialog->findChild<QSpinBox *>(QStringLiteral("exportWidth"))->setValue(640);
        dialog->findChild<QSpinBox *>(QStringLiteral("exportHeight"))->setValue(360);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save),
                          Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(dir.filePath(QStringLiteral("keys.png"))));
        const QImage image(dir.filePath(QStringLiteral("keys.png")));
        QCOMPARE(image.size(), QSize(640, 360));
        QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white)); // print-friendly by default
    }

    void aFailedExportSaysSoOverThePage() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context));
        emit page.panel(UsageChartKind::TopKeys)->exportChartRequested(UsageChartKind::TopKeys);
        ChartExportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<ChartExportDialog *>()) && dialog->isVisible());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no-such-folder/keys.png"));
        auto *file = dialog->findChild<QLineEdit *>(QStringLiteral("exportPath"));
        file->clear();
        QTest::keyClicks(file, path);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save),
                          Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = page.findChild<QMessageBox *>(QStringLiteral("exportFailedMessage"))) &&
                    box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("keys.png")));
        QVERIFY(!box->informativeText().isEmpty());
        QVERIFY(!QFile::exists(path));
        box->accept();
    }

    void anErrorShowsTheBannerAndRetryLoads() {
        Setup s = connectToSim(SimOptions());
        s.sim->addFault({QStringLiteral("/user/daily/activity/aggregated"), SimFault::Kind::Status, 500, 1});
        s.sim->addFault({QStringLiteral("/user/daily/activity"), SimFault::Kind::Status, 500, 1});
        UsagePage page;
        page.setContext(s.context);
        page.show();
        auto *banner = page.findChild<ErrorBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 20000);
        QVERIFY(!page.hasLoaded());
        QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("retryButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page.hasLoaded(), 20000);
        QVERIFY(!banner->isVisible());
        QVERIFY(page.report().totals().spend > 0);
    }

    void remembersTheRangeAndScopePerConnection() {
        Setup s = connectToSim(SimOptions(), QStringLiteral("profile-remember"));
        {
            UsagePage page;
            QVERIFY(showLoaded(page, s.context));
            auto *scope = page.findChild<QComboBox *>(QStringLiteral("scopeCombo"));
            scope->setCurrentIndex(2); // teams, all of them
            QTRY_VERIFY_WITH_TIMEOUT(page.lastQuery().scope == ActivityQuery::Scope::Team && page.hasLoaded(),
                                     20000);
            QVERIFY(page.panel(UsageChartKind::SpendByEntity)->isVisible());
            QVERIFY(page.panel(UsageChartKind::SpendByEntity)->chart()->title().contains(u"team"));
            auto *preset = page.findChild<QComboBox *>(QStringLiteral("presetCombo"));
            preset->setCurrentIndex(preset->findText(QStringLiteral("Last month")));
            QTRY_VERIFY_WITH_TIMEOUT(
                page.hasLoaded() && page.lastQuery().end.day() != UsageRange::todayUtc().day(), 20000);
        }
        UsagePage again;
        again.setContext(s.context);
        again.show();
        QTRY_VERIFY_WITH_TIMEOUT(again.hasLoaded(), 20000);
        QCOMPARE(again.filterBar()->range().preset, UsageRange::Preset::LastMonth);
        QCOMPARE(again.lastQuery().scope, ActivityQuery::Scope::Team);
        const UsageRange lastMonth =
            UsageRange::fromPreset(UsageRange::Preset::LastMonth, UsageRange::todayUtc());
        QCOMPARE(again.lastQuery().start, lastMonth.from);

        // Another connection has its own.
        Setup other = connectToSim(SimOptions(), QStringLiteral("profile-other"));
        UsagePage third;
        third.setContext(other.context);
        third.show();
        QTRY_VERIFY_WITH_TIMEOUT(third.hasLoaded(), 20000);
        QCOMPARE(third.filterBar()->range().preset, UsageRange::Preset::Last30Days);
    }

    void exportsTheWholePageAsOnePdf() {
        Setup s = connectToSim(SimOptions());
        UsagePage page;
        QVERIFY(showLoaded(page, s.context));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        QCOMPARE(page.exportReport(path), QString());
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {path});
        QVERIFY(info.waitForFinished(20000));
        const QString out = QString::fromUtf8(info.readAllStandardOutput());
        // 6 charts shown, and the keys table runs on over the pages after its chart.
        const auto pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)\\n")).match(out);
        QVERIFY2(pages.hasMatch() && pages.captured(1).toInt() > 6, qPrintable(out));
        QProcess text;
        text.start(QStringLiteral("pdftotext"),
                   {QStringLiteral("-l"), QStringLiteral("1"), path, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(20000));
        const QString first = QString::fromUtf8(text.readAllStandardOutput()).simplified();
        const UsageMetrics &t = page.report().totals();
        QVERIFY2(
            first.contains(formatUsd(t.spend) + u" spend · " + formatCount(t.apiRequests) + u" requests"),
            qPrintable(first));
        QVERIFY2(first.contains(u"of requests succeeded"), qPrintable(first));
        const QString csv = dir.filePath(QStringLiteral("models.csv"));
        QCOMPARE(page.exportTable(UsageChartKind::SpendByModel, csv), QString());
        QVERIFY(page.exportTable(UsageChartKind::SpendByModel, dir.filePath(QStringLiteral("m.xls")))
                    .contains(u".csv"));
        const QString png = dir.filePath(QStringLiteral("daily.png"));
        QCOMPARE(page.exportChart(UsageChartKind::DailySpendByModel, png, ChartFormat::Png, QSize(800, 450),
                                  ChartTheme::Print),
                 QString());
        QCOMPARE(QImage(png).size(), QSize(800, 450));
    }
};

QTEST_MAIN(TestUsagePage)
#include "tst_UsagePage.moc"
