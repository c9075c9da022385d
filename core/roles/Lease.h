#pragma once

#include "core/roles/Duration.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

// A key issued from a role, seen as a lease: issued at a time, for a TTL, renewable up to a maximum.
// Rebuilt from the metadata stamped on the key (see leasekeys) and the key's `expires`.
struct Lease {
    QString role;
    QDateTime issuedAt;
    Duration ttl;
    Duration maxTtl;
    QDateTime expires; // invalid: never expires

    // issued + max TTL; invalid when there is no maximum.
    QDateTime cap() const;
    bool isExpired(const QDateTime &now) const { return expires.isValid() && expires <= now; }
    // Seconds until expiry (negative once expired); nullopt when it never expires.
    std::optional<qint64> secondsLeft(const QDateTime &now) const;
    bool expiresWithin(const QDateTime &now, qint64 seconds) const;

    static std::optional<Lease> fromKey(const QJsonObject &metadata, const QDateTime &expires);
};

// What renewing a lease now would do.
struct RenewPlan {
    bool possible = false;
    QDateTime newExpiry;
    QString duration;    // the /key/update `duration` that gives newExpiry ("5400s")
    bool capped = false; // the new expiry was cut at issue time + max TTL
    QString message;     // why not, or that the cap was reached
};

RenewPlan planRenewal(const Lease &lease, const QDateTime &now);
// "3 d 4 h", "45 min", "expired 2 h ago", "never"
QString formatTimeLeft(std::optional<qint64> seconds);
