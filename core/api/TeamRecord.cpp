#include "TeamRecord.h"

#include "core/api/Json.h"

#include <QJsonArray>

#include <algorithm>

const TeamMember *TeamRecord::member(const QString &userId) const {
    for (const auto &m : members)
        if (m.userId == userId)
            return &m;
    return nullptr;
}

TeamRecord teamRecordFromJson(const QJsonObject &row) {
    using namespace json;
    TeamRecord t;
    t.raw = row;
    t.teamId = str(row.value(u"team_id"));
    t.teamAlias = str(row.value(u"team_alias"));
    t.organizationId = str(row.value(u"organization_id"));
    for (const auto &m : row.value(u"members_with_roles").toArray()) {
        const auto o = m.toObject();
        TeamMember member;
        member.userId = str(o.value(u"user_id"));
        member.userEmail = str(o.value(u"user_email"));
        member.role = str(o.value(u"role"));
        t.members << member;
    }
    t.models = strList(row.value(u"models"));
    {
        const QJsonArray models = row.value(u"models").toArray();
        t.modelsKnown =
            row.value(u"models").isArray() &&
            std::all_of(models.begin(), models.end(), [](const QJsonValue &m) { return m.isString(); });
    }
    t.spend = num(row.value(u"spend"));
    t.maxBudget = optNum(row.value(u"max_budget"));
    t.softBudget = optNum(row.value(u"soft_budget"));
    t.budgetDuration = str(row.value(u"budget_duration"));
    t.budgetResetAt = dateTime(row.value(u"budget_reset_at"));
    t.tpmLimit = optInt(row.value(u"tpm_limit"));
    t.rpmLimit = optInt(row.value(u"rpm_limit"));
    t.blocked = optBool(row.value(u"blocked"));
    t.membersCount = optInt(row.value(u"members_count"));
    t.keysCount = optInt(row.value(u"keys_count"));
    t.metadata = obj(row.value(u"metadata"));
    t.createdAt = dateTime(row.value(u"created_at"));
    if (row.value(u"team_memberships").isArray())
        applyMemberships(t, row.value(u"team_memberships").toArray());
    return t;
}

void applyMemberships(TeamRecord &team, const QJsonArray &memberships) {
    using namespace json;
    for (const auto &item : memberships) {
        const auto o = item.toObject();
        const QString userId = str(o.value(u"user_id"));
        for (auto &m : team.members) {
            if (m.userId != userId)
                continue;
            m.spend = num(o.value(u"spend"));
            const auto budget = obj(o.value(u"litellm_budget_table"));
            m.maxBudgetInTeam = optNum(budget.value(u"max_budget"));
            m.budgetDuration = str(budget.value(u"budget_duration"));
            m.budgetResetAt = dateTime(budget.value(u"budget_reset_at"));
        }
    }
}
