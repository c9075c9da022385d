#include "UsagePage.h"
#include "core/format/Money.h"

#include "core/catalog/ModelCatalog.h"
#include "core/export/TableExport.h"
#include "core/itemmodels/UsageDayModel.h"
#include "core/itemmodels/UsageTableModel.h"
#include "core/people/ScopeBudget.h"
#include "core/usage/ActivityFetcher.h"
#include "core/usage/UsageSummary.h"
#include "ui/ErrorBanner.h"
#include "ui/TextStyle.h"
#include "ui/charts/UsageReportPdf.h"
#include "ui/usage/ChartExportDialog.h"
#include "ui/usage/ChartPanel.h"
#include "ui/usage/UsageFilterBar.h"

#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <memory>

using Kind = UsageChartKind;
using Dimension = UsageReport::Dimension;

namespace {

QList<int> itemColumns(bool withId) {
    using C = UsageTableModel::Column;
    QList<int> c{int(C::Name)};
    if (withId)
        c << int(C::Id);
    c << int(C::Spend) << int(C::Share) << int(C::Requests);
    return c;
}

QList<int> dayColumns(Kind kind) {
    using C = UsageDayModel::Column;
    switch (kind) {
    case Kind::TokensPerDay:
        return {int(C::Date), int(C::PromptTokens), int(C::CompletionTokens), int(C::TotalTokens)};
    case Kind::RequestsPerDay:
        return {int(C::Date), int(C::Successful), int(C::Failed), int(C::Requests)};
    case Kind::CumulativeSpend:
        return {int(C::Date), int(C::Spend), int(C::CumulativeSpend)};
    default:
        return {int(C::Date), int(C::Spend), int(C::Requests)};
    }
}

} // namespace

UsagePage::UsagePage(QWidget *parent)
    : Page(parent) {
    setObjectName(QStringLiteral("usagePage"));
    m_days = new UsageDayModel(this);
    m_models = new UsageTableModel(this);
    m_keys = new UsageTableModel(this);
    m_keys->setDimension(Dimension::Key);
    m_entities = new UsageTableModel(this);
    m_entities->setDimension(Dimension::Entity);

    auto *title = textstyle::title(tr("Usage"), this);
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("usageTotals"));
    // Takes the room there is rather than widening the window; the tooltip has the whole line.
    m_totals->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_asOfLabel = new QLabel(this);
    m_asOfLabel->setObjectName(QStringLiteral("asOfLabel"));
    textstyle::setMuted(m_asOfLabel);
    auto *reportButton = new QPushButton(tr("Export &Report…"), this);
    reportButton->setObjectName(QStringLiteral("exportReportButton"));
    reportButton->setToolTip(tr("Save every chart and its table in one PDF (Ctrl+Shift+E)"));
    auto *reportShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this);
    reportShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    reportShortcut->setWhatsThis(tr("Export the usage report")); // its line on the shortcut sheet
    connect(reportShortcut, &QShortcut::activated, this, &UsagePage::askExportReport);
    connect(reportButton, &QPushButton::clicked, this, &UsagePage::askExportReport);

    // Spend by public model name (what callers ask for) or by the deployment that served it.
    m_modelNaming = new QComboBox(this);
    m_modelNaming->setObjectName(QStringLiteral("modelNaming"));
    m_modelNaming->addItem(tr("Models by public name"), QStringLiteral("public"));
    m_modelNaming->addItem(tr("Models by deployment"), QStringLiteral("deployment"));
    m_modelNaming->setToolTip(
        tr("Group the model charts and tables by the public model names callers use, or "
           "list each deployment that served them"));
    m_modelNaming->setAccessibleName(tr("Models shown by"));
    m_modelNaming->setCurrentIndex(
        QSettings().value(QStringLiteral("usage/modelNaming")).toString() == u"deployment" ? 1 : 0);
    connect(m_modelNaming, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(QStringLiteral("usage/modelNaming"), m_modelNaming->currentData());
        if (m_fetcher) {
            m_report = shown(m_fetcher->report());
            redraw();
        }
    });

    auto *heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addSpacing(12);
    heading->addWidget(m_totals, 1);
    heading->addWidget(m_modelNaming);
    heading->addWidget(m_asOfLabel);
    heading->addWidget(reportButton);

    m_filters = new UsageFilterBar(this);
    connect(m_filters, &UsageFilterBar::loadRequested, this, &UsagePage::reload);

    m_overlapNote = new QLabel(this);
    m_overlapNote->setObjectName(QStringLiteral("usageOverlapNote"));
    m_overlapNote->setWordWrap(true);
    textstyle::setTone(m_overlapNote, textstyle::Tone::Warning);
    m_overlapNote->hide();

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("usageHint"));
    textstyle::setTone(m_hint, textstyle::Tone::Error);
    m_hint->hide();

    m_progressRow = new QWidget(this);
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setObjectName(QStringLiteral("usageProgress"));
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progressLabel = new QLabel(m_progressRow);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_cancel = new QPushButton(tr("Cancel"), m_progressRow);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    // Esc belongs to the window's status-bar progress, which cancels this load too.
    m_cancel->setToolTip(tr("Stop loading; what has arrived stays on screen (Esc)"));
    connect(m_cancel, &QPushButton::clicked, this, &UsagePage::cancel);
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(m_cancel);
    m_progressRow->hide();

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &UsagePage::reload);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("usageScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *host = new QWidget(scroll);
    buildPanels(host);
    scroll->setWidget(host);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(heading);
    layout->addWidget(m_filters);
    layout->addWidget(m_overlapNote);
    layout->addWidget(m_hint);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_banner);
    layout->addWidget(scroll, 1);

    connect(this, &UsagePage::loaded, this, [this] { setBusy(false); });
    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(kRedrawIntervalMs);
    connect(&m_redrawTimer, &QTimer::timeout, this, [this] {
        if (m_fetcher) {
            m_report = shown(m_fetcher->report());
            redraw();
        }
    });
}

