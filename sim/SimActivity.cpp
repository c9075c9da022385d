#include "SimActivity.h"

#include "sim/SimDataset.h"
#include "sim/SimOptions.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <map>

SimMetrics &SimMetrics::operator+=(const SimMetrics &o) {
    spend += o.spend;
    promptTokens += o.promptTokens;
    completionTokens += o.completionTokens;
    cacheReadTokens += o.cacheReadTokens;
    cacheCreationTokens += o.cacheCreationTokens;
    successfulRequests += o.successfulRequests;
    failedRequests += o.failedRequests;
    return *this;
}

QJsonObject SimMetrics::toJson() const {
    return QJsonObject{{QStringLiteral("spend"), spend},
                       {QStringLiteral("prompt_tokens"), promptTokens},
                       {QStringLiteral("completion_tokens"), completionTokens},
                       {QStringLiteral("cache_read_input_tokens"), cacheReadTokens},
                       {QStringLiteral("cache_creation_input_tokens"), cacheCreationTokens},
                       {QStringLiteral("total_tokens"), promptTokens + completionTokens},
                       {QStringLiteral("successful_requests"), successfulRequests},
                       {QStringLiteral("failed_requests"), failedRequests},
                       {QStringLiteral("api_requests"), successfulRequests + failedRequests}};
}

void SimMetrics::addTotalsTo(QJsonObject &m) const {
    m.insert(QStringLiteral("total_spend"), spend);
    m.insert(QStringLiteral("total_prompt_tokens"), promptTokens);
    m.insert(QStringLiteral("total_completion_tokens"), completionTokens);
    m.insert(QStringLiteral("total_tokens"), promptTokens + completionTokens);
    m.insert(QStringLiteral("total_api_requests"), successfulRequests + failedRequests);
    m.insert(QStringLiteral("total_successful_requests"), successfulRequests);
    m.insert(QStringLiteral("total_failed_requests"), failedRequests);
    m.insert(QStringLiteral("total_cache_read_input_tokens"), cacheReadTokens);
    m.insert(QStringLiteral("total_cache_creation_input_tokens"), cacheCreationTokens);
}

