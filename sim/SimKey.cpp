#include "SimKey.h"

#include <QJsonDocument>

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

namespace {

void appendJsonString(QByteArray &out, const QString &s) {
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            }
        } else {
            out += c;
        }
    }
    out += '"';
}

QByteArray jsonString(const QString &s) {
    QByteArray out;
    out.reserve(s.size() + 2);
    appendJsonString(out, s);
    return out;
}

QByteArray jsonNullable(const QString &s) {
    return s.isNull() ? QByteArrayLiteral("null") : jsonString(s);
}

QByteArray jsonNumber(double d) {
    return QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

QByteArray jsonNullable(const std::optional<double> &v) {
    return v ? jsonNumber(*v) : QByteArrayLiteral("null");
}

QByteArray jsonNullable(const std::optional<qint64> &v) {
    return v ? QByteArray::number(*v) : QByteArrayLiteral("null");
}

QByteArray jsonNullable(const std::optional<bool> &v) {
    return v ? (*v ? QByteArrayLiteral("true") : QByteArrayLiteral("false")) : QByteArrayLiteral("null");
}

QByteArray jsonTime(const std::optional<qint64> &msecs, SimTimeStyle style) {
    return msecs ? jsonString(simTimestamp(*msecs, style)) : QByteArrayLiteral("null");
}

} // namespace

QByteArray SimKey::toJsonBytes(bool listObject) const {
    if (!extra.isEmpty())
        return QJsonDocument(toJson(listObject)).toJson(QJsonDocument::Compact);
    QByteArray models_ = "[";
    for (qsizetype i = 0; i < models.size(); ++i) {
        if (i)
            models_ += ',';
        appendJsonString(models_, models.at(i));
    }
    models_ += ']';
    const QByteArray null = QByteArrayLiteral("null");
    QList<std::pair<QByteArrayView, QByteArray>> fields{
        {"token", jsonString(token)},
        {"key_name", jsonNullable(keyName)},
        {"key_alias", jsonNullable(alias)},
        {"soft_budget_cooldown", QByteArrayLiteral("false")},
        {"spend", jsonNumber(spend)},
        {"expires", jsonTime(expires, timeStyle)},
        {"models", models_},
        {"aliases", QByteArrayLiteral("{}")},
        {"config", QByteArrayLiteral("{}")},
        {"user_id", jsonNullable(userId)},
        {"team_id", jsonNullable(teamId)},
        {"permissions", QByteArrayLiteral("{}")},
        {"max_parallel_requests", jsonNullable(maxParallelRequests)},
        {"metadata", QJsonDocument(metadata).toJson(QJsonDocument::Compact)},
        {"blocked", jsonNullable(blocked)},
        {"tpm_limit", jsonNullable(tpmLimit)},
        {"rpm_limit", jsonNullable(rpmLimit)},
        {"max_budget", jsonNullable(maxBudget)},
        {"budget_duration", jsonNullable(budgetDuration)},
        {"budget_reset_at", jsonTime(budgetResetAt, timeStyle)},
        {"allowed_cache_controls", QByteArrayLiteral("[]")},
        {"allowed_routes", QByteArrayLiteral("[]")},
        {"model_spend", QByteArrayLiteral("{}")},
        {"model_max_budget", QByteArrayLiteral("{}")},
        {"budget_id", null},
        {"org_id", jsonNullable(orgId)},
        {"created_at", jsonTime(createdAt, timeStyle)},
        {"created_by", jsonNullable(createdBy)},
        {"updated_at", jsonTime(updatedAt, timeStyle)},
        {"updated_by", jsonNullable(updatedBy)},
        {"last_active", jsonTime(lastActive, timeStyle)},
        {"litellm_budget_table", null},
        {"object_permission_id", null},
        {"object_permission", null},
    };
    if (deleted) {
        fields.append({"deleted_at", jsonTime(deletedAt, timeStyle)});
        fields.append({"deleted_by", jsonNullable(deletedBy)});
    }
    if (listObject) {
        for (const char *name :
             {"team_spend", "team_alias", "team_tpm_limit", "team_rpm_limit", "team_max_budget",
              "team_metadata", "team_member_spend", "user_role", "user_email", "end_user_id",
              "organization_max_budget", "api_key", "parent_otel_span"})
            fields.append({QByteArrayView(name), null});
        fields.append({"team_models", QByteArrayLiteral("[]")});
        fields.append({"team_blocked", QByteArrayLiteral("false")});
    }
    // QJsonObject's order: by name.
    std::sort(fields.begin(), fields.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    out.reserve(1400);
    out += '{';
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        out += fields.at(i).first;
        out += "\":";
        out += fields.at(i).second;
    }
    out += '}';
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
    // LiteLLM keeps a key's soft budget in a budget row of its own, joined as litellm_budget_table by
    // /key/info; /key/list does not join it.
    if (o.contains(QStringLiteral("soft_budget"))) {
        const QJsonValue soft = o.take(QStringLiteral("soft_budget"));
        put("litellm_budget_table", soft.isNull() || listObject
                                        ? QJsonValue(QJsonValue::Null)
                                        : QJsonValue(QJsonObject{{QStringLiteral("soft_budget"), soft}}));
    } else {
        put("litellm_budget_table", QJsonValue::Null);
    }
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
