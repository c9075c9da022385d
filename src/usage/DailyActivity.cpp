#include "DailyActivity.h"

#include "api/Json.h"

namespace {

void mergeKeys(ActivityKeyMap &into, const ActivityKeyMap &from) {
    for (auto it = from.cbegin(); it != from.cend(); ++it)
        into[it.key()].merge(it.value());
}

void mergeItems(ActivityItemMap &into, const ActivityItemMap &from) {
    for (auto it = from.cbegin(); it != from.cend(); ++it) {
        auto found = into.find(it.key());
        if (found == into.end())
            into.insert(it.key(), it.value());
        else
            found->merge(it.value());
    }
}

void fillIfEmpty(QString &into, const QString &from) {
    if (into.isEmpty())
        into = from;
}

} // namespace

UsageMetrics usageMetricsFromJson(const QJsonObject &m) {
    using json::integer;
    UsageMetrics out;
    out.spend = json::num(m.value(u"spend"));
    out.promptTokens = integer(m.value(u"prompt_tokens"));
    out.completionTokens = integer(m.value(u"completion_tokens"));
    out.totalTokens = integer(m.value(u"total_tokens"));
    out.cacheReadTokens = integer(m.value(u"cache_read_input_tokens"));
    out.cacheCreationTokens = integer(m.value(u"cache_creation_input_tokens"));
    out.apiRequests = integer(m.value(u"api_requests"));
    out.successfulRequests = integer(m.value(u"successful_requests"));
    out.failedRequests = integer(m.value(u"failed_requests"));
    return out;
}

void ActivityKeyUsage::merge(const ActivityKeyUsage &other) {
    metrics += other.metrics;
    fillIfEmpty(keyAlias, other.keyAlias);
    fillIfEmpty(teamId, other.teamId);
    fillIfEmpty(userId, other.userId);
    fillIfEmpty(userEmail, other.userEmail);
}

void ActivityItem::merge(const ActivityItem &other) {
    metrics += other.metrics;
    for (auto it = other.metadata.begin(); it != other.metadata.end(); ++it)
        if (metadata.value(it.key()).isNull() || metadata.value(it.key()).isUndefined())
            metadata.insert(it.key(), it.value());
    mergeKeys(apiKeys, other.apiKeys);
}

void ActivityDay::merge(const ActivityDay &other) {
    metrics += other.metrics;
    mergeItems(models, other.models);
    mergeItems(modelGroups, other.modelGroups);
    mergeItems(providers, other.providers);
    mergeItems(entities, other.entities);
    mergeItems(mcpServers, other.mcpServers);
    mergeItems(endpoints, other.endpoints);
    mergeKeys(apiKeys, other.apiKeys);
}

const ActivityDay *DailyActivity::day(QDate date) const {
    const auto it = m_days.constFind(date);
    return it == m_days.cend() ? nullptr : &it.value();
}

void DailyActivity::add(ActivityDay day) {
    ++m_rows;
    auto it = m_days.find(day.date);
    if (it == m_days.end())
        m_days.insert(day.date, std::move(day));
    else
        it->merge(day);
}

void DailyActivity::merge(DailyActivity &&other) {
    for (auto it = other.m_days.begin(); it != other.m_days.end(); ++it) {
        auto found = m_days.find(it.key());
        if (found == m_days.end())
            m_days.insert(it.key(), std::move(it.value()));
        else
            found->merge(it.value());
    }
    m_rows += other.m_rows;
    other = DailyActivity();
}

void DailyActivity::merge(const DailyActivity &other) {
    DailyActivity copy = other;
    merge(std::move(copy));
}

void DailyActivity::fillRange(QDate from, QDate to) {
    if (!from.isValid() || !to.isValid())
        return;
    for (QDate d = from; d <= to; d = d.addDays(1))
        if (!m_days.contains(d))
            m_days.insert(d, ActivityDay{d, {}, {}, {}, {}, {}, {}, {}, {}});
}

void DailyActivity::recomputeTotals() {
    m_totals = UsageMetrics();
    for (const auto &d : std::as_const(m_days))
        m_totals += d.metrics;
}
