#include "TeamRecord.h"

#include "core/api/Json.h"

TeamRecord teamRecordFromJson(const QJsonObject &row) {
    using namespace json;
    TeamRecord t;
    t.raw = row;
    t.teamId = str(row.value(u"team_id"));
    t.teamAlias = str(row.value(u"team_alias"));
    t.organizationId = str(row.value(u"organization_id"));
    for (const auto &m : row.value(u"members_with_roles").toArray()) {
        const auto o = m.toObject();
        t.members << TeamMember{str(o.value(u"user_id")), str(o.value(u"user_email")), str(o.value(u"role"))};
    }
    t.models = strList(row.value(u"models"));
    t.spend = num(row.value(u"spend"));
    t.maxBudget = optNum(row.value(u"max_budget"));
    t.budgetDuration = str(row.value(u"budget_duration"));
    t.tpmLimit = optInt(row.value(u"tpm_limit"));
    t.rpmLimit = optInt(row.value(u"rpm_limit"));
    t.blocked = optBool(row.value(u"blocked"));
    t.membersCount = optInt(row.value(u"members_count"));
    t.keysCount = optInt(row.value(u"keys_count"));
    t.metadata = obj(row.value(u"metadata"));
    t.createdAt = dateTime(row.value(u"created_at"));
    return t;
}
