#include "Lease.h"

#include "core/api/Json.h"
#include "core/roles/KeyPlan.h"

#include <cmath>

QDateTime Lease::cap() const {
    return maxTtl.isZero() || !issuedAt.isValid() ? QDateTime() : maxTtl.addTo(issuedAt);
}

std::optional<qint64> Lease::secondsLeft(const QDateTime &now) const {
    if (!expires.isValid())
        return std::nullopt;
    return now.secsTo(expires);
}

bool Lease::expiresWithin(const QDateTime &now, qint64 seconds) const {
    const auto left = secondsLeft(now);
    return left && *left > 0 && *left <= seconds;
}

std::optional<Lease> Lease::fromKey(const QJsonObject &metadata, const QDateTime &expires) {
    const QString role = json::str(metadata.value(leasekeys::role));
    if (role.isEmpty())
        return std::nullopt;
    Lease l;
    l.role = role;
    l.issuedAt = json::dateTime(metadata.value(leasekeys::issuedAt));
    l.ttl = Duration::parse(json::str(metadata.value(leasekeys::ttl))).value_or(Duration{});
    l.maxTtl = Duration::parse(json::str(metadata.value(leasekeys::maxTtl))).value_or(Duration{});
    l.expires = expires;
    return l;
}

RenewPlan planRenewal(const Lease &lease, const QDateTime &now) {
    RenewPlan p;
    if (lease.ttl.isZero() && lease.maxTtl.isZero()) {
        p.message = QStringLiteral("This key never expires; there is nothing to renew.");
        return p;
    }
    const QDateTime cap = lease.cap();
    QDateTime target = lease.ttl.isZero() ? cap : lease.ttl.addTo(now);
    if (cap.isValid() && target > cap) {
        target = cap;
        p.capped = true;
    }
    if (lease.expires.isValid() && target <= lease.expires) {
        p.message = QStringLiteral("The lease is already at its maximum TTL (%1 after issue); it expires %2 "
                                   "and cannot be extended.")
                        .arg(lease.maxTtl.toDisplay(), json::isoUtc(lease.expires));
        return p;
    }
    if (target <= now) {
        p.message = QStringLiteral("The lease has passed its maximum TTL; revoke it and issue a new key.");
        return p;
    }
    p.possible = true;
    p.newExpiry = target;
    p.duration = QString::number(static_cast<qint64>(std::ceil(now.msecsTo(target) / 1000.0))) + u's';
    if (p.capped)
        p.message = QStringLiteral(
                        "Renewed up to the role's maximum TTL (%1 after issue); it cannot be renewed again.")
                        .arg(lease.maxTtl.toDisplay());
    return p;
}

QString formatTimeLeft(std::optional<qint64> seconds) {
    if (!seconds)
        return QStringLiteral("never");
    const qint64 s = std::llabs(*seconds);
    QString text;
    if (s >= 86400)
        text = QStringLiteral("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
    else if (s >= 3600)
        text = QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    else
        text = QStringLiteral("%1 min").arg(std::max<qint64>(1, s / 60));
    return *seconds < 0 ? QStringLiteral("expired %1 ago").arg(text) : text;
}
