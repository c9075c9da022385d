#pragma once

#include "core/api/ActivityQuery.h"
#include "core/usage/BudgetStart.h"
#include "core/usage/UsageRange.h"
#include "core/usage/UsageReport.h"
#include "ui/Page.h"
#include "ui/charts/ChartRenderer.h"
#include "ui/charts/UsageCharts.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <optional>

class ActivityFetcher;
class ChartPanel;
class ErrorBanner;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class UsageDayModel;
class UsageFilterBar;
class UsageTableModel;

// Who spent what over a range of UTC days: the filter bar (scope, dates, model and key filters), then
// each chart with its table. Loading shows "page x of y" with Cancel, and the charts fill in as pages
// arrive (redrawn at most a few times a second). Clicking a model or key narrows the page to it. The
// last range and scope are remembered per connection. Any chart or table exports to a file, and the
// whole page to one PDF.
class UsagePage : public Page {
    Q_OBJECT
public:
    static constexpr int kRedrawIntervalMs = 250;

    explicit UsagePage(QWidget *parent = nullptr);
    ~UsagePage() override;

    void setContext(const PageContext &context) override;
    // Loads with the filter bar's settings (cancelling a load under way).
    void reload() override;
    void cancel() override;
    bool isLoading() const;
    // A load finished and every chart shows it.
    bool hasLoaded() const { return m_loaded && m_pending.isEmpty() && !m_totalPending; }
    // Over several tags: the proxy's own totals for the range (the tag sum counts a request per tag).
    const std::optional<UsageMetrics> &proxyTotal() const { return m_proxyTotal; }

    const UsageReport &report() const { return m_report; }
    const ActivityQuery &lastQuery() const { return m_lastQuery; }
    UsageFilterBar *filterBar() const { return m_filters; }
    ChartPanel *panel(UsageChartKind kind) const;
    // How many times the charts were redrawn in the last load (partial and final).
    int redrawCount() const { return m_redraws; }
    // Longest single step of a redraw in the last load (the tables, or one chart), in ms: what the
    // window waits for at most, since each chart is rebuilt on its own turn of the event loop.
    qint64 longestRedrawMs() const { return m_longestRedrawMs; }

    // Export helpers the menus call (and tests): each returns an error message or empty.
    QString exportChart(UsageChartKind kind, const QString &path, ChartFormat format, QSize size,
                        ChartTheme theme) const;
    QString exportTable(UsageChartKind kind, const QString &path) const; // .csv or .json
    QString exportReport(const QString &path) const;

    // Narrows the page to one model or key (a click on a chart or table) and reloads.
    void narrowTo(UsageReport::Dimension dimension, const QString &id);
    // Shows the usage of one user, team or tag over the range chosen, without model or key filter.
    void showScope(ActivityQuery::Scope scope, const QString &id);
    // Shows one model's or key's usage across the whole proxy over `range` (the Overview's charts).
    void showItem(UsageReport::Dimension dimension, const QString &id, const QString &label,
                  const UsageRange &range);

signals:
    void loaded();

protected:
    QWidget *filterWidget() const override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // `report` with its models by public name when that is chosen and the model list is known.
    UsageReport shown(const UsageReport &report) const;
    void buildPanels(QWidget *host);
    void onProgress(int done, int total);
    void onFinished();
    void onFailed(const ApiError &error);
    void redraw();
    void redrawPanel(ChartPanel *panel);
    void drawNext(int generation);
    void loadEnded();
    void emitLoadedWhenDone(); // once the charts are drawn and the proxy total (if any) is in
    void fetchProxyTotal(const ActivityQuery &query);
    void showTotals();
    QStringList reportTotals() const; // the lines on the first page of the PDF report
    void setLoading(bool loading);
    void fetchBudget(const ActivityQuery &query);
    void fetchBudgetStart(const ActivityQuery &query, const budgetstart::Budget &budget);
    void restoreSettings();
    void saveSettings() const;
    void askExportChart(UsageChartKind kind);
    void askExportTable(UsageChartKind kind);
    void askExportReport();
    // Says the file was saved (and remembers its folder), or shows why not in a message over the page.
    void reportExport(const QString &file, const QString &error);
    UsageChartOptions chartOptions(ChartTheme theme) const;
    ChartTheme screenTheme() const;

    PageContext m_context;
    QPointer<ActivityFetcher> m_fetcher;
    UsageReport m_report; // as shown: models grouped by public name when chosen
    QComboBox *m_modelNaming = nullptr;
    QHash<QString, QString> m_publicNames; // deployment -> public name, from the connection's model list
    ActivityQuery m_lastQuery;
    QDateTime m_asOf;
    QPointer<ActivityFetcher> m_totalFetcher; // the proxy total, when tags overlap
    std::optional<UsageMetrics> m_proxyTotal;
    bool m_totalPending = false;
    std::optional<budgetstart::Budget> m_budget;
    std::optional<budgetstart::Start> m_budgetStart; // once known, the budget line is drawn
    QPointer<ActivityFetcher> m_budgetFetcher;       // the scope's spend from the budget's start
    int m_budgetGeneration = 0;
    bool m_loaded = false;
    bool m_wantLoad = false; // connected while hidden: load when shown
    int m_redraws = 0;
    qint64 m_longestRedrawMs = 0;
    QList<QPointer<ChartPanel>> m_pending; // charts still to rebuild for the current figures
    int m_drawGeneration = 0;
    bool m_loadEnded = false; // loaded() is due once the charts are drawn
    QTimer m_redrawTimer;

    UsageFilterBar *m_filters = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_asOfLabel = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_overlapNote = nullptr;
    QWidget *m_progressRow = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_cancel = nullptr;
    UsageDayModel *m_days = nullptr;
    UsageTableModel *m_models = nullptr;
    UsageTableModel *m_keys = nullptr;
    UsageTableModel *m_entities = nullptr;
    QList<ChartPanel *> m_panels;
};
