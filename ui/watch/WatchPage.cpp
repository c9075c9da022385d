#include "ui/watch/WatchPage.h"

#include "core/index/AlertStore.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"
#include "core/itemmodels/AlertTableModel.h"
#include "core/roles/LeaseManager.h"
#include "core/watch/WatchScheduler.h"
#include "ui/ErrorBanner.h"
#include "ui/TableWidths.h"
#include "ui/TextStyle.h"
#include "ui/watch/WatchTray.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The alerts sorted, each with a dot of its severity's colour (the tray's).
class AlertSortProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QVariant data(const QModelIndex &index, int role) const override {
        if (role == Qt::DecorationRole && index.column() == int(AlertTableModel::Column::Kind)) {
            const bool critical = QSortFilterProxyModel::data(index, AlertTableModel::SeverityRole).toInt() ==
                                  int(Alert::Severity::Critical);
            static const QIcon red = WatchTray::icon(WatchTray::Level::Critical);
            static const QIcon amber = WatchTray::icon(WatchTray::Level::Warning);
            return critical ? red : amber;
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

QTableView *alertTable(const QString &name, const QString &accessible, QAbstractItemModel *model,
                       QWidget *parent) {
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessible);
    table->setModel(model);
    table->setSortingEnabled(true);
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setShowGrid(false);
    table->setStyleSheet(QStringLiteral("QTableView::item { border: 0px; padding: 0px 8px; }"
                                        "QHeaderView::section { padding: 4px 8px; }"));
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 12);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(int(AlertTableModel::Column::Message),
                                                    QHeaderView::Stretch);
    TableWidths::fit(table);
    return table;
}

QSpinBox *days(int min, int max, QWidget *parent, const QString &suffix) {
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSuffix(suffix);
    return box;
}

QDoubleSpinBox *number(double min, double max, int decimals, QWidget *parent, const QString &prefix = {},
                       const QString &suffix = {}) {
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setPrefix(prefix);
    box->setSuffix(suffix);
    return box;
}

} // namespace

WatchPage::WatchPage(QWidget *parent)
    : Page(parent) {
    auto *title = textstyle::title(tr("Watch"), this);
    auto *subtitle = new QLabel(
        tr("Spend spikes, budgets that run out, keys and leases about to expire, and the proxy's health"),
        this);
    textstyle::setMuted(subtitle);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("watchStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &WatchPage::reload);
    m_watchNow = new QPushButton(tr("&Watch now"), this);
    m_watchNow->setObjectName(QStringLiteral("watchNowButton"));
    m_watchNow->setToolTip(tr("Run a watch pass on this connection now (F5)"));
    connect(m_watchNow, &QPushButton::clicked, this, &WatchPage::reload);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("watchTabs"));
    m_tabs->addTab(buildAlerts(), tr("Open alerts"));
    m_history = new AlertTableModel(this);
    auto *historySorted = new AlertSortProxy(this);
    historySorted->setSourceModel(m_history);
    historySorted->setSortRole(AlertTableModel::SortRole);
    m_historyTable =
        alertTable(QStringLiteral("alertHistoryTable"), tr("Alert history"), historySorted, this);
    m_tabs->addTab(m_historyTable, tr("History"));
    m_tabs->addTab(buildRules(), tr("Rules"));

    auto *top = new QHBoxLayout;
    auto *heading = new QVBoxLayout;
    heading->setSpacing(2);
    heading->addWidget(title);
    heading->addWidget(subtitle);
    top->addLayout(heading, 1);
    top->addWidget(m_watchNow, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    updateStatus();
    updateActions();
}

QWidget *WatchPage::buildAlerts() {
    auto *box = new QWidget(this);
    m_open = new AlertTableModel(this);
    m_sorted = new AlertSortProxy(this);
    m_sorted->setSourceModel(m_open);
    m_sorted->setSortRole(AlertTableModel::SortRole);
    m_openTable = alertTable(QStringLiteral("alertTable"), tr("Open alerts"), m_sorted, box);
    m_openTable->sortByColumn(int(AlertTableModel::Column::Kind), Qt::DescendingOrder);
    connect(m_openTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WatchPage::updateActions);
    connect(m_openTable, &QTableView::doubleClicked, this, &WatchPage::openSelected);

    m_acknowledge = new QPushButton(tr("&Acknowledge"), box);
    m_acknowledge->setObjectName(QStringLiteral("acknowledgeButton"));
    m_acknowledge->setToolTip(tr("Keep the alert listed but stop counting it in the tray and the exit code"));
    m_acknowledge->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(m_acknowledge, &QPushButton::clicked, this, &WatchPage::acknowledgeSelected);
    m_snooze = new QToolButton(box);
    m_snooze->setObjectName(QStringLiteral("snoozeButton"));
    m_snooze->setText(tr("&Snooze"));
    m_snooze->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_snooze);
    for (const auto &[hours, label] : {std::pair{1, tr("For 1 hour")}, std::pair{24, tr("For 1 day")},
                                       std::pair{24 * 7, tr("For 1 week")}})
        menu->addAction(label, this, [this, hours = hours] { snoozeSelected(hours); });
    m_snooze->setMenu(menu);
    m_show = new QPushButton(tr("&Open"), box);
    m_show->setObjectName(QStringLiteral("openAlertButton"));
    m_show->setToolTip(tr("Show the usage or the key behind the alert (double-click)"));
    connect(m_show, &QPushButton::clicked, this, &WatchPage::openSelected);
    m_renew = new QPushButton(tr("&Renew lease"), box);
    m_renew->setObjectName(QStringLiteral("renewLeaseButton"));
    m_renew->setToolTip(tr("Give the lease its role's TTL again (never past its max TTL)"));
    connect(m_renew, &QPushButton::clicked, this, &WatchPage::renewSelected);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_acknowledge);
    actions->addWidget(m_snooze);
    actions->addWidget(m_show);
    actions->addWidget(m_renew);
    actions->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addLayout(actions);
    layout->addWidget(m_openTable, 1);
    return box;
}

