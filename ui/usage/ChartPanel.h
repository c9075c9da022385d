#pragma once

#include "ui/charts/UsageCharts.h"

#include <QFrame>
#include <QList>

#include <optional>

class QAbstractItemModel;
class QChart;
class QChartView;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

// One chart of the Usage page with its table beside it: the table sorts by raw values and copies its
// selection (Ctrl+C) as tab-separated text; bars and slices show their value on hover; clicking a model
// or key (a bar, a slice, or a table row) asks to narrow the page to it; the Export button saves the
// chart (PNG, SVG, PDF) or the table (CSV, JSON).
class ChartPanel : public QFrame {
    Q_OBJECT
public:
    ChartPanel(UsageChartKind kind, QAbstractItemModel *model, int sortRole, QList<int> columns,
               QWidget *parent = nullptr);
    ~ChartPanel() override;

    UsageChartKind kind() const { return m_kind; }
    // Shows `chart` (taking it) in place of the current one.
    void setChart(QChart *chart);
    QChart *chart() const;
    QChartView *chartView() const { return m_view; }
    QTableView *table() const { return m_table; }
    QAbstractItemModel *model() const { return m_model; }
    const QList<int> &columns() const { return m_columns; }
    // The selected rows (all rows when none is selected) as tab-separated text with a header line.
    QString selectionText() const;
    void copySelection() const;

    static QString kindName(UsageChartKind kind); // "daily_spend", "spend_by_model", ...

signals:
    void itemClicked(UsageReport::Dimension dimension, const QString &id);
    void exportChartRequested(UsageChartKind kind);
    void exportTableRequested(UsageChartKind kind);

private:
    void hookClicks(QChart *chart);

    UsageChartKind m_kind;
    QAbstractItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QList<int> m_columns;
    QChartView *m_view = nullptr;
    QTableView *m_table = nullptr;
};
