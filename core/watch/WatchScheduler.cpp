#include "core/watch/WatchScheduler.h"

#include "core/index/AlertStore.h"
#include "core/index/IndexDatabase.h"
#include "core/index/KeyIndex.h"

WatchScheduler::WatchScheduler(QObject *parent)
    : QObject(parent) {
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &WatchScheduler::tick);
}

WatchScheduler::~WatchScheduler() {
    if (m_pass) {
        m_pass->disconnect(this);
        delete m_pass;
    }
}

void WatchScheduler::setTarget(const Target &target) {
    m_targets.insert(target.scope, target);
    m_states[target.scope].name = target.name;
    refresh(target.scope);
    if (m_timer.isActive())
        QTimer::singleShot(0, this, &WatchScheduler::tick); // a new connection may be due at once
}

void WatchScheduler::removeTarget(const QString &scope) {
    m_targets.remove(scope);
    m_states.remove(scope);
    m_asked.removeAll(scope);
    emit statesChanged();
}

void WatchScheduler::start() {
    if (!m_timer.isActive()) {
        m_timer.start();
        QTimer::singleShot(0, this, &WatchScheduler::tick);
    }
}

void WatchScheduler::stop() {
    m_timer.stop();
    cancelPass();
}

void WatchScheduler::cancelPass() {
    if (m_pass)
        m_pass->cancel();
}

void WatchScheduler::runNow(const QString &scope) {
    if (!m_asked.contains(scope))
        m_asked << scope;
    QTimer::singleShot(0, this, &WatchScheduler::tick);
}

void WatchScheduler::refresh(const QString &scope) {
    KeyIndex index(IndexDatabase::pathForScope(scope));
    if (!index.open())
        return;
    AlertStore store(index);
    State &s = m_states[scope];
    s.open = store.open();
    s.lastPass = store.lastPass();
    s.intervalMinutes = store.rules().intervalMinutes;
    emit statesChanged();
}

std::optional<Alert::Severity> WatchScheduler::worst(const QDateTime &now) const {
    std::optional<Alert::Severity> out;
    for (const State &s : m_states)
        for (const Alert &a : s.open)
            if (a.isActive(now) && (!out || a.severity() > *out))
                out = a.severity();
    return out;
}

// From what the last refresh or pass left in the state: no I/O on the timer's every tick.
QDateTime WatchScheduler::dueAt(const State &state) const {
    QDateTime last = state.lastPass;
    if (state.failedAt.isValid() && (!last.isValid() || state.failedAt > last))
        last = state.failedAt;
    return last.isValid() ? last.addSecs(qint64(state.intervalMinutes) * 60)
                          : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC); // never watched: now
}

void WatchScheduler::tick() {
    if (m_pass)
        return;
    while (!m_asked.isEmpty()) {
        const QString scope = m_asked.takeFirst();
        if (m_targets.contains(scope))
            return runPass(scope);
    }
    if (!m_timer.isActive())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString next;
    QDateTime nextDue;
    for (auto it = m_targets.cbegin(); it != m_targets.cend(); ++it) {
        if (!it->client)
            continue;
        const QDateTime due = dueAt(m_states.value(it.key()));
        if (due.isValid() && due <= now && (!nextDue.isValid() || due < nextDue))
            next = it.key(), nextDue = due;
    }
    if (!next.isEmpty())
        runPass(next);
}

void WatchScheduler::runPass(const QString &scope) {
    const Target target = m_targets.value(scope);
    State &state = m_states[scope];
    if (!target.client) {
        state.problem = QStringLiteral("not connected");
        emit statesChanged();
        return;
    }
    m_index = std::make_unique<KeyIndex>(IndexDatabase::pathForScope(scope));
    if (!m_index->open()) {
        state.problem = m_index->errorString();
        state.failedAt = QDateTime::currentDateTimeUtc();
        m_index.reset();
        emit statesChanged();
        return;
    }
    m_running = scope;
    m_pass = new WatchPass(target.client, *m_index, this);
    connect(m_pass, &WatchPass::finished, this, [this, scope](const WatchReport &report) {
        m_pass->deleteLater();
        m_pass.clear();
        m_running.clear();
        State &s = m_states[scope];
        if (report.ok) {
            s.open = report.open;
            s.lastPass = QDateTime::currentDateTimeUtc();
            s.problem.clear();
            s.failedAt = {};
        } else {
            s.problem = report.message;
            s.failedAt = QDateTime::currentDateTimeUtc();
        }
        m_index.reset();
        emit passFinished(scope, report);
        emit statesChanged();
        QTimer::singleShot(0, this, &WatchScheduler::tick);
    });
    emit passStarted(scope);
    m_pass->start();
}