UsagePage::~UsagePage() = default;

void UsagePage::buildPanels(QWidget *host) {
    auto *grid = new QGridLayout(host);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(10);
    const auto add = [&](Kind kind, QAbstractItemModel *model, int sortRole, QList<int> columns) {
        auto *panel = new ChartPanel(kind, model, sortRole, std::move(columns), host);
        connect(panel, &ChartPanel::itemClicked, this, &UsagePage::narrowTo);
        connect(panel, &ChartPanel::exportChartRequested, this, &UsagePage::askExportChart);
        connect(panel, &ChartPanel::exportTableRequested, this, &UsagePage::askExportTable);
        grid->addWidget(panel, int(m_panels.size()), 0);
        m_panels << panel;
        return panel;
    };
    add(Kind::DailySpendByModel, m_days, UsageDayModel::SortRole, dayColumns(Kind::DailySpendByModel));
    add(Kind::SpendByModel, m_models, UsageTableModel::SortRole, itemColumns(false));
    add(Kind::TopKeys, m_keys, UsageTableModel::SortRole, itemColumns(false));
    add(Kind::SpendByEntity, m_entities, UsageTableModel::SortRole, itemColumns(false))->hide();
    add(Kind::TokensPerDay, m_days, UsageDayModel::SortRole, dayColumns(Kind::TokensPerDay));
    add(Kind::RequestsPerDay, m_days, UsageDayModel::SortRole, dayColumns(Kind::RequestsPerDay));
    add(Kind::CumulativeSpend, m_days, UsageDayModel::SortRole, dayColumns(Kind::CumulativeSpend));
    for (ChartPanel *p : std::as_const(m_panels))
        p->setMinimumHeight(330);
}

ChartPanel *UsagePage::panel(Kind kind) const {
    for (ChartPanel *p : m_panels)
        if (p->kind() == kind)
            return p;
    return nullptr;
}

