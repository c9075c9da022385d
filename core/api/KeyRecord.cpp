#include "KeyRecord.h"

#include "core/api/Json.h"

#include <QCoreApplication>
#include <QCryptographicHash>

QString KeyRecord::displayName() const {
    if (!keyAlias.isEmpty())
        return keyAlias;
    if (!keyName.isEmpty())
        return keyName;
    return token.left(12);
}

ModelScope KeyRecord::modelScope() const {
    if (!modelsKnown)
        return ModelScope::Unknown;
    if (models.contains(QLatin1String(kAllProxyModels)))
        return ModelScope::AllProxyModels;
    if (models.contains(QLatin1String(kAllTeamModels)))
        return ModelScope::TeamModels;
    if (models.isEmpty())
        return teamId.isEmpty() ? ModelScope::AllProxyModels : ModelScope::TeamModels;
    return ModelScope::Listed;
}

QString KeyRecord::modelsText() const {
    switch (modelScope()) {
    case ModelScope::TeamModels:
        return QCoreApplication::translate("KeyRecord", "Team models");
    case ModelScope::AllProxyModels:
        return QCoreApplication::translate("KeyRecord", "All proxy models");
    case ModelScope::Unknown:
        return QCoreApplication::translate("KeyRecord", "Unknown");
    case ModelScope::Listed:
        break;
    }
    return models.join(QStringLiteral(", "));
}

namespace {

// A list of model names, or nothing when the proxy sent something else: unknown, never "all models".
std::optional<QStringList> modelList(const QJsonValue &v) {
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    for (const auto &item : v.toArray()) {
        if (!item.isString())
            return std::nullopt;
        if (!item.toString().isEmpty())
            out << item.toString();
    }
    return out;
}

} // namespace

bool isKeyHash(const QString &text) {
    if (text.size() != 64)
        return false;
    for (const QChar c : text)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    return true;
}

QString hashKey(const QString &rawKey) {
    return QString::fromLatin1(QCryptographicHash::hash(rawKey.toUtf8(), QCryptographicHash::Sha256).toHex());
}

KeyRecord keyRecordFromHash(const QString &token) {
    KeyRecord k;
    k.token = token;
    k.hashOnly = true;
    k.raw.insert(QStringLiteral("token"), token);
    return k;
}

KeyRecord keyRecordFromJson(const QJsonObject &row, const QString &fallbackKey) {
    using namespace json;
    KeyRecord k;
    k.raw = row;
    k.token = str(row.value(u"token"));
    if (k.token.isEmpty())
        k.token = str(row.value(u"token_id"));
    if (k.token.isEmpty() && !fallbackKey.isEmpty())
        k.token = isKeyHash(fallbackKey) ? fallbackKey.toLower() : hashKey(fallbackKey);
    k.keyName = str(row.value(u"key_name"));
    k.keyAlias = str(row.value(u"key_alias"));
    k.spend = num(row.value(u"spend"));
    k.totalSpend = optNum(row.value(u"total_spend"));
    k.maxBudget = optNum(row.value(u"max_budget"));
    k.softBudget = optNum(row.value(u"soft_budget"));
    if (!k.softBudget) // /key/info keeps it in the key's budget row
        k.softBudget = optNum(obj(row.value(u"litellm_budget_table")).value(u"soft_budget"));
    k.budgetDuration = str(row.value(u"budget_duration"));
    k.budgetResetAt = dateTime(row.value(u"budget_reset_at"));
    k.expires = dateTime(row.value(u"expires"));
    const auto models = modelList(row.value(u"models"));
    k.models = models.value_or(QStringList{});
    k.modelsKnown = models.has_value();
    k.userId = str(row.value(u"user_id"));
    k.userEmail = str(row.value(u"user_email"));
    if (k.userEmail.isEmpty()) // expand=user
        k.userEmail = str(obj(row.value(u"user")).value(u"user_email"));
    k.teamId = str(row.value(u"team_id"));
    k.teamAlias = str(row.value(u"team_alias"));
    k.orgId = str(row.value(u"org_id"));
    if (k.orgId.isEmpty())
        k.orgId = str(row.value(u"organization_id"));
    k.tpmLimit = optInt(row.value(u"tpm_limit"));
    k.rpmLimit = optInt(row.value(u"rpm_limit"));
    k.maxParallelRequests = optInt(row.value(u"max_parallel_requests"));
    k.metadata = obj(row.value(u"metadata"));
    k.blocked = optBool(row.value(u"blocked"));
    k.createdAt = dateTime(row.value(u"created_at"));
    k.updatedAt = dateTime(row.value(u"updated_at"));
    k.createdBy = str(row.value(u"created_by"));
    k.lastActive = dateTime(row.value(u"last_active"));
    k.keyType = str(row.value(u"key_type"));
    k.deletedAt = dateTime(row.value(u"deleted_at"));
    k.deletedBy = str(row.value(u"deleted_by"));
    // Routes echo the "key" they were given, which may be a raw key: it is not kept with the record.
    if (const auto echoed = str(k.raw.value(u"key")); !echoed.isEmpty() && !isKeyHash(echoed))
        k.raw.remove(u"key");
    if (!k.token.isEmpty() && !k.raw.contains(u"token"))
        k.raw.insert(QStringLiteral("token"), k.token);
    return k;
}
