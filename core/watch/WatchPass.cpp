#include "core/watch/WatchPass.h"

#include "core/api/HealthApi.h"
#include "core/api/ProxyClient.h"
#include "core/budget/BudgetReader.h"
#include "core/index/AlertStore.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/usage/ActivityFetcher.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWatch, "desk.watch")

namespace {

bool isUnreachable(const ApiError &e) {
    return e.kind == ApiError::Kind::Network || e.kind == ApiError::Kind::Timeout ||
           e.kind == ApiError::Kind::Tls;
}

} // namespace

WatchPass::WatchPass(ProxyClient *client, KeyIndex &index, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_index(index) {}

WatchPass::~WatchPass() {
    ++m_generation;
    if (m_sync)
        m_sync->disconnect(this);
    if (m_budgets)
        m_budgets->disconnect(this);
    if (m_fetcher)
        m_fetcher->disconnect(this);
}

void WatchPass::start() {
    if (m_running)
        return;
    m_report = WatchReport();
    m_clock.start();
    m_sentBefore = m_client ? m_client->requestsSent() : 0;
    m_lock = std::make_unique<QLockFile>(m_index.path() + QStringLiteral(".watch.lock"));
    m_lock->setStaleLockTime(0); // a pass can run long; a lock is stale only when its process is gone
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        m_lock.reset();
        m_report.busy = true;
        m_report.message = QStringLiteral("Another watch pass on this connection is running (process %1); "
                                          "this one was skipped")
                               .arg(pid);
        emit finished(m_report);
        return;
    }
    m_running = true;
    m_now = QDateTime::currentDateTimeUtc();
    m_using = m_rules ? *m_rules : AlertStore(m_index).rules();
    m_health = WatchHealth();
    m_checked = {Alert::Kind::ProxyUnhealthy};
    m_usage.reset();
    m_teams.reset();
    checkHealth();
}

void WatchPass::cancel() {
    if (!m_running)
        return;
    ApiError e;
    e.kind = ApiError::Kind::Canceled;
    e.message = QStringLiteral("Canceled");
    fail(e, QStringLiteral("The watch pass was stopped; alerts are as the last pass left them"));
}

void WatchPass::checkHealth() {
    emit progress(QStringLiteral("Checking the proxy's health"));
    const int generation = ++m_generation;
    api::liveliness(*m_client, this, [this, generation](Expected<bool> alive) {
        if (generation != m_generation)
            return;
        m_health.checked = true;
        if (!alive && isUnreachable(alive.error()))
            return unreachable(alive.error());
        api::readiness(*m_client, this, [this, generation](Expected<Readiness> r) {
            if (generation != m_generation)
                return;
            if (!r) {
                if (isUnreachable(r.error()))
                    return unreachable(r.error());
                m_health.ready = false;
                m_report.warnings << QStringLiteral("readiness: %1").arg(r.error().toString());
            } else {
                m_health.ready = r->ready;
                m_health.dbReported = r->dbReported();
                m_health.dbConnected = r->dbConnected();
                m_health.version = r->litellmVersion;
            }
            m_health.previousVersion = AlertStore(m_index).noteVersion(m_health.version, m_now);
            syncIndex();
        });
    });
}

void WatchPass::unreachable(const ApiError &error) {
    m_health.reachable = false;
    m_health.unreachable = error.message.isEmpty() ? error.toString() : error.message;
    evaluate();
}

void WatchPass::syncIndex() {
    emit progress(QStringLiteral("Bringing the key index up to date"));
    m_sync = new KeyIndexSync(*m_client, m_index, this);
    connect(m_sync, &KeyIndexSync::finished, this, [this](const SyncReport &r) {
        m_sync->deleteLater();
        if (!r.ok) {
            if (r.canceled)
                return;
            if (isUnreachable(r.error))
                return unreachable(r.error);
            return fail(r.error, r.message);
        }
        m_checked << Alert::Kind::Expiring;
        readBudgets();
    });
    SyncOptions options;
    options.unreachableRetries = 1;
    m_sync->start(options);
}

void WatchPass::readBudgets() {
    if (!m_using.budgets || !m_index.budgetsDue(m_now))
        return readUsage();
    emit progress(QStringLiteral("Reading team, user and proxy budgets"));
    m_budgets = new BudgetReader(m_client, this);
    connect(m_budgets, &BudgetReader::finished, this, [this](const BudgetBook &book) {
        m_budgets->deleteLater();
        if (!m_index.storeBudgets(book))
            m_report.warnings << QStringLiteral("budgets could not be stored: %1").arg(m_index.lastError());
        m_report.warnings << book.warnings;
        readUsage();
    });
    connect(m_budgets, &BudgetReader::failed, this, [this](const ApiError &error) {
        m_budgets->deleteLater();
        if (isUnreachable(error))
            return unreachable(error);
        m_report.warnings << QStringLiteral("budgets: %1").arg(error.toString());
        readUsage();
    });
    m_budgets->start();
}