void UsagePage::setContext(const PageContext &context) {
    const bool sameClient = context.client == m_context.client;
    const bool sameScope = context.scope == m_context.scope;
    m_context = context;
    const auto publicNames = ModelCatalog::publicNames(context.deployments);
    const bool namesChanged = publicNames != m_publicNames;
    m_publicNames = publicNames;
    m_modelNaming->setEnabled(!m_publicNames.isEmpty());
    m_filters->setModelNames(context.modelNames);
    if (sameClient && sameScope) {
        if (namesChanged && m_fetcher) { // the model list arrived after the usage
            m_report = shown(m_fetcher->report());
            redraw();
        }
        return;
    }
    for (ActivityFetcher *fetcher : {m_fetcher.data(), m_totalFetcher.data(), m_budgetFetcher.data()}) {
        if (fetcher) {
            fetcher->disconnect(this);
            fetcher->deleteLater();
        }
    }
    m_fetcher = nullptr;
    m_totalFetcher = nullptr;
    m_budgetFetcher = nullptr;
    m_totalPending = false;
    m_proxyTotal.reset();
    m_redrawTimer.stop();
    setLoading(false);
    if (!sameScope)
        restoreSettings();
    m_loaded = false;
    m_banner->clear();
    m_report = UsageReport();
    m_budget.reset();
    m_budgetStart.reset();
    m_days->clearBudgetStart();
    redraw();
    if (!context.client)
        return;
    m_fetcher = new ActivityFetcher(context.client, this);
    // What the charts and tables show; day × key cells (the largest part by far) are not among them.
    m_fetcher->setParts(UsageAggregator::Part::Days | UsageAggregator::Part::Models |
                        UsageAggregator::Part::Keys | UsageAggregator::Part::Entities |
                        UsageAggregator::Part::DayModels);
    connect(m_fetcher, &ActivityFetcher::progress, this, &UsagePage::onProgress);
    connect(m_fetcher, &ActivityFetcher::reportUpdated, this, [this] {
        if (!m_redrawTimer.isActive())
            m_redrawTimer.start();
    });
    connect(m_fetcher, &ActivityFetcher::finished, this, &UsagePage::onFinished);
    connect(m_fetcher, &ActivityFetcher::failed, this, &UsagePage::onFailed);
    m_totalFetcher = new ActivityFetcher(context.client, this);
    m_totalFetcher->setParts(UsageAggregator::Part::Days); // totals are always summed
    connect(m_totalFetcher, &ActivityFetcher::finished, this, [this] {
        m_proxyTotal = m_totalFetcher->report().totals();
        m_totalPending = false;
        showTotals();
        emitLoadedWhenDone();
    });
    m_budgetFetcher = new ActivityFetcher(context.client, this);
    m_budgetFetcher->setParts(UsageAggregator::Part::Days);
    connect(m_budgetFetcher, &ActivityFetcher::finished, this, [this] {
        if (!m_budget)
            return;
        m_budgetStart =
            budgetstart::start(*m_budget, m_budgetFetcher->report(), m_lastQuery.start, m_lastQuery.end);
        m_days->setBudgetStart(m_budgetStart->spendBefore, m_budgetStart->resets,
                               budgetstart::describe(*m_budgetStart));
        if (ChartPanel *p = panel(Kind::CumulativeSpend))
            redrawPanel(p);
    });
    connect(m_totalFetcher, &ActivityFetcher::failed, this, [this] {
        m_totalPending = false;
        showTotals();
        emitLoadedWhenDone();
    });
    m_wantLoad = true;
    if (isVisible())
        reload();
}

void UsagePage::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    if (m_wantLoad && m_fetcher && !m_fetcher->isRunning())
        reload();
}

void UsagePage::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !isLoading())
        redraw(); // the system switched between light and dark
}

QWidget *UsagePage::filterWidget() const {
    return m_filters->searchField();
}

bool UsagePage::isLoading() const {
    return m_fetcher && m_fetcher->isRunning();
}

