#pragma once

#include "ui/charts/ChartStyle.h"

#include "core/usage/UsageReport.h"

#include <QDate>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QChart;
class QObject;

// The charts of a usage report. Each is built fresh from the report (cheap: a few hundred points at
// most), so a view rebuilds it as pages arrive and an export builds its own copy at another size or
// theme. Bars and slices that stand for a model or key carry its id in the property "itemId" (a bar
// set of one item) or "itemIds" (a bar set whose bars are items, by index), for click-to-filter.
enum class UsageChartKind {
    DailySpendByModel, // stacked bars: spend per day, top models and "other"
    SpendByModel,      // horizontal bars
    SpendByModelDonut, // the same as a donut, for the overview
    TopKeys,           // horizontal bars: the keys that spent most
    TokensPerDay,      // stacked bars: prompt and completion tokens
    RequestsPerDay,    // stacked bars: successful and failed requests
    CumulativeSpend,   // line: spend so far, and the budget when there is one
    SpendByEntity,     // horizontal bars: spend by team or tag (entity scopes)
};

struct UsageChartOptions {
    ChartTheme theme = ChartTheme::Light;
    int topN = 8;                 // bars or stacked series before "other"
    std::optional<double> budget; // the scope's max_budget, for CumulativeSpend
    // CumulativeSpend against a budget: the spend already counted against it when the range starts, the
    // days a reset restarts the line from 0, and which of the two the line starts from (in its legend).
    double spendBefore = 0;
    QList<QDate> budgetResets;
    QString budgetBasis;  // "from $111.04 already spent", "since the reset on 2026-11-20"
    QString entityName;   // "team" or "tag", for SpendByEntity's title
    bool tooltips = true; // values on hover (views); exports show labels instead
};

class UsageCharts {
public:
    // A new chart (the caller owns it). Never null; an empty report gives an empty chart with a title.
    static QChart *build(UsageChartKind kind, const UsageReport &report, const UsageChartOptions &options);
    static QString title(UsageChartKind kind, const UsageChartOptions &options = {});
    // The dimension a click on the chart filters by (Model or Key), if any.
    static std::optional<UsageReport::Dimension> clickDimension(UsageChartKind kind);
    // Calls `clicked` with the model or key id when a bar or slice of `chart` that stands for one is
    // clicked ("other" stands for none). The connections live as long as `context` and the chart.
    static void onItemClicked(QChart *chart, QObject *context,
                              std::function<void(const QString &id)> clicked);
    // "model", "key", "day" as the CLI names charts.
    static std::optional<UsageChartKind> fromName(QStringView name);

    static constexpr int kAllKinds = 8;
};
