#pragma once

#include "core/api/ActivityQuery.h"
#include "core/api/ApiError.h"
#include "core/usage/UsageAggregator.h"
#include "core/usage/UsageReport.h"
#include "core/watch/Alert.h"
#include "core/watch/WatchEvaluator.h"
#include "core/watch/WatchRules.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLockFile>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class ActivityFetcher;
class BudgetReader;
class KeyIndex;
class KeyIndexSync;
class ProxyClient;

// What one watch pass did.
struct WatchReport {
    bool ok = false;
    bool busy = false;    // another pass on this connection was running: this one did nothing
    ApiError error;       // when !ok and !busy: why the pass could not run (a refused key, a cancel)
    QString message;      // one line for a person when !ok
    QList<Alert> open;    // every open alert on the connection after the pass
    QList<Alert> opened;  // those this pass opened (for notifications and webhooks)
    QStringList warnings; // what could not be read (those alerts were left as they were)
    int requests = 0;     // requests made to the proxy (on its client, while the pass ran)
    qint64 elapsedMs = 0;
};

// One watch pass over a connection, gently: the proxy's health (liveliness, readiness), the key index
// brought up to date (an unchanged proxy costs one request), the budgets above the keys when the index's
// copy is 5 minutes old, and the last baseline + 2 days of usage through the aggregated daily activity
// route (proxy-wide, then per team); one request at a time where the parts allow. What it finds is
// evaluated under the connection's rules and recorded in its AlertStore. Only one pass runs on a
// connection at a time, across processes (a lock file beside the index): a second one ends `busy`.
class WatchPass : public QObject {
    Q_OBJECT
public:
    WatchPass(ProxyClient *client, KeyIndex &index, QObject *parent = nullptr);
    ~WatchPass() override;

    // The rules to use instead of the connection's own (a rules file).
    void setRules(const WatchRules &rules) { m_rules = rules; }
    void start();
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString &step);
    void finished(const WatchReport &report);

private:
    void checkHealth();
    void syncIndex();
    void readBudgets();
    void readUsage();
    void readTeams();
    // The baseline + 2 days of daily activity in `scope`; `done` gets the report, or nothing and why.
    void fetchActivity(ActivityQuery::Scope scope, UsageAggregator::Parts parts,
                       std::function<void(std::optional<UsageReport>, const ApiError &)> done);
    void evaluate();
    void unreachable(const ApiError &error);
    void fail(const ApiError &error, const QString &message);
    void done();

    QPointer<ProxyClient> m_client;
    KeyIndex &m_index;
    std::optional<WatchRules> m_rules;
    WatchRules m_using;
    std::unique_ptr<QLockFile> m_lock;
    QDateTime m_now;
    QElapsedTimer m_clock;
    WatchHealth m_health;
    WatchReport m_report;
    QSet<Alert::Kind> m_checked;
    std::optional<UsageReport> m_usage;
    std::optional<UsageReport> m_teams;
    QPointer<KeyIndexSync> m_sync;
    QPointer<BudgetReader> m_budgets;
    QPointer<ActivityFetcher> m_fetcher;
    qint64 m_sentBefore = 0;
    int m_generation = 0;
    bool m_running = false;
};