void UsagePage::reload() {
    QString why;
    auto query = m_filters->query(&why);
    if (query) // a public name: its deployments, which is what the proxy's filter matches
        query->deployments = m_context.deployments.value(query->model);
    m_hint->setVisible(!query);
    m_hint->setText(why);
    if (!query || !m_fetcher)
        return;
    m_wantLoad = false;
    m_banner->clear();
    m_lastQuery = *query;
    m_redraws = 0;
    m_longestRedrawMs = 0;
    m_loadEnded = false;
    m_loaded = false;
    saveSettings();
    fetchBudget(*query);
    fetchProxyTotal(*query);
    m_entities->setDimension(Dimension::Entity);
    panel(Kind::SpendByEntity)->setVisible(query->scope != ActivityQuery::Scope::User);
    setLoading(true);
    onProgress(0, 1);
    m_fetcher->start(*query);
}

void UsagePage::cancel() {
    if (m_fetcher && m_fetcher->isRunning())
        m_fetcher->cancel();
}

void UsagePage::setLoading(bool loading) {
    m_progressRow->setVisible(loading);
    if (loading) {
        setBusy(true); // until loaded(): the charts are drawn
        startWork(tr("Loading usage…"));
    } else {
        finishWork();
    }
}

void UsagePage::onProgress(int done, int total) {
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    m_progressLabel->setText(
        tr("Loading page %1 of %2…").arg(std::min(done + 1, std::max(1, total))).arg(std::max(1, total)));
    emit statusMessage(m_progressLabel->text());
    setWorkProgress(done, total, tr("Loading usage: page %1 of %2").arg(done).arg(total));
}

void UsagePage::onFinished() {
    m_redrawTimer.stop();
    m_report = shown(m_fetcher->report());
    m_asOf = m_fetcher->asOf();
    m_loaded = true;
    setLoading(false);
    redraw();
    const int pages = m_fetcher->pagesDone();
    const QString spend = usagesummary::overlaps(m_lastQuery) ? usagesummary::tagSumLine(m_report.totals())
                                                              : usagesummary::totalsLine(m_report.totals());
    emit statusMessage(pages == 1 ? tr("Usage loaded: %1").arg(spend)
                                  : tr("Usage loaded from %1 pages: %2").arg(pages).arg(spend));
    loadEnded();
}

void UsagePage::onFailed(const ApiError &error) {
    m_redrawTimer.stop();
    setLoading(false);
    if (error.kind == ApiError::Kind::Canceled) {
        m_report = shown(m_fetcher->report()); // what arrived stays, marked as partial
        redraw();
        m_asOfLabel->setText(tr("Canceled: partial figures"));
        emit statusMessage(tr("Loading usage was canceled; the figures shown are partial."));
    } else {
        m_banner->showError(error);
        emit statusMessage(tr("Loading usage failed: %1").arg(error.toString()));
    }
    loadEnded();
}

void UsagePage::loadEnded() {
    m_loadEnded = true;
    emitLoadedWhenDone();
}

void UsagePage::emitLoadedWhenDone() {
    if (m_loadEnded && m_pending.isEmpty() && !m_totalPending) {
        m_loadEnded = false;
        emit loaded();
    }
}

void UsagePage::fetchProxyTotal(const ActivityQuery &query) {
    m_proxyTotal.reset();
    m_totalPending = false;
    if (!m_totalFetcher)
        return;
    if (!usagesummary::overlaps(query)) {
        m_totalFetcher->cancel();
        return;
    }
    m_totalPending = true;
    m_totalFetcher->start(usagesummary::proxyTotalQuery(query));
}

void UsagePage::fetchBudget(const ActivityQuery &query) {
    const int generation = ++m_budgetGeneration;
    m_budget.reset();
    m_budgetStart.reset();
    m_days->clearBudgetStart();
    if (m_budgetFetcher)
        m_budgetFetcher->cancel();
    if (!m_context.client || query.ids.size() != 1 || query.scope == ActivityQuery::Scope::Tag)
        return;
    QPointer<UsagePage> self(this);
    const auto take = [self, generation, query](std::optional<budgetstart::Budget> budget) {
        if (!self || generation != self->m_budgetGeneration || !budget)
            return;
        self->fetchBudgetStart(query, *budget);
    };
    scopebudget::lookUp(*m_context.client,
                        query.scope == ActivityQuery::Scope::Team ? scopebudget::Owner::Team
                                                                  : scopebudget::Owner::User,
                        query.ids.first(), this, take);
}

