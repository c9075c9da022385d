#include "KeyRisk.h"

#include <cmath>

namespace keyrisk {

namespace {
bool hasBudget(const KeyRecord &key) {
    return key.maxBudget && std::isfinite(*key.maxBudget);
}
} // namespace

bool isOverBudget(const KeyRecord &key) {
    return hasBudget(key) && key.spend >= *key.maxBudget;
}

bool isNearBudget(const KeyRecord &key) {
    return hasBudget(key) && !isOverBudget(key) && key.spend > *key.maxBudget * kNearBudgetShare;
}

bool hasNoBudget(const KeyRecord &key) {
    return !hasBudget(key); // a budget that is no number (NaN) limits nothing
}

bool expiresSoon(const KeyRecord &key, const QDateTime &now) {
    return key.expires.isValid() && key.expires > now && key.expires <= now.addDays(kExpiresSoonDays);
}

bool isUnrestricted(const KeyRecord &key) {
    return key.modelScope() == ModelScope::AllProxyModels;
}

bool isIdle(const KeyRecord &key, const QDateTime &now) {
    return key.lastActive.isValid() && key.lastActive < now.addDays(-kIdleDays);
}

bool isRecentlyUsed(const KeyRecord &key, const QDateTime &now) {
    return key.lastActive.isValid() && key.lastActive >= now.addDays(-kIdleDays);
}

QList<KeyRisk> risks(const KeyRecord &key, const QDateTime &now, const BudgetLadder &ladder) {
    QList<KeyRisk> out = risks(key, now);
    if (!key.hashOnly && ladder.isOverBudget() && !out.contains(KeyRisk::OverBudget))
        out.prepend(KeyRisk::OverBudget); // first in the enum's order
    return out;
}

QList<KeyRisk> risks(const KeyRecord &key, const QDateTime &now) {
    QList<KeyRisk> out;
    if (key.hashOnly)
        return out;
    if (isOverBudget(key))
        out << KeyRisk::OverBudget;
    if (isNearBudget(key))
        out << KeyRisk::NearBudget;
    if (hasNoBudget(key))
        out << KeyRisk::NoBudget;
    if (key.neverExpires())
        out << KeyRisk::NeverExpires;
    if (expiresSoon(key, now))
        out << KeyRisk::ExpiresSoon;
    if (isUnrestricted(key))
        out << KeyRisk::Unrestricted;
    if (key.isBlocked())
        out << KeyRisk::Blocked;
    if (isIdle(key, now))
        out << KeyRisk::Idle;
    return out;
}

KeyStatus status(const KeyRecord &key, const QDateTime &now) {
    if (key.deletedAt.isValid())
        return KeyStatus::Deleted;
    if (key.isBlocked())
        return KeyStatus::Blocked;
    if (key.isExpired(now))
        return KeyStatus::Expired;
    return KeyStatus::Active;
}

QList<KeyRisk> allRisks() {
    return {KeyRisk::OverBudget,  KeyRisk::NearBudget,   KeyRisk::NoBudget, KeyRisk::NeverExpires,
            KeyRisk::ExpiresSoon, KeyRisk::Unrestricted, KeyRisk::Blocked,  KeyRisk::Idle};
}

QString name(KeyRisk risk) {
    switch (risk) {
    case KeyRisk::OverBudget:
        return QStringLiteral("over_budget");
    case KeyRisk::NearBudget:
        return QStringLiteral("near_budget");
    case KeyRisk::NoBudget:
        return QStringLiteral("no_budget");
    case KeyRisk::NeverExpires:
        return QStringLiteral("never_expires");
    case KeyRisk::ExpiresSoon:
        return QStringLiteral("expires_soon");
    case KeyRisk::Unrestricted:
        return QStringLiteral("unrestricted_models");
    case KeyRisk::Blocked:
        return QStringLiteral("blocked");
    case KeyRisk::Idle:
        return QStringLiteral("idle");
    }
    return {};
}

QString label(KeyRisk risk) {
    switch (risk) {
    case KeyRisk::OverBudget:
        return QStringLiteral("over budget");
    case KeyRisk::NearBudget:
        return QStringLiteral(">80% budget");
    case KeyRisk::NoBudget:
        return QStringLiteral("no budget");
    case KeyRisk::NeverExpires:
        return QStringLiteral("never expires");
    case KeyRisk::ExpiresSoon:
        return QStringLiteral("expires soon");
    case KeyRisk::Unrestricted:
        return QStringLiteral("all proxy models");
    case KeyRisk::Blocked:
        return QStringLiteral("blocked");
    case KeyRisk::Idle:
        return QStringLiteral("idle 30d");
    }
    return {};
}

std::optional<KeyRisk> riskFromName(const QString &text) {
    for (const KeyRisk r : allRisks())
        if (name(r) == text)
            return r;
    return std::nullopt;
}

QStringList names(const QList<KeyRisk> &list) {
    QStringList out;
    for (const KeyRisk r : list)
        out << name(r);
    return out;
}

QString name(KeyStatus s) {
    switch (s) {
    case KeyStatus::Active:
        return QStringLiteral("active");
    case KeyStatus::Expired:
        return QStringLiteral("expired");
    case KeyStatus::Blocked:
        return QStringLiteral("blocked");
    case KeyStatus::Deleted:
        return QStringLiteral("deleted");
    }
    return {};
}

std::optional<KeyStatus> statusFromName(const QString &text) {
    for (const KeyStatus s : {KeyStatus::Active, KeyStatus::Expired, KeyStatus::Blocked, KeyStatus::Deleted})
        if (name(s) == text)
            return s;
    return std::nullopt;
}

} // namespace keyrisk
