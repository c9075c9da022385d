#include "KeyUpdate.h"

#include "core/roles/Duration.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace {

bool sameNumber(double a, double b) {
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

} // namespace

bool KeyUpdate::isEmpty() const {
    return !alias && !models && !maxBudget && !budgetDuration && !tpmLimit && !rpmLimit &&
           metadata.isEmpty() && !expiresIn && !clearMaxBudget && !clearTpmLimit && !clearRpmLimit;
}

std::optional<QString> KeyUpdate::validate() const {
    if (isEmpty())
        return QStringLiteral("nothing to change: give at least one field to update");
    if ((maxBudget && clearMaxBudget) || (tpmLimit && clearTpmLimit) || (rpmLimit && clearRpmLimit))
        return QStringLiteral("a budget or limit cannot be both set and removed");
    if (maxBudget && (!std::isfinite(*maxBudget) || *maxBudget < 0))
        return QStringLiteral("the max budget must be a number of dollars, 0 or more");
    if (tpmLimit && *tpmLimit < 0)
        return QStringLiteral("the TPM limit must be 0 or more");
    if (rpmLimit && *rpmLimit < 0)
        return QStringLiteral("the RPM limit must be 0 or more");
    if (budgetDuration) {
        const auto d = Duration::parse(*budgetDuration);
        if (!d || d->isZero())
            return QStringLiteral(
                       "the budget duration \"%1\" is not a duration such as 1h, 24h, 7d, 30d or 1mo")
                .arg(*budgetDuration);
    }
    if (expiresIn && !expiresIn->isEmpty()) {
        const auto d = Duration::parse(*expiresIn);
        if (!d || d->isZero())
            return QStringLiteral("the expiry \"%1\" is not a duration such as 30m, 12h, 30d, 2w or 1mo")
                .arg(*expiresIn);
    }
    if (models)
        for (const QString &m : *models)
            if (m.trimmed().isEmpty())
                return QStringLiteral("a model name is empty");
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        if (it.key().trimmed().isEmpty())
            return QStringLiteral("a metadata entry has no name (use name=value)");
    return std::nullopt;
}

QJsonObject KeyUpdate::toJson(const QJsonObject &currentMetadata) const {
    QJsonObject o;
    if (alias) {
        const QString a = alias->trimmed();
        o.insert(QStringLiteral("key_alias"), a.isEmpty() ? QJsonValue() : QJsonValue(a));
    }
    if (models)
        o.insert(QStringLiteral("models"), QJsonArray::fromStringList(*models));
    if (maxBudget)
        o.insert(QStringLiteral("max_budget"), *maxBudget);
    if (clearMaxBudget)
        o.insert(QStringLiteral("max_budget"), QJsonValue());
    if (clearTpmLimit)
        o.insert(QStringLiteral("tpm_limit"), QJsonValue());
    if (clearRpmLimit)
        o.insert(QStringLiteral("rpm_limit"), QJsonValue());
    if (budgetDuration)
        o.insert(QStringLiteral("budget_duration"), *budgetDuration);
    if (tpmLimit)
        o.insert(QStringLiteral("tpm_limit"), *tpmLimit);
    if (rpmLimit)
        o.insert(QStringLiteral("rpm_limit"), *rpmLimit);
    if (!metadata.isEmpty()) {
        QJsonObject merged = currentMetadata;
        for (auto it = metadata.begin(); it != metadata.end(); ++it)
            merged.insert(it.key(), it.value());
        o.insert(QStringLiteral("metadata"), merged);
    }
    if (expiresIn)
        o.insert(QStringLiteral("duration"), expiresIn->isEmpty() ? QJsonValue() : QJsonValue(*expiresIn));
    return o;
}

QStringList KeyUpdate::droppedFields(const KeyRecord &reply, const QDateTime &sentAt) const {
    QStringList out;
    if (alias && reply.keyAlias != alias->trimmed())
        out << QStringLiteral("key_alias");
    if (models && reply.models != *models)
        out << QStringLiteral("models");
    if (maxBudget && (!reply.maxBudget || !sameNumber(*reply.maxBudget, *maxBudget)))
        out << QStringLiteral("max_budget");
    if (budgetDuration && reply.budgetDuration != *budgetDuration)
        out << QStringLiteral("budget_duration");
    if (tpmLimit && reply.tpmLimit != tpmLimit)
        out << QStringLiteral("tpm_limit");
    if (rpmLimit && reply.rpmLimit != rpmLimit)
        out << QStringLiteral("rpm_limit");
    if (clearMaxBudget && reply.maxBudget)
        out << QStringLiteral("max_budget");
    if (clearTpmLimit && reply.tpmLimit)
        out << QStringLiteral("tpm_limit");
    if (clearRpmLimit && reply.rpmLimit)
        out << QStringLiteral("rpm_limit");
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        if (reply.metadata.value(it.key()) != it.value()) {
            out << QStringLiteral("metadata");
            break;
        }
    if (expiresIn) {
        if (expiresIn->isEmpty()) {
            if (reply.expires.isValid())
                out << QStringLiteral("duration");
        } else if (const auto d = Duration::parse(*expiresIn)) {
            // The proxy counts from its own clock: allow a few minutes of skew and transit.
            const QDateTime wanted = d->addTo(sentAt);
            if (!reply.expires.isValid() || std::abs(reply.expires.secsTo(wanted)) > 300)
                out << QStringLiteral("duration");
        }
    }
    return out;
}