// The line starts from what the budget already counted at the range's start: the scope's spend from
// its last reset (or from the range's start, for lifetime spend) up to today, without model or key.
void UsagePage::fetchBudgetStart(const ActivityQuery &query, const budgetstart::Budget &budget) {
    m_budget = budget;
    if (!m_budgetFetcher)
        return;
    ActivityQuery q;
    q.scope = query.scope;
    q.ids = query.ids;
    q.start = budgetstart::fetchFrom(budget, query.start);
    q.end = std::max(query.end, UsageRange::todayUtc());
    m_budgetFetcher->start(q);
}

UsageReport UsagePage::shown(const UsageReport &report) const {
    if (m_modelNaming->currentData().toString() != u"public" || m_publicNames.isEmpty())
        return report;
    return report.withModelsGrouped(m_publicNames);
}

ChartTheme UsagePage::screenTheme() const {
    return chartstyle::fromPalette(palette());
}

UsageChartOptions UsagePage::chartOptions(ChartTheme theme) const {
    UsageChartOptions o;
    o.theme = theme;
    if (m_budget && m_budgetStart) {
        o.budget = m_budget->maxBudget;
        o.spendBefore = m_budgetStart->spendBefore;
        o.budgetResets = m_budgetStart->resets;
        o.budgetBasis = budgetstart::describe(*m_budgetStart);
    }
    o.entityName =
        m_lastQuery.scope == ActivityQuery::Scope::Tag ? QStringLiteral("tag") : QStringLiteral("team");
    return o;
}

void UsagePage::redrawPanel(ChartPanel *panel) {
    panel->setChart(UsageCharts::build(panel->kind(), m_report, chartOptions(screenTheme())));
}

