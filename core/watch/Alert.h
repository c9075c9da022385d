#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// One thing Watch found that an admin should know: a spend spike, a budget that is exhausted or runs out
// soon, a key or lease about to expire, a proxy that is not well. An alert is open while a watch pass
// still finds it and cleared by the first pass that does not (see AlertStore).
struct Alert {
    enum class Kind { SpendSpike, BudgetExhausted, BudgetForecast, Expiring, ProxyUnhealthy };
    enum class Subject { Key, Team, User, Model, Proxy };
    enum class Severity { Warning = 1, Critical = 2 };

    Kind kind = Kind::SpendSpike;
    Subject subjectType = Subject::Key;
    QString subject;     // key hash, team id, user id ("team id/user id" for a budget within a team), model
    QString subjectName; // alias, e-mail or name where known; empty otherwise
    std::optional<double> value;     // the day's spend, the budget's spend, days left; none for health
    std::optional<double> threshold; // what it was measured against
    QString message;                 // one line for a person, saying by how much
    QDateTime since;                 // when a pass first found it open
    QDate day;                       // a spike's UTC day (for the Usage page link); invalid otherwise
    QString leaseRole;               // an expiring key issued from this role (a lease: Renew applies)

    // Stored with the alert (AlertStore), for the Watch page.
    QDateTime clearedAt;    // invalid while open
    QDateTime acknowledged; // invalid unless acknowledged
    QDateTime snoozedUntil; // invalid unless snoozed

    // What makes an alert the same alert from one pass to the next: its kind and subject.
    QString identity() const;
    Severity severity() const;
    bool isOpen() const { return !clearedAt.isValid(); }
    // Open, not acknowledged and not snoozed at `now`: what counts for the tray and the exit code.
    bool isActive(const QDateTime &now) const;

    // The JSON fields scripts read: kind, subject_type, subject, subject_name, value, threshold, message,
    // since (and day, lease_role where they apply).
    QJsonObject toJson() const;
    static Alert fromJson(const QJsonObject &o);

    static QString kindName(Kind kind);           // spend_spike, budget_exhausted, ...
    static QString kindLabel(Kind kind);          // "Spend spike", ...
    static QString subjectTypeName(Subject type); // key, team, user, model, proxy
    static std::optional<Kind> kindFromName(const QString &name);
    static std::optional<Subject> subjectFromName(const QString &name);
};
