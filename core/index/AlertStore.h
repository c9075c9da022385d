#pragma once

#include "core/watch/Alert.h"
#include "core/watch/WatchRules.h"

#include <QDateTime>
#include <QList>
#include <QSet>

class KeyIndex;

// Watch's alerts on one connection, kept in its index database: the open ones (one per kind and subject)
// and the history of those that cleared, with acknowledgements and snoozes. A watch pass hands over what
// it found (record()); what it found before and no longer finds is cleared. The rules and what the last
// pass saw of the proxy are kept beside them.
class AlertStore {
public:
    static constexpr int kHistoryDays = 90; // cleared alerts are kept this long

    explicit AlertStore(KeyIndex &index);

    // What a pass found, for the kinds it checked (a pass that could not read usage leaves spike alerts
    // as they were). Opens new alerts, refreshes open ones (keeping `since`, acknowledgement and snooze),
    // clears the rest of those kinds. Returns the alerts opened now. False with lastError() on failure.
    bool record(const QList<Alert> &found, const QSet<Alert::Kind> &checked, const QDateTime &now,
                QList<Alert> *opened = nullptr);
    QList<Alert> open() const;             // most severe first, then oldest
    QList<Alert> history(int limit) const; // cleared, most recent first
    bool acknowledge(const QString &identity, const QDateTime &at);
    bool snooze(const QString &identity, const QDateTime &until); // an invalid time ends the snooze

    // Open, active alerts not yet posted to the connection's webhook (oldest first), and marking them posted:
    // an alert a failed post left out goes with the next one.
    QList<Alert> unsent(const QDateTime &now) const;
    bool markSent(const QList<Alert> &alerts, const QDateTime &at);

    WatchRules rules() const; // the defaults until set
    bool setRules(const WatchRules &rules);

    // The LiteLLM version the proxy last reported, and the one before while a change is recent (a day).
    // Returns the version it changed from, or empty.
    QString noteVersion(const QString &version, const QDateTime &now);

    QDateTime lastPass() const;
    bool setLastPass(const QDateTime &at);
    QString lastError() const { return m_error; }

private:
    bool fail(const class QSqlQuery &q) const;

    KeyIndex &m_index;
    mutable QString m_error;
};
