#include "UserRecord.h"

#include "core/api/Json.h"

UserRecord userRecordFromJson(const QJsonObject &row) {
    using namespace json;
    UserRecord u;
    u.raw = row;
    u.userId = str(row.value(u"user_id"));
    u.userEmail = str(row.value(u"user_email"));
    u.userAlias = str(row.value(u"user_alias"));
    u.userRole = str(row.value(u"user_role"));
    // teams: ids, or {team_id, ...} objects in some versions
    for (const auto &t : row.value(u"teams").toArray()) {
        const QString id = t.isObject() ? str(t.toObject().value(u"team_id")) : str(t);
        if (!id.isEmpty())
            u.teams << id;
    }
    u.spend = num(row.value(u"spend"));
    u.maxBudget = optNum(row.value(u"max_budget"));
    u.budgetDuration = str(row.value(u"budget_duration"));
    u.budgetResetAt = dateTime(row.value(u"budget_reset_at"));
    u.models = strList(row.value(u"models"));
    u.keyCount = optInt(row.value(u"key_count"));
    u.tpmLimit = optInt(row.value(u"tpm_limit"));
    u.rpmLimit = optInt(row.value(u"rpm_limit"));
    u.metadata = obj(row.value(u"metadata"));
    u.createdAt = dateTime(row.value(u"created_at"));
    return u;
}
