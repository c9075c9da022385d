#include "ChartPanel.h"

#include "core/itemmodels/UsageTableModel.h"
#include "ui/TableWidths.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

ChartPanel::ChartPanel(UsageChartKind kind, QAbstractItemModel *model, int sortRole, QList<int> columns,
                       QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
    , m_model(model)
    , m_columns(std::move(columns)) {
    const QString name = kindName(kind);
    setObjectName(QStringLiteral("panel_") + name);
    setFrameShape(QFrame::StyledPanel);

    m_view = new QChartView(this);
    m_view->setObjectName(QStringLiteral("chart_") + name);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumSize(360, 260);
    m_view->setAccessibleName(tr("%1, chart").arg(UsageCharts::title(kind)));

    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(sortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("table_") + name);
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("%1, table").arg(UsageCharts::title(kind)));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setMinimumWidth(300);
    for (int c = 0; c < model->columnCount(); ++c)
        m_table->setColumnHidden(c, !m_columns.contains(c));
    // Sized to the header and a sample of rows, not ResizeToContents: that measures thousands of rows on
    // every partial report.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    if (!m_columns.isEmpty())
        m_table->horizontalHeader()->setSectionResizeMode(m_columns.first(), QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    TableWidths::fit(m_table);
    // Days stay in order; items start with the biggest spender.
    const bool days = kind == UsageChartKind::DailySpendByModel || kind == UsageChartKind::TokensPerDay ||
                      kind == UsageChartKind::RequestsPerDay || kind == UsageChartKind::CumulativeSpend;
    m_table->sortByColumn(days ? 0 : int(UsageTableModel::Column::Spend),
                          days ? Qt::AscendingOrder : Qt::DescendingOrder);

    auto *copy = new QAction(tr("Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ChartPanel::copySelection);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    if (const auto dimension = UsageCharts::clickDimension(kind);
        dimension && qobject_cast<UsageTableModel *>(model)) {
        m_table->setToolTip(tr("Double-click a row (or press Enter) to show only its usage"));
        connect(m_table, &QAbstractItemView::activated, this,
                [this, d = *dimension](const QModelIndex &index) {
                    const QString id = index.data(UsageTableModel::IdRole).toString();
                    if (!id.isEmpty())
                        emit itemClicked(d, id);
                });
    }

    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("export_") + name);
    exportButton->setText(tr("Export"));
    exportButton->setToolTip(tr("Save this chart as PNG, SVG or PDF, or its table as CSV or JSON"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(exportButton);
    menu->addAction(tr("Chart as Image or PDF…"), this, [this] { emit exportChartRequested(m_kind); });
    menu->addAction(tr("Table as CSV or JSON…"), this, [this] { emit exportTableRequested(m_kind); });
    menu->addAction(tr("Copy Table"), this, &ChartPanel::copySelection);
    exportButton->setMenu(menu);

    auto *side = new QVBoxLayout;
    side->setSpacing(4);
    auto *tools = new QHBoxLayout;
    tools->addStretch();
    tools->addWidget(exportButton);
    side->addLayout(tools);
    side->addWidget(m_table, 1);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_view, 3);
    layout->addLayout(side, 2);
}

ChartPanel::~ChartPanel() = default;

QString ChartPanel::kindName(UsageChartKind kind) {
    switch (kind) {
    case UsageChartKind::DailySpendByModel:
        return QStringLiteral("daily_spend");
    case UsageChartKind::SpendByModel:
        return QStringLiteral("spend_by_model");
    case UsageChartKind::SpendByModelDonut:
        return QStringLiteral("spend_by_model_donut");
    case UsageChartKind::TopKeys:
        return QStringLiteral("top_keys");
    case UsageChartKind::TokensPerDay:
        return QStringLiteral("tokens_per_day");
    case UsageChartKind::RequestsPerDay:
        return QStringLiteral("requests_per_day");
    case UsageChartKind::CumulativeSpend:
        return QStringLiteral("cumulative_spend");
    case UsageChartKind::SpendByEntity:
        return QStringLiteral("spend_by_entity");
    }
    return {};
}

QChart *ChartPanel::chart() const {
    return m_view->chart();
}

void ChartPanel::setChart(QChart *chart) {
    QChart *old = m_view->chart();
    m_view->setChart(chart);
    old->deleteLater(); // a chart of many bars takes a while to tear down: not in this turn

    hookClicks(chart);
}

void ChartPanel::hookClicks(QChart *chart) {
    if (const auto dimension = UsageCharts::clickDimension(m_kind))
        UsageCharts::onItemClicked(chart, this,
                                   [this, d = *dimension](const QString &id) { emit itemClicked(d, id); });
}

QString ChartPanel::selectionText() const {
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty())
        for (int r = 0; r < m_proxy->rowCount(); ++r)
            rows << r;
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    QStringList header;
    for (int c : m_columns)
        header << m_proxy->headerData(c, Qt::Horizontal).toString();
    lines << header.join(u'\t');
    for (int r : rows) {
        QStringList cells;
        for (int c : m_columns)
            cells << m_proxy->index(r, c).data().toString();
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n') + u'\n';
}

void ChartPanel::copySelection() const {
    QApplication::clipboard()->setText(selectionText());
}
