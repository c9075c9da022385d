#include "OverviewPage.h"

#include "core/format/Count.h"
#include "core/format/Money.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/itemmodels/UsageTableModel.h"
#include "core/usage/ActivityFetcher.h"
#include "core/usage/UsageRange.h"
#include "ui/ErrorBanner.h"
#include "ui/TextStyle.h"
#include "ui/charts/UsageCharts.h"
#include "ui/overview/StatTile.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QVBoxLayout>

namespace {

QChartView *chartView(const QString &name, const QString &accessibleName, QWidget *parent) {
    auto *view = new QChartView(new QChart, parent);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(240);
    view->setToolTip(QCoreApplication::translate("OverviewPage", "Click a model or key to see its usage"));
    return view;
}

void replaceChart(QChartView *view, QChart *chart) {
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QString percent(double share) {
    return QLocale().toString(share * 100, 'f', 1) + u'%';
}

} // namespace

OverviewPage::OverviewPage(QWidget *parent)
    : Page(parent) {
    setObjectName(QStringLiteral("overviewPage"));
    auto *title = textstyle::title(tr("Overview"), this);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("overviewSubtitle"));
    textstyle::setMuted(m_subtitle);
    auto *heading = new QHBoxLayout;
    heading->addWidget(title);
    heading->addSpacing(12);
    heading->addWidget(m_subtitle, 1);

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &OverviewPage::reload);

    const QList<std::pair<QString, QString>> tiles{
        {QStringLiteral("spend"), tr("Spend")},
        {QStringLiteral("requests"), tr("Requests")},
        {QStringLiteral("success"), tr("Success rate")},
        {QStringLiteral("tokens"), tr("Tokens")},
        {QStringLiteral("active_keys"), tr("Active keys")},
        {QStringLiteral("budget_keys"), tr("Keys over or near budget")},
        {QStringLiteral("expiring_keys"), tr("Keys expiring within 7 days")},
        {QStringLiteral("unrestricted_keys"), tr("Unrestricted keys")},
    };
    auto *grid = new QGridLayout;
    grid->setSpacing(8);
    for (const auto &[name, label] : tiles) {
        auto *tile = new StatTile(QStringLiteral("tile_") + name, label, this);
        grid->addWidget(tile, int(m_tiles.size()) / 4, int(m_tiles.size()) % 4);
        m_tiles << tile;
    }
    const QList<std::pair<QString, QList<KeyRisk>>> links{
        {QStringLiteral("budget_keys"), {KeyRisk::OverBudget, KeyRisk::NearBudget}},
        {QStringLiteral("expiring_keys"), {KeyRisk::ExpiresSoon}},
        {QStringLiteral("unrestricted_keys"), {KeyRisk::Unrestricted}},
    };
    for (const auto &[name, risks] : links)
        connect(tile(name), &StatTile::clicked, this, [this, risks] { emit keysRequested(risks); });
    connect(tile(QStringLiteral("active_keys")), &StatTile::clicked, this,
            [this] { emit keysRequested({}, true); });

    m_models = chartView(QStringLiteral("overviewModels"), tr("Spend by model, last 30 days"), this);
    m_topKeys = chartView(QStringLiteral("overviewTopKeys"), tr("Top keys by spend, last 30 days"), this);
    auto *charts = new QHBoxLayout;
    charts->addWidget(m_models, 1);
    charts->addWidget(m_topKeys, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(heading);
    layout->addWidget(m_banner);
    layout->addLayout(grid);
    layout->addLayout(charts, 1);
}

OverviewPage::~OverviewPage() = default;

StatTile *OverviewPage::tile(const QString &name) const {
    for (StatTile *t : m_tiles)
        if (t->objectName() == QStringLiteral("tile_") + name)
            return t;
    return nullptr;
}