SimActivity::SimActivity(SimDataset &data)
    : m_data(data) {
    const SimKeyStore &keys = data.keys();
    const qint64 n = keys.baseCount();
    const int models = int(data.models().size());
    if (n == 0 || models == 0)
        return;
    const quint64 seed = data.options().seed;
    const qint64 activePerDay = std::clamp<qint64>(n / 8, std::min<qint64>(n, 3), 150);
    QHash<qint64, SimKey> rowCache;
    for (int d = 0; d < data.options().days; ++d) {
        const QDate date = data.today().addDays(-d);
        const qint64 dayEnd = QDateTime(date.addDays(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QSet<qint64> picked;
        QList<qint64> order;
        for (qint64 j = 0; j < activePerDay * 3 && order.size() < activePerDay; ++j) {
            const quint64 h = simMix(seed * 31 + quint64(d) * 1000003ULL + quint64(j));
            const qint64 rank = qint64(0.8 * double(n) * std::pow(simUnit(h), 3.0));
            const qint64 k = keys.baseIndexOfSpendRank(rank);
            if (picked.contains(k))
                continue;
            auto it = rowCache.find(k);
            if (it == rowCache.end())
                it = rowCache.insert(k, keys.key(k));
            if (it->createdAt >= dayEnd)
                continue;
            picked.insert(k);
            order << k;
        }
        std::sort(order.begin(), order.end());
        for (qint64 k : std::as_const(order)) {
            const SimKey &key = rowCache[k];
            const quint64 h = simMix(seed ^ (quint64(k) << 20) ^ quint64(d));
            const int uses = 1 + int(h % 2);
            QList<int> used;
            for (int u = 0; u < uses; ++u) {
                const double x = simUnit(h + quint64(u) + 7);
                int m = std::min(models - 1, int(models * x * x));
                if (!key.models.isEmpty()) {
                    const QString &name = key.models.at(qsizetype(x * double(key.models.size())));
                    m = 0;
                    while (m < models && data.models().at(m).name != name)
                        ++m;
                    if (m == models)
                        continue;
                }
                if (used.contains(m))
                    continue;
                used << m;
                const SimModel &model = data.models().at(m);
                const double rankScale = 1.0 + 30.0 / std::sqrt(1.0 + double(k % 97));
                SimActivityRow row;
                row.date = date;
                row.entity = key.userId.isEmpty() ? QStringLiteral("default_user_id") : key.userId;
                row.key = k;
                row.model = m;
                SimMetrics &mt = row.metrics;
                const qint64 requests = 1 + qint64(simUnit(h + 11 + quint64(u)) * 40.0 * rankScale);
                mt.failedRequests = qint64(double(requests) * 0.05 * simUnit(h + 13));
                mt.successfulRequests = requests - mt.failedRequests;
                mt.promptTokens = requests * (300 + qint64(simUnit(h + 17) * 2200));
                mt.completionTokens =
                    model.mode == u"embedding" ? 0 : requests * (50 + qint64(simUnit(h + 19) * 650));
                if (simUnit(h + 23) < 0.3)
                    mt.cacheReadTokens = mt.promptTokens / 5;
                mt.spend = double(mt.promptTokens) * model.inputCost.value_or(0) +
                           double(mt.completionTokens) * model.outputCost.value_or(0);
                mt.spend = std::round(mt.spend * 1e6) / 1e6;
                m_base << row;
            }
        }
    }
}

void SimActivity::setExtraRows(const QString &tag, const QList<SimActivityRow> &rows) {
    if (rows.isEmpty())
        m_extra.remove(tag);
    else
        m_extra.insert(tag, rows);
}

QList<SimActivityRow> SimActivity::rows(const SimActivityQuery &q) const {
    QList<SimActivityRow> out;
    const SimKeyStore &keys = m_data.keys();
    QHash<qint64, SimKey> cache;
    const auto keyOf = [&](qint64 k) -> const SimKey & {
        auto it = cache.find(k);
        if (it == cache.end())
            it = cache.insert(k, keys.key(k));
        return *it;
    };
    QList<const SimActivityRow *> all;
    all.reserve(m_base.size());
    for (const auto &row : m_base)
        all << &row;
    for (const auto &rows : m_extra)
        for (const auto &row : rows)
            all << &row;
    for (const SimActivityRow *each : std::as_const(all)) {
        const SimActivityRow &row = *each;
        if (row.date < q.start || row.date > q.end)
            continue;
        const SimModel &model = m_data.models().at(row.model);
        // LiteLLM's "model" filter matches the deployment (the daily table's model), never the public
        // name (model_group).
        if (!q.model.isEmpty() && q.model != activityModelName(model, q.modelWithProvider))
            continue;
        const SimKey &key = keyOf(row.key);
        if (!q.apiKey.isEmpty() && key.token != q.apiKey)
            continue;
        switch (q.kind) {
        case SimActivityQuery::Kind::User:
            if (q.userId.isEmpty() || row.entity == q.userId)
                out << row;
            break;
        case SimActivityQuery::Kind::Team:
            if (key.teamId.isEmpty() || (!q.entities.isEmpty() && !q.entities.contains(key.teamId)) ||
                q.excluded.contains(key.teamId))
                break;
            out << row;
            out.last().entity = key.teamId;
            break;
        case SimActivityQuery::Kind::Tag:
            for (const QString &tag : key.tags()) {
                if (!q.entities.isEmpty() && !q.entities.contains(tag))
                    continue;
                out << row;
                out.last().entity = tag;
            }
            break;
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const SimActivityRow &a, const SimActivityRow &b) {
        if (a.date != b.date)
            return a.date > b.date;
        return a.entity < b.entity;
    });
    return out;
}

namespace {

// A breakdown map entry: MetricWithMetadata or KeyMetricWithMetadata.
struct Bucket {
    SimMetrics metrics;
    QJsonObject metadata;
    std::map<QString, SimMetrics> perKey;
};

// What goes into one response: the version's shape, the keys it keeps and their metadata.
struct Writer {
    const SimActivityShape &shape;
    const QHash<QString, QJsonObject> &keyMeta;
    const QSet<QString> *keptKeys = nullptr; // null: every key

    bool kept(const QString &token) const { return !keptKeys || keptKeys->contains(token); }

    QJsonValue keyEntry(const QString &token, const SimMetrics &m) const {
        if (!shape.wrapped)
            return m.toJson();
        return QJsonObject{{QStringLiteral("metrics"), m.toJson()},
                           {QStringLiteral("metadata"), keyMeta.value(token)}};
    }

    QJsonObject keyMap(const std::map<QString, SimMetrics> &perKey) const {
        QJsonObject out;
        for (const auto &[token, m] : perKey)
            if (kept(token))
                out.insert(token, keyEntry(token, m));
        return out;
    }

    QJsonObject bucketMap(const std::map<QString, Bucket> &map) const {
        QJsonObject out;
        for (const auto &[name, b] : map) {
            if (!shape.wrapped) {
                out.insert(name, b.metrics.toJson());
                continue;
            }
            out.insert(name, QJsonObject{{QStringLiteral("metrics"), b.metrics.toJson()},
                                         {QStringLiteral("metadata"), b.metadata},
                                         {QStringLiteral("api_key_breakdown"), keyMap(b.perKey)}});
        }
        return out;
    }
};

// The `limit` tokens with the most spend over `rows` (ties by token, as LiteLLM orders them), and how
// many tokens there were.
QSet<QString> topKeys(const QList<SimActivityRow> &rows, const QHash<qint64, QString> &tokens, int limit,
                      qsizetype &total) {
    QHash<QString, double> spend;
    for (const SimActivityRow &row : rows)
        spend[tokens.value(row.key)] += row.metrics.spend;
    QList<QPair<double, QString>> ranked;
    for (auto it = spend.cbegin(); it != spend.cend(); ++it)
        ranked.append({-it.value(), it.key()});
    std::sort(ranked.begin(), ranked.end());
    total = ranked.size();
    QSet<QString> out;
    for (qsizetype i = 0; i < std::min<qsizetype>(limit, ranked.size()); ++i)
        out.insert(ranked.at(i).second);
    return out;
}

} // namespace

QString activityModelName(const SimModel &model, bool withProvider) {
    // Older proxies log kwargs["model"], the deployment without its provider; newer ones rebuild the
    // whole deployment string (reconstruct_model_name), provider prefix included.
    return withProvider ? model.litellmModel : model.litellmModel.section(u'/', 1);
}

SimActivityShape SimActivityShape::of(const SimOptions &options, bool aggregated) {
    SimActivityShape shape;
    shape.modelWithProvider = options.activityModelWithProvider;
    shape.wrapped = options.activityBreakdownWrapped;
    shape.modelGroups = options.activityModelGroups;
    shape.keyLimit = aggregated ? options.activityKeyLimit : 0;
    return shape;
}

QJsonObject SimActivity::response(const QList<SimActivityRow> &rows, SimActivityQuery::Kind kind,
                                  const SimActivityShape &shape) const {
    QJsonArray results;
    SimMetrics total;
    QHash<QString, QJsonObject> keyMeta;
    QHash<qint64, QString> tokens;
    for (const SimActivityRow &row : rows) {
        QString &token = tokens[row.key];
        if (!token.isEmpty())
            continue;
        const SimKey key = m_data.keys().key(row.key);
        token = key.token;
        keyMeta.insert(token, QJsonObject{{QStringLiteral("key_alias"),
                                           key.alias.isNull() ? QJsonValue() : QJsonValue(key.alias)},
                                          {QStringLiteral("team_id"),
                                           key.teamId.isNull() ? QJsonValue() : QJsonValue(key.teamId)}});
    }
    qsizetype totalKeys = 0;
    const QSet<QString> kept =
        shape.keyLimit > 0 ? topKeys(rows, tokens, shape.keyLimit, totalKeys) : QSet<QString>();
    const Writer writer{shape, keyMeta, shape.keyLimit > 0 ? &kept : nullptr};
    qsizetype i = 0;
    while (i < rows.size()) {
        const QDate date = rows.at(i).date;
        SimMetrics day;
        std::map<QString, Bucket> models, groups, providers, entities;
        std::map<QString, SimMetrics> apiKeys;
        for (; i < rows.size() && rows.at(i).date == date; ++i) {
            const SimActivityRow &row = rows.at(i);
            const QString &token = tokens[row.key];
            const SimModel &model = m_data.models().at(row.model);
            day += row.metrics;
            const auto add = [&](std::map<QString, Bucket> &map, const QString &name) {
                Bucket &b = map[name];
                b.metrics += row.metrics;
                b.perKey[token] += row.metrics;
            };
            add(models, activityModelName(model, shape.modelWithProvider));
            add(groups, model.name);
            add(providers, model.provider);
            apiKeys[token] += row.metrics;
            if (kind != SimActivityQuery::Kind::User) {
                add(entities, row.entity);
                if (kind == SimActivityQuery::Kind::Team) {
                    const int t = m_data.teamIndex(row.entity);
                    entities[row.entity].metadata =
                        QJsonObject{{QStringLiteral("team_alias"),
                                     t >= 0 ? QJsonValue(m_data.teams().at(t).alias) : QJsonValue()}};
                }
            }
        }
        total += day;
        QJsonObject breakdown{{QStringLiteral("models"), writer.bucketMap(models)},
                              {QStringLiteral("providers"), writer.bucketMap(providers)},
                              {QStringLiteral("api_keys"), writer.keyMap(apiKeys)},
                              {QStringLiteral("entities"), writer.bucketMap(entities)}};
        if (shape.modelGroups) {
            breakdown.insert(QStringLiteral("model_groups"), writer.bucketMap(groups));
            breakdown.insert(QStringLiteral("mcp_servers"), QJsonObject());
        }
        results << QJsonObject{{QStringLiteral("date"), date.toString(Qt::ISODate)},
                               {QStringLiteral("metrics"), day.toJson()},
                               {QStringLiteral("breakdown"), breakdown}};
    }
    QJsonObject metadata;
    total.addTotalsTo(metadata);
    if (shape.keyLimit > 0) {
        metadata.insert(QStringLiteral("api_key_limit"), shape.keyLimit);
        metadata.insert(QStringLiteral("total_api_keys"), totalKeys);
    }
    return QJsonObject{{QStringLiteral("results"), results}, {QStringLiteral("metadata"), metadata}};
}