QWidget *WatchPage::buildRules() {
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("watchRules"));
    m_spikes = new QCheckBox(tr("Spend spikes of keys, teams and models"), box);
    m_budgets =
        new QCheckBox(tr("Budgets exhausted or running out (key, user, team member, team, proxy)"), box);
    m_expiry = new QCheckBox(tr("Keys and leases about to expire"), box);
    m_health = new QCheckBox(tr("The proxy's health and version"), box);
    m_baselineDays = days(3, WatchRules::kMaxDays, box, tr(" days"));
    m_madFactor = number(0, 100, 1, box, {}, tr(" × MAD"));
    m_ratio = number(1, 1000, 1, box, {}, tr(" × the usual day"));
    m_minIncrease = number(0, 1e9, 2, box, QStringLiteral("$"));
    m_newKeySpend = number(0, 1e9, 2, box, QStringLiteral("$"), tr(" a day"));
    m_burnDays = days(1, WatchRules::kMaxDays, box, tr(" days"));
    m_forecastDays = days(1, 365, box, tr(" days"));
    m_expiryDays = days(1, 365, box, tr(" days"));
    m_interval = days(1, 24 * 60, box, tr(" minutes"));
    m_baselineDays->setObjectName(QStringLiteral("baselineDays"));
    m_forecastDays->setObjectName(QStringLiteral("forecastDays"));
    m_expiryDays->setObjectName(QStringLiteral("expiryDays"));
    m_interval->setObjectName(QStringLiteral("watchInterval"));
    auto *form = new QFormLayout;
    form->addRow(m_spikes);
    form->addRow(tr("Usual day: the median of the last"), m_baselineDays);
    form->addRow(tr("A spike is above the median plus"), m_madFactor);
    form->addRow(tr("and at least"), m_ratio);
    form->addRow(tr("and more than the median plus"), m_minIncrease);
    form->addRow(tr("Without history, a spike is more than"), m_newKeySpend);
    form->addRow(m_budgets);
    form->addRow(tr("Burn rate: the mean spend a day over"), m_burnDays);
    form->addRow(tr("Alert when a budget runs out within"), m_forecastDays);
    form->addRow(m_expiry);
    form->addRow(tr("Alert when a key expires within"), m_expiryDays);
    form->addRow(m_health);
    form->addRow(tr("Watch this connection every"), m_interval);
    auto *save = new QPushButton(tr("Save rules"), box);
    save->setObjectName(QStringLiteral("saveRulesButton"));
    connect(save, &QPushButton::clicked, this, &WatchPage::saveRules);
    auto *defaults = new QPushButton(tr("Defaults"), box);
    connect(defaults, &QPushButton::clicked, this, [this] { showRules(WatchRules()); });
    m_rulesSaved = new QLabel(box);
    textstyle::setMuted(m_rulesSaved);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(save);
    buttons->addWidget(defaults);
    buttons->addWidget(m_rulesSaved, 1);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addStretch();
    showRules(WatchRules());
    return box;
}

void WatchPage::setScheduler(WatchScheduler *scheduler) {
    m_scheduler = scheduler;
    if (!scheduler)
        return;
    connect(scheduler, &WatchScheduler::passStarted, this, [this](const QString &scope) {
        if (scope == m_scope) {
            startWork(tr("Watching %1…").arg(m_profileName));
            setBusy(true);
            updateStatus();
        }
    });
    connect(scheduler, &WatchScheduler::passFinished, this, &WatchPage::onPassFinished);
}