void OverviewPage::setContext(const PageContext &context) {
    if (context.client == m_context.client && context.scope == m_context.scope) {
        m_context = context;
        return;
    }
    m_context = context;
    delete m_fetcher.data();
    delete m_keys.data();
    setBusy(false);
    finishWork();
    m_report = UsageReport();
    m_usageDone = m_keysDone = false;
    m_banner->clear();
    for (StatTile *t : std::as_const(m_tiles)) {
        t->setValue(QStringLiteral("—"));
        t->setSeries({}, {});
    }
    m_subtitle->clear();
    replaceChart(m_models, new QChart);
    replaceChart(m_topKeys, new QChart);
    if (!context.client)
        return;
    m_fetcher = new ActivityFetcher(context.client, this);
    m_fetcher->setParts(UsageAggregator::Part::Days | UsageAggregator::Part::Models |
                        UsageAggregator::Part::Keys | UsageAggregator::Part::DayKeys);
    connect(m_fetcher, &ActivityFetcher::progress, this, [this](int done, int total) {
        m_subtitle->setText(tr("Loading the last %1 days: page %2 of %3…")
                                .arg(kDays)
                                .arg(done + 1 > total ? total : done + 1)
                                .arg(total));
        setWorkProgress(done, total, tr("Loading the overview: page %1 of %2").arg(done).arg(total));
    });
    connect(m_fetcher, &ActivityFetcher::finished, this, [this] {
        m_report = m_fetcher->report();
        m_usageDone = true;
        showUsage();
        settle();
    });
    connect(m_fetcher, &ActivityFetcher::failed, this, [this](const ApiError &error) {
        m_usageDone = true;
        if (error.kind != ApiError::Kind::Canceled)
            m_banner->showError(error);
        settle();
    });
    m_keys = new KeySample(context.client, this);
    connect(m_keys, &KeySample::finished, this, [this](const KeySampleSummary &summary) {
        m_keysDone = true;
        showKeys(summary);
        settle();
    });
    connect(m_keys, &KeySample::failed, this, [this](const ApiError &error) {
        m_keysDone = true;
        if (!m_fromIndex)
            for (const QString &name : {QStringLiteral("budget_keys"), QStringLiteral("expiring_keys")})
                tile(name)->setValue(QStringLiteral("?"),
                                     tr("The key list did not load: %1").arg(error.message));
        settle();
    });
    m_wantLoad = true;
    if (isVisible())
        reload();
}

void OverviewPage::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    if (m_wantLoad)
        reload();
}

bool OverviewPage::isLoading() const {
    return (m_fetcher && m_fetcher->isRunning()) || (m_keys && m_keys->isRunning());
}

void OverviewPage::reload() {
    if (!m_fetcher || !m_keys)
        return;
    m_wantLoad = false;
    m_usageDone = m_keysDone = m_canceled = false;
    m_banner->clear();
    const UsageRange range = UsageRange::fromPreset(UsageRange::Preset::Last30Days, UsageRange::todayUtc());
    ActivityQuery q;
    q.start = range.from;
    q.end = range.to;
    m_fetcher->start(q);
    m_keys->start();
    m_fromIndex = showIndexCounts();
    setBusy(true);
    startWork(tr("Loading the overview…"));
}

void OverviewPage::cancel() {
    if (!isLoading())
        return;
    m_canceled = true;
    if (m_keys->isRunning()) {
        m_keys->cancel();
        m_keysDone = true;
        if (!m_fromIndex)
            for (const QString &name : {QStringLiteral("budget_keys"), QStringLiteral("expiring_keys")})
                tile(name)->setValue(QStringLiteral("?"), tr("Loading was canceled."));
    }
    if (m_fetcher->isRunning())
        m_fetcher->cancel(); // settles through its failed()
    else
        settle();
}

void OverviewPage::settle() {
    if (!hasLoaded())
        return;
    setBusy(false);
    finishWork();
    emit statusMessage(m_canceled ? tr("Loading the overview was canceled; press F5 to load it again.")
                                  : tr("Overview loaded"));
}

