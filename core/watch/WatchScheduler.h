#pragma once

#include "core/api/ProxyClient.h"
#include "core/watch/WatchPass.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

// Watches connections in the background, one pass at a time across all of them, gently: a connection's
// next pass is due its rules' interval after its last one (kept in its key index, so the CLI's timer and
// the app share the pace), and a connection whose pass fails waits a whole interval too.
class WatchScheduler : public QObject {
    Q_OBJECT
public:
    struct Target {
        QString scope; // the connection's index scope (profile id, "demo", URL)
        QString name;  // what to call it in notifications
        QPointer<ProxyClient> client;
    };
    // What the scheduler knows of a connection after its last pass.
    struct State {
        QString name;
        QList<Alert> open; // every open alert (acknowledged and snoozed ones too)
        QDateTime lastPass;
        int intervalMinutes = WatchRules().intervalMinutes; // the connection's rules
        QDateTime failedAt; // the last pass that did not run, if later than lastPass
        QString problem;    // why the last pass did not run, or empty
    };

    static constexpr int kTickMs = 30000;

    explicit WatchScheduler(QObject *parent = nullptr);
    ~WatchScheduler() override;

    // Adds or replaces the connection with `target.scope`.
    void setTarget(const Target &target);
    void removeTarget(const QString &scope);
    QStringList scopes() const { return m_targets.keys(); }

    void start(); // passes from now on, as they fall due
    void stop();  // cancels the pass that runs
    bool isActive() const { return m_timer.isActive(); }
    // A pass for `scope` next (after the one that runs), whatever its interval.
    void runNow(const QString &scope);
    // Stops the pass that runs (the connection waits its interval before the next).
    void cancelPass();
    bool isPassRunning() const { return !m_pass.isNull(); }
    QString runningScope() const { return m_running; }

    QHash<QString, State> states() const { return m_states; }
    // The most severe alert that is open and neither acknowledged nor snoozed, over every connection;
    // nullopt when there is none.
    std::optional<Alert::Severity> worst(const QDateTime &now) const;
    // Rereads a connection's alerts, rules and last pass from its index (after an acknowledgement, a
    // snooze or new rules on the page).
    void refresh(const QString &scope);

signals:
    void passStarted(const QString &scope);
    void passFinished(const QString &scope, const WatchReport &report);
    void statesChanged();

private:
    void tick();
    void runPass(const QString &scope);
    QDateTime dueAt(const State &state) const;

    QHash<QString, Target> m_targets;
    QHash<QString, State> m_states;
    QStringList m_asked; // runNow() order
    QTimer m_timer;
    QPointer<WatchPass> m_pass;
    std::unique_ptr<class KeyIndex> m_index; // the running pass's
    QString m_running;
};