void WatchPage::setContext(const PageContext &context) {
    const bool changed = context.scope != m_scope;
    m_scope = context.scope;
    m_profileName = context.profileName;
    m_client = context.client;
    if (changed) {
        m_banner->clear();
        m_lastReport.clear();
        refresh();
    }
    // A connection never watched gets its first pass shortly: the page is loading until then.
    if (m_client && m_scheduler && m_scheduler->isActive() && !isBusy()) {
        setBusy(!m_lastPass.isValid());
    } else if (!m_client) {
        setBusy(false);
    }
    updateActions();
}

void WatchPage::refresh() {
    if (m_scope.isEmpty()) {
        m_open->setAlerts({}, QDateTime::currentDateTimeUtc());
        m_history->setAlerts({}, QDateTime::currentDateTimeUtc(), true);
        updateStatus();
        return;
    }
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    if (!index.open()) {
        m_banner->showProblem(tr("The alerts of this connection cannot be read."), index.errorString());
        return;
    }
    AlertStore store(index);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_open->setAlerts(store.open(), now);
    const QList<Alert> history = store.history(kHistoryRows);
    m_history->setAlerts(history, now, true);
    m_tabs->setTabText(1, history.size() < kHistoryRows ? tr("History")
                                                        : tr("History (the last %1)").arg(kHistoryRows));
    const WatchRules rules = store.rules();
    showRules(rules);
    m_lastPass = store.lastPass();
    m_intervalMinutes = rules.intervalMinutes;
    updateStatus();
    updateActions();
}

void WatchPage::reload() {
    if (!m_scheduler || m_scope.isEmpty())
        return;
    if (!m_client) {
        m_banner->showProblem(tr("Not connected."), tr("Connect to the proxy to watch it."));
        return;
    }
    m_scheduler->runNow(m_scope);
}

void WatchPage::cancel() {
    if (m_scheduler && m_scheduler->runningScope() == m_scope)
        m_scheduler->cancelPass();
}

void WatchPage::onPassFinished(const QString &scope, const WatchReport &report) {
    if (scope != m_scope)
        return;
    finishWork();
    setBusy(false);
    if (!report.ok && !report.busy)
        m_banner->showProblem(tr("The watch pass did not finish."), report.message);
    else
        m_banner->clear();
    m_lastReport = report.ok ? tr("%n request(s), %1 s", nullptr, report.requests)
                                   .arg(double(report.elapsedMs) / 1000.0, 0, 'f', 1)
                             : report.message;
    if (!report.warnings.isEmpty())
        m_lastReport += tr("; not read: %1").arg(report.warnings.join(QStringLiteral("; ")));
    refresh();
    if (report.ok)
        emit statusMessage(tr("%n open alert(s) on %1", nullptr, int(report.open.size())).arg(m_profileName));
}

