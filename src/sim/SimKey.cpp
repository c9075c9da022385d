#include "SimKey.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace {

QJsonValue nullable(const QString &s) {
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

template <typename T> QJsonValue nullable(const std::optional<T> &v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString simTimestamp(qint64 msecsUtc, SimTimeStyle style) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msecsUtc, QTimeZone::utc());
    const QString base = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    switch (style) {
    case SimTimeStyle::Zulu:
        return base + u'Z';
    case SimTimeStyle::Offset:
        return base + u"+00:00";
    case SimTimeStyle::Microseconds:
        break;
    }
    return base + u'.' + QString::number(t.time().msec() * 1000, 10).rightJustified(6, u'0') + u"+00:00";
}

QJsonValue simTimestamp(std::optional<qint64> msecsUtc, SimTimeStyle style) {
    return msecsUtc ? QJsonValue(simTimestamp(*msecsUtc, style)) : QJsonValue(QJsonValue::Null);
}

QString simTokenOf(const QString &rawKey) {
    return QString::fromLatin1(QCryptographicHash::hash(rawKey.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString simKeyName(const QString &rawKey) {
    return QStringLiteral("sk-...") + rawKey.right(4);
}

QStringList SimKey::tags() const {
    QStringList out;
    for (const auto &t : metadata.value(QStringLiteral("tags")).toArray())
        out << t.toString();
    return out;
}

QJsonObject SimKey::toJson(bool listObject) const {
    QJsonObject o = extra;
    const auto put = [&o](const char *name, const QJsonValue &v) { o.insert(QLatin1String(name), v); };
    put("token", token);
    put("key_name", nullable(keyName));
    put("key_alias", nullable(alias));
    put("soft_budget_cooldown", false);
    put("spend", spend);
    put("expires", simTimestamp(expires, timeStyle));
    put("models", QJsonArray::fromStringList(models));
    put("aliases",
        o.value(QStringLiteral("aliases")).isObject() ? o.value(QStringLiteral("aliases")) : QJsonObject());
    put("config",
        o.value(QStringLiteral("config")).isObject() ? o.value(QStringLiteral("config")) : QJsonObject());
    put("user_id", nullable(userId));
    put("team_id", nullable(teamId));
    put("permissions", o.value(QStringLiteral("permissions")).isObject()
                           ? o.value(QStringLiteral("permissions"))
                           : QJsonObject());
    put("max_parallel_requests", nullable(maxParallelRequests));
    put("metadata", metadata);
    put("blocked", nullable(blocked));
    put("tpm_limit", nullable(tpmLimit));
    put("rpm_limit", nullable(rpmLimit));
    put("max_budget", nullable(maxBudget));
    put("budget_duration", nullable(budgetDuration));
    put("budget_reset_at", simTimestamp(budgetResetAt, timeStyle));
    if (!o.contains(QStringLiteral("allowed_cache_controls")))
        put("allowed_cache_controls", QJsonArray());
    if (!o.contains(QStringLiteral("allowed_routes")))
        put("allowed_routes", QJsonArray());
    put("model_spend", QJsonObject());
    if (!o.contains(QStringLiteral("model_max_budget")))
        put("model_max_budget", QJsonObject());
    put("budget_id", QJsonValue::Null);
    put("org_id", nullable(orgId));
    put("created_at", simTimestamp(createdAt, timeStyle));
    put("created_by", nullable(createdBy));
    put("updated_at", simTimestamp(updatedAt, timeStyle));
    put("updated_by", nullable(updatedBy));
    put("last_active", simTimestamp(lastActive, timeStyle));
    put("litellm_budget_table", QJsonValue::Null);
    put("object_permission_id", QJsonValue::Null);
    put("object_permission", QJsonValue::Null);
    if (deleted) {
        put("deleted_at", simTimestamp(deletedAt, timeStyle));
        put("deleted_by", nullable(deletedBy));
    }
    if (listObject) {
        for (const char *name :
             {"team_spend", "team_alias", "team_tpm_limit", "team_rpm_limit", "team_max_budget",
              "team_metadata", "team_member_spend", "user_role", "user_email", "end_user_id",
              "organization_max_budget", "api_key", "parent_otel_span"})
            put(name, QJsonValue::Null);
        put("team_models", QJsonArray());
        put("team_blocked", false);
    }
    return o;
}