void UsagePage::redraw() {
    QElapsedTimer clock;
    clock.start();
    m_days->setReport(m_report);
    m_models->setReport(m_report);
    m_keys->setReport(m_report);
    m_entities->setReport(m_report);
    ++m_redraws;
    m_longestRedrawMs = std::max(m_longestRedrawMs, clock.elapsed());
    // One chart per turn of the event loop, so the window never waits for all of them at once.
    m_pending.clear();
    for (ChartPanel *p : std::as_const(m_panels))
        if (!p->isHidden() || p->kind() != Kind::SpendByEntity)
            m_pending << p;
    QTimer::singleShot(0, this, [this, generation = ++m_drawGeneration] { drawNext(generation); });
    showTotals();
    m_asOfLabel->setText(m_asOf.isValid() && m_loaded
                             ? tr("as of %1 UTC").arg(m_asOf.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                             : QString());
}

void UsagePage::showTotals() {
    const bool overlaps = usagesummary::overlaps(m_lastQuery);
    if (m_report.isEmpty() && !m_loaded)
        m_totals->clear();
    else if (overlaps)
        m_totals->setText(usagesummary::tagSumLine(m_report.totals()));
    else
        m_totals->setText(usagesummary::totalsLine(m_report.totals()));
    m_totals->setToolTip(m_totals->text());
    m_overlapNote->setVisible(overlaps && (m_loaded || m_totalPending || m_proxyTotal));
    if (!overlaps)
        m_overlapNote->clear();
    else if (m_totalPending)
        m_overlapNote->setText(usagesummary::overlapReason() + u' ' +
                               tr("Loading the proxy total for the range…"));
    else
        m_overlapNote->setText(usagesummary::overlapNote(m_proxyTotal ? &*m_proxyTotal : nullptr));
}

QStringList UsagePage::reportTotals() const {
    const UsageMetrics &t = m_report.totals();
    if (!usagesummary::overlaps(m_lastQuery))
        return {usagesummary::totalsLine(t), usagesummary::successLine(t)};
    const UsageMetrics *total = m_proxyTotal ? &*m_proxyTotal : nullptr;
    QStringList lines{usagesummary::tagSumLine(t), usagesummary::overlapNote(total)};
    if (total)
        lines << usagesummary::successLine(*total);
    return lines;
}

void UsagePage::drawNext(int generation) {
    if (generation != m_drawGeneration)
        return; // newer figures started their own round
    while (!m_pending.isEmpty()) {
        QPointer<ChartPanel> panel = m_pending.takeFirst();
        if (!panel)
            continue;
        QElapsedTimer clock;
        clock.start();
        redrawPanel(panel);
        m_longestRedrawMs = std::max(m_longestRedrawMs, clock.elapsed());
        break;
    }
    if (!m_pending.isEmpty()) {
        QTimer::singleShot(0, this, [this, generation] { drawNext(generation); });
        return;
    }
    emitLoadedWhenDone();
}

void UsagePage::showScope(ActivityQuery::Scope scope, const QString &id) {
    m_filters->setScope(scope, false, {id});
    m_filters->setModelFilter({});
    m_filters->setKeyFilter({});
    reload();
}

void UsagePage::showItem(Dimension dimension, const QString &id, const QString &label,
                         const UsageRange &range) {
    m_filters->setScope(ActivityQuery::Scope::User, true, {});
    m_filters->setRange(range);
    m_filters->setModelFilter(dimension == Dimension::Model ? id : QString());
    m_filters->setKeyFilter(dimension == Dimension::Key ? id : QString(), label);
    reload();
}

void UsagePage::narrowTo(Dimension dimension, const QString &id) {
    if (dimension == Dimension::Model) {
        m_filters->setModelFilter(id);
    } else if (dimension == Dimension::Key) {
        QString label;
        for (const UsageItem &item : m_keys->items())
            if (item.name == id)
                label = UsageTableModel::displayName(item, Dimension::Key);
        m_filters->setKeyFilter(id, label);
    } else {
        return;
    }
    reload();
}

void UsagePage::restoreSettings() {
    QSettings s;
    s.beginGroup(QStringLiteral("usage/") +
                 QString::fromLatin1(m_context.scope.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
    const auto preset = UsageRange::presetFromName(s.value(QStringLiteral("preset")).toString());
    const UsageRange saved = UsageRange::fromPreset(
        preset.value_or(UsageRange::Preset::Last30Days), UsageRange::todayUtc(),
        s.value(QStringLiteral("from")).toDate(), s.value(QStringLiteral("to")).toDate());
    m_filters->setRange(saved.isValid()
                            ? saved
                            : UsageRange::fromPreset(UsageRange::Preset::Last30Days, UsageRange::todayUtc()));
    const QString scope = s.value(QStringLiteral("scope"), QStringLiteral("global")).toString();
    const QStringList ids = s.value(QStringLiteral("ids")).toStringList();
    if (scope == u"team")
        m_filters->setScope(ActivityQuery::Scope::Team, false, ids);
    else if (scope == u"tag")
        m_filters->setScope(ActivityQuery::Scope::Tag, false, ids);
    else if (scope == u"user")
        m_filters->setScope(ActivityQuery::Scope::User, false, ids);
    else
        m_filters->setScope(ActivityQuery::Scope::User, true, {});
    m_filters->setModelFilter({});
    m_filters->setKeyFilter({});
}

void UsagePage::saveSettings() const {
    if (m_context.scope.isEmpty())
        return;
    QSettings s;
    s.beginGroup(QStringLiteral("usage/") +
                 QString::fromLatin1(m_context.scope.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
    const UsageRange r = m_filters->range();
    s.setValue(QStringLiteral("preset"), UsageRange::presetName(r.preset));
    s.setValue(QStringLiteral("from"), r.from);
    s.setValue(QStringLiteral("to"), r.to);
    s.setValue(QStringLiteral("scope"), m_filters->isGlobal() ? QStringLiteral("global")
                                                              : ActivityQuery::scopeName(m_lastQuery.scope));
    s.setValue(QStringLiteral("ids"), m_lastQuery.ids);
}