void WatchPass::readUsage() {
    if (!m_using.spikes && !m_using.budgets)
        return evaluate();
    emit progress(QStringLiteral("Reading the last %1 days of usage").arg(m_using.baselineDays + 2));
    using Part = UsageAggregator::Part;
    fetchActivity(ActivityQuery::Scope::User,
                  Part::Days | Part::Keys | Part::DayKeys | Part::Models | Part::DayModels,
                  [this](std::optional<UsageReport> report, const ApiError &error) {
                      if (!report) {
                          m_report.warnings << QStringLiteral("usage: %1").arg(error.toString());
                          return evaluate();
                      }
                      m_usage = std::move(report);
                      m_checked << Alert::Kind::SpendSpike << Alert::Kind::BudgetForecast
                                << Alert::Kind::BudgetExhausted;
                      readTeams();
                  });
}

void WatchPass::readTeams() {
    emit progress(QStringLiteral("Reading the teams' usage"));
    fetchActivity(ActivityQuery::Scope::Team,
                  UsageAggregator::Part::Entities | UsageAggregator::Part::DayEntities,
                  [this](std::optional<UsageReport> report, const ApiError &error) {
                      if (report)
                          m_teams = std::move(report);
                      else // teams are then summed from their keys' usage
                          m_report.warnings << QStringLiteral("team usage: %1").arg(error.toString());
                      evaluate();
                  });
}

void WatchPass::fetchActivity(ActivityQuery::Scope scope, UsageAggregator::Parts parts,
                              std::function<void(std::optional<UsageReport>, const ApiError &)> done) {
    m_fetcher = new ActivityFetcher(m_client, this);
    m_fetcher->setParts(parts);
    connect(m_fetcher, &ActivityFetcher::finished, this, [this, done] {
        UsageReport report = m_fetcher->takeReport();
        m_fetcher->deleteLater();
        done(std::move(report), {});
    });
    connect(m_fetcher, &ActivityFetcher::failed, this, [this, done](const ApiError &error) {
        m_fetcher->deleteLater();
        if (error.kind == ApiError::Kind::Canceled)
            return;
        if (isUnreachable(error))
            return unreachable(error);
        done(std::nullopt, error);
    });
    ActivityQuery q;
    q.scope = scope;
    q.end = m_now.date();
    q.start = watcheval::usageFrom(q.end, m_using);
    m_fetcher->start(q);
}

void WatchPass::evaluate() {
    emit progress(QStringLiteral("Evaluating"));
    WatchInput in;
    in.now = m_now;
    in.health = m_health;
    if (!m_using.health)
        in.health.checked = false;
    const BudgetBook book = m_index.budgets();
    if (m_health.reachable) {
        if (m_usage) {
            in.usage = &*m_usage;
            QStringList tokens;
            const UsageTable &keys = m_usage->table(UsageReport::Dimension::Key);
            tokens.reserve(keys.size());
            for (int i = 0; i < keys.size(); ++i)
                tokens << keys.name(i);
            for (KeyRecord &k : m_index.keys(tokens))
                in.keys.insert(k.token, std::move(k));
        }
        if (m_teams)
            in.teams = &*m_teams;
        in.budgets = &book;
        if (m_checked.contains(Alert::Kind::Expiring))
            in.expiring = m_index.expiring(m_now, m_now.addDays(m_using.expiryDays));
    }
    const QList<Alert> found = watcheval::evaluate(in, m_using);
    AlertStore store(m_index);
    if (!store.record(found, m_checked, m_now, &m_report.opened))
        m_report.warnings << QStringLiteral("alerts could not be stored: %1").arg(store.lastError());
    store.setLastPass(m_now);
    m_report.open = store.open();
    m_report.ok = true;
    done();
}

void WatchPass::fail(const ApiError &error, const QString &message) {
    ++m_generation;
    if (m_sync)
        m_sync->cancel();
    if (m_budgets) { // a read still running must not carry the pass on
        m_budgets->disconnect(this);
        m_budgets->deleteLater();
    }
    if (m_fetcher) {
        m_fetcher->disconnect(this);
        m_fetcher->cancel();
        m_fetcher->deleteLater();
    }
    m_report.ok = false;
    m_report.error = error;
    m_report.message = message.isEmpty() ? error.toString() : message;
    done();
}

void WatchPass::done() {
    m_report.elapsedMs = m_clock.elapsed();
    m_report.requests = m_client ? int(m_client->requestsSent() - m_sentBefore) : 0;
    m_running = false;
    m_lock.reset();
    qCDebug(lcWatch) << "watch pass" << m_report.ok << m_report.requests << "requests" << m_report.elapsedMs
                     << "ms";
    emit finished(m_report);
}