// From what refresh() read last: no database work of its own.
void WatchPage::updateStatus() {
    if (m_scope.isEmpty()) {
        m_status->setText(tr("Not connected."));
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int active = 0;
    for (const Alert &a : m_open->alerts())
        active += a.isActive(now) ? 1 : 0;
    QString text;
    if (m_scheduler && m_scheduler->runningScope() == m_scope)
        text = tr("Watching now…");
    else if (!m_lastPass.isValid())
        text = tr("Not watched yet: the first pass runs shortly (or press Watch now).");
    else
        text = tr("Last pass %1 (%2) · %n alert(s) need attention · every %3 min", nullptr, active)
                   .arg(m_lastPass.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                        m_lastReport.isEmpty() ? tr("in the background") : m_lastReport)
                   .arg(m_intervalMinutes);
    m_status->setText(text);
}

const Alert *WatchPage::selected() const {
    const QModelIndexList rows = m_openTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return nullptr;
    return m_open->alertAt(m_sorted->mapToSource(rows.first()).row());
}

void WatchPage::updateActions() {
    const Alert *a = selected();
    m_acknowledge->setEnabled(a && !a->acknowledged.isValid());
    m_snooze->setEnabled(a != nullptr);
    m_show->setEnabled(a && a->kind != Alert::Kind::ProxyUnhealthy);
    m_renew->setEnabled(a && !a->leaseRole.isEmpty() && m_client);
    m_watchNow->setEnabled(m_client && m_scheduler);
}

void WatchPage::acknowledgeSelected() {
    const Alert *a = selected();
    if (!a)
        return;
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    if (index.open())
        AlertStore(index).acknowledge(a->identity(), QDateTime::currentDateTimeUtc());
    refresh();
    if (m_scheduler)
        m_scheduler->refresh(m_scope);
}

void WatchPage::snoozeSelected(int hours) {
    const Alert *a = selected();
    if (!a)
        return;
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    if (index.open())
        AlertStore(index).snooze(a->identity(),
                                 QDateTime::currentDateTimeUtc().addSecs(qint64(hours) * 3600));
    refresh();
    if (m_scheduler)
        m_scheduler->refresh(m_scope);
}

void WatchPage::openSelected() {
    const Alert *a = selected();
    if (!a)
        return;
    const QString name = a->subjectName.isEmpty() ? a->subject : a->subjectName;
    switch (a->subjectType) {
    case Alert::Subject::Key:
        if (a->kind == Alert::Kind::Expiring)
            emit keyRequested(a->subject);
        else
            emit usageRequested(UsageReport::Dimension::Key, a->subject, name, a->day);
        break;
    case Alert::Subject::Model:
        emit usageRequested(UsageReport::Dimension::Model, a->subject, name, a->day);
        break;
    case Alert::Subject::Team:
        emit scopeUsageRequested(ActivityQuery::Scope::Team, a->subject);
        break;
    case Alert::Subject::User:
        emit scopeUsageRequested(ActivityQuery::Scope::User, a->subject.section(u'/', -1));
        break;
    case Alert::Subject::Proxy:
        break;
    }
}

void WatchPage::renewSelected() {
    const Alert *a = selected();
    if (!a || a->leaseRole.isEmpty() || !m_client)
        return;
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    const auto key = index.open() ? index.key(a->subject) : std::nullopt;
    const auto lease = key ? Lease::fromKey(key->metadata, key->expires) : std::nullopt;
    if (!lease) {
        m_banner->showProblem(tr("This lease is not in the key index."), tr("Watch again, then renew it."));
        return;
    }
    auto *leases = new LeaseManager(m_client, this);
    const LeasedKey leased{key->token, key->keyAlias, key->userId, key->teamId, key->spend, *lease};
    startWork(tr("Renewing %1…").arg(key->displayName()));
    connect(leases, &LeaseManager::renewed, this, [this, leases](const LeasedKey &k, const RenewPlan &plan) {
        leases->deleteLater();
        finishWork();
        emit statusMessage(tr("Renewed %1 until %2%3")
                               .arg(k.alias,
                                    plan.newExpiry.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                    plan.capped ? tr(" (its max TTL)") : QString()));
        reload(); // the alert clears with the next pass
    });
    connect(leases, &LeaseManager::renewRefused, this, [this, leases](const LeasedKey &, const QString &why) {
        leases->deleteLater();
        finishWork();
        m_banner->showProblem(tr("The lease was not renewed."), why);
    });
    connect(leases, &LeaseManager::renewFailed, this,
            [this, leases](const LeasedKey &, const ApiError &error) {
                leases->deleteLater();
                finishWork();
                m_banner->showError(error);
            });
    leases->renew(leased);
}

void WatchPage::showRules(const WatchRules &r) {
    m_spikes->setChecked(r.spikes);
    m_budgets->setChecked(r.budgets);
    m_expiry->setChecked(r.expiry);
    m_health->setChecked(r.health);
    m_baselineDays->setValue(r.baselineDays);
    m_madFactor->setValue(r.spike.madFactor);
    m_ratio->setValue(r.spike.ratio);
    m_minIncrease->setValue(r.spike.minIncrease);
    m_newKeySpend->setValue(r.spike.newKeySpend);
    m_burnDays->setValue(r.burnDays);
    m_forecastDays->setValue(r.forecastDays);
    m_expiryDays->setValue(r.expiryDays);
    m_interval->setValue(r.intervalMinutes);
}

WatchRules WatchPage::rulesFromForm() const {
    WatchRules r;
    r.spikes = m_spikes->isChecked();
    r.budgets = m_budgets->isChecked();
    r.expiry = m_expiry->isChecked();
    r.health = m_health->isChecked();
    r.baselineDays = m_baselineDays->value();
    r.spike.madFactor = m_madFactor->value();
    r.spike.ratio = m_ratio->value();
    r.spike.minIncrease = m_minIncrease->value();
    r.spike.newKeySpend = m_newKeySpend->value();
    r.burnDays = m_burnDays->value();
    r.forecastDays = m_forecastDays->value();
    r.expiryDays = m_expiryDays->value();
    r.intervalMinutes = m_interval->value();
    return r;
}

void WatchPage::saveRules() {
    KeyIndex index(IndexDatabase::pathForScope(m_scope));
    if (m_scope.isEmpty() || !index.open() || !AlertStore(index).setRules(rulesFromForm())) {
        m_rulesSaved->setText(tr("The rules could not be saved: %1").arg(index.errorString()));
        return;
    }
    m_rulesSaved->setText(tr("Saved; they apply from the next pass."));
    m_intervalMinutes = m_interval->value();
    if (m_scheduler)
        m_scheduler->refresh(m_scope); // the new interval paces the next pass
}
