#pragma once

#include "core/api/ActivityQuery.h"
#include "core/usage/UsageReport.h"
#include "core/watch/Alert.h"
#include "core/watch/WatchRules.h"

#include "ui/Page.h"

#include <QDateTime>
#include <QPointer>

class AlertTableModel;
class ErrorBanner;
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTabWidget;
class QTableView;
class QToolButton;
class WatchScheduler;
struct WatchReport;

// What Watch found on the window's connection: the open alerts (acknowledge, snooze, open the usage or
// keys behind one, renew a lease about to expire), the history of those that cleared, and the rules with
// their thresholds. Passes run in the background through the app's WatchScheduler (one at a time over
// every watched connection); Watch now (F5) asks for one at once, Esc cancels it.
class WatchPage : public Page {
    Q_OBJECT
public:
    explicit WatchPage(QWidget *parent = nullptr);

    void setScheduler(WatchScheduler *scheduler);
    void setContext(const PageContext &context) override;
    void reload() override; // a pass now
    void cancel() override;

    // Rereads the connection's alerts and rules from its index.
    void refresh();
    void acknowledgeSelected();
    void snoozeSelected(int hours);
    void renewSelected();
    void openSelected();

signals:
    void usageRequested(UsageReport::Dimension dimension, const QString &id, const QString &label, QDate day);
    void scopeUsageRequested(ActivityQuery::Scope scope, const QString &id);
    void keyRequested(const QString &token);

private:
    QWidget *buildAlerts();
    QWidget *buildRules();
    void showRules(const WatchRules &rules);
    WatchRules rulesFromForm() const;
    void saveRules();
    void onPassFinished(const QString &scope, const WatchReport &report);
    void updateStatus();
    void updateActions();
    const Alert *selected() const;

    QPointer<WatchScheduler> m_scheduler;
    QString m_scope;
    QString m_profileName;
    QPointer<class ProxyClient> m_client;
    AlertTableModel *m_open = nullptr;
    AlertTableModel *m_history = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_openTable = nullptr;
    QTableView *m_historyTable = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    ErrorBanner *m_banner = nullptr;
    QPushButton *m_watchNow = nullptr;
    QPushButton *m_acknowledge = nullptr;
    QToolButton *m_snooze = nullptr;
    QPushButton *m_show = nullptr;
    QPushButton *m_renew = nullptr;
    QString m_lastReport;
    QDateTime m_lastPass; // as refresh() read it
    int m_intervalMinutes = WatchRules().intervalMinutes;
    static constexpr int kHistoryRows = 500;

    QCheckBox *m_spikes = nullptr;
    QCheckBox *m_budgets = nullptr;
    QCheckBox *m_expiry = nullptr;
    QCheckBox *m_health = nullptr;
    QSpinBox *m_baselineDays = nullptr;
    QDoubleSpinBox *m_madFactor = nullptr;
    QDoubleSpinBox *m_ratio = nullptr;
    QDoubleSpinBox *m_minIncrease = nullptr;
    QDoubleSpinBox *m_newKeySpend = nullptr;
    QSpinBox *m_burnDays = nullptr;
    QSpinBox *m_forecastDays = nullptr;
    QSpinBox *m_expiryDays = nullptr;
    QSpinBox *m_interval = nullptr;
    QLabel *m_rulesSaved = nullptr;
};