void OverviewPage::showUsage() {
    const UsageMetrics &t = m_report.totals();
    const auto days = m_report.days();
    QList<double> spend, requests, success, tokens, activeKeys;
    QMap<QDate, int> keysByDay;
    for (const UsageCell &cell : m_report.cells(UsageReport::Dimension::Key))
        ++keysByDay[cell.date];
    for (const auto &[date, m] : days) {
        spend << m.spend;
        requests << double(m.apiRequests);
        if (m.apiRequests > 0)
            success << double(m.successfulRequests) / double(m.apiRequests) * 100;
        tokens << double(m.totalTokens);
        activeKeys << keysByDay.value(date);
    }
    const QString range =
        tr("%1 to %2 (UTC)").arg(m_report.from().toString(Qt::ISODate), m_report.to().toString(Qt::ISODate));
    m_subtitle->setText(tr("Last %1 days, %2 · as of %3 UTC")
                            .arg(kDays)
                            .arg(range, m_fetcher->asOf().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    tile(QStringLiteral("spend"))->setValue(formatUsd(t.spend), tr("last %1 days").arg(kDays));
    tile(QStringLiteral("spend"))->setSeries(spend, tr("Spend per day, %1").arg(range));
    tile(QStringLiteral("requests"))
        ->setValue(UsageTableModel::formatCount(t.apiRequests),
                   tr("%1 failed").arg(UsageTableModel::formatCount(t.failedRequests)));
    tile(QStringLiteral("requests"))->setSeries(requests, tr("Requests per day, %1").arg(range));
    tile(QStringLiteral("success"))
        ->setValue(t.apiRequests > 0 ? percent(double(t.successfulRequests) / double(t.apiRequests))
                                     : QStringLiteral("—"),
                   tr("of %1 requests").arg(UsageTableModel::formatCount(t.apiRequests)));
    tile(QStringLiteral("success"))->setSeries(success, tr("Success rate per day (%), %1").arg(range));
    tile(QStringLiteral("tokens"))
        ->setValue(UsageTableModel::formatCount(t.totalTokens),
                   tr("%1 prompt · %2 completion")
                       .arg(UsageTableModel::formatCount(t.promptTokens),
                            UsageTableModel::formatCount(t.completionTokens)));
    tile(QStringLiteral("tokens"))->setSeries(tokens, tr("Tokens per day, %1").arg(range));
    if (!m_activeFromIndex) {
        const qsizetype active = m_report.table(UsageReport::Dimension::Key).size();
        tile(QStringLiteral("active_keys"))
            ->setValue(QLocale().toString(active), tr("keys with usage in %1 days").arg(kDays));
    }
    tile(QStringLiteral("active_keys"))->setSeries(activeKeys, tr("Keys with usage per day, %1").arg(range));
    // No history of budgets exists: the budget tile's line is the spend that moves keys toward it.
    tile(QStringLiteral("budget_keys"))
        ->setSeries(spend, tr("Spend per day (what moves keys toward their budgets), %1").arg(range));

    UsageChartOptions o;
    o.theme = chartstyle::fromPalette(palette());
    o.topN = 6;
    replaceChart(m_models, UsageCharts::build(UsageChartKind::SpendByModelDonut, m_report, o));
    replaceChart(m_topKeys, UsageCharts::build(UsageChartKind::TopKeys, m_report, o));
    UsageCharts::onItemClicked(m_models->chart(), this, [this](const QString &id) {
        emit usageRequested(UsageReport::Dimension::Model, id, id);
    });
    UsageCharts::onItemClicked(m_topKeys->chart(), this, [this](const QString &id) {
        QString label = id;
        for (const UsageItem &item : m_report.items(UsageReport::Dimension::Key))
            if (item.name == id)
                label = UsageTableModel::displayName(item, UsageReport::Dimension::Key);
        emit usageRequested(UsageReport::Dimension::Key, id, label);
    });
}

bool OverviewPage::showIndexCounts() {
    m_activeFromIndex = false;
    for (const QString &name : {QStringLiteral("budget_keys"), QStringLiteral("expiring_keys"),
                                QStringLiteral("unrestricted_keys"), QStringLiteral("active_keys")})
        tile(name)->setLink({});
    const QString path = IndexDatabase::pathForScope(m_context.scope);
    if (m_context.scope.isEmpty() || !QFileInfo::exists(path))
        return false;
    KeyIndex index(path);
    if (!index.open() || !KeyIndexSync::lastSync(index).isValid())
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto count = [&](const QList<KeyRisk> &risks) {
        KeyIndexQuery q;
        q.risks = risks;
        return index.count(q, now);
    };
    const qint64 all = index.keyCount();
    const QString of =
        tr("of all %1 keys in the index (synced %2)")
            .arg(formatCount(all), KeyTableModel::relativeTime(KeyIndexSync::lastSync(index), now));
    const qint64 over = count({KeyRisk::OverBudget});
    const qint64 near = count({KeyRisk::NearBudget});
    tile(QStringLiteral("budget_keys"))
        ->setValue(formatCount(over + near),
                   tr("%1 over, %2 near (80%+) · %3").arg(formatCount(over), formatCount(near), of));
    tile(QStringLiteral("expiring_keys"))->setValue(formatCount(count({KeyRisk::ExpiresSoon})), of);
    tile(QStringLiteral("unrestricted_keys"))
        ->setValue(formatCount(count({KeyRisk::Unrestricted})), tr("may call every model · %1").arg(of));
    // Keys used in the last 30 days, by the last use the proxy reports for each key. A proxy that reports
    // none (older LiteLLM; not backfilled for keys unused since) keeps the count of keys with usage.
    KeyIndexQuery used;
    used.recentlyUsed = true;
    const qint64 active = index.count(used, now);
    if (active > 0 || count({KeyRisk::Idle}) > 0) {
        m_activeFromIndex = true;
        tile(QStringLiteral("active_keys"))
            ->setValue(formatCount(active),
                       tr("used in the last %1 days · %2").arg(keyrisk::kIdleDays).arg(of));
        tile(QStringLiteral("active_keys"))->setLink(tr("Show these keys on the Keys page"));
    }
    tile(QStringLiteral("budget_keys"))->setLink(tr("Show these keys on the Keys page"));
    tile(QStringLiteral("expiring_keys"))->setLink(tr("Show these keys on the Keys page"));
    tile(QStringLiteral("unrestricted_keys"))->setLink(tr("Show these keys on the Keys page"));
    return true;
}

void OverviewPage::showKeys(const KeySampleSummary &s) {
    const QLocale locale;
    if (m_fromIndex) { // exact counts are shown; the sample still draws the expiry line
        QList<double> expiries;
        for (int n : s.expiriesByDay)
            expiries << n;
        tile(QStringLiteral("expiring_keys"))
            ->setSeries(expiries, tr("Keys expiring on each of the next %1 days (UTC), of the keys checked")
                                      .arg(KeySampleSummary::kHorizonDays));
        return;
    }
    tile(QStringLiteral("unrestricted_keys"))
        ->setValue(QStringLiteral("—"), tr("Sync the key index on the Keys page to count these exactly"));
    QString checked;
    if (s.complete)
        checked = tr("of all %1 keys").arg(locale.toString(qint64(s.checked)));
    else if (s.total)
        checked = tr("of the %1 keys checked (the top spenders of %2)")
                      .arg(locale.toString(qint64(s.checked)), locale.toString(*s.total));
    else
        checked = tr("of the %1 keys checked (the top spenders)").arg(locale.toString(qint64(s.checked)));
    if (s.hashOnly) {
        const QString why = tr("the proxy sent key hashes only, so budgets and expiry dates are unknown");
        tile(QStringLiteral("budget_keys"))->setValue(QStringLiteral("?"), why);
        tile(QStringLiteral("expiring_keys"))->setValue(QStringLiteral("?"), why);
        return;
    }
    tile(QStringLiteral("budget_keys"))
        ->setValue(locale.toString(s.overBudget + s.nearBudget),
                   tr("%1 over, %2 near (80%+) · %3").arg(s.overBudget).arg(s.nearBudget).arg(checked));
    tile(QStringLiteral("expiring_keys"))->setValue(locale.toString(s.expiringSoon), checked);
    QList<double> expiries;
    for (int n : s.expiriesByDay)
        expiries << n;
    tile(QStringLiteral("expiring_keys"))
        ->setSeries(expiries, tr("Keys expiring on each of the next %1 days (UTC), %2")
                                  .arg(KeySampleSummary::kHorizonDays)
                                  .arg(checked));
}
