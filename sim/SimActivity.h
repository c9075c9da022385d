#pragma once

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class SimDataset;

// Token and request counts of one aggregate row, as LiteLLM's SpendMetrics.
struct SimMetrics {
    double spend = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 cacheCreationTokens = 0;
    qint64 successfulRequests = 0;
    qint64 failedRequests = 0;

    SimMetrics &operator+=(const SimMetrics &o);
    QJsonObject toJson() const;
    void addTotalsTo(QJsonObject &metadata) const; // total_spend, total_prompt_tokens, ...
};

// One raw row of a daily spend table: date × entity × key × model × provider.
struct SimActivityRow {
    QDate date;
    QString entity; // user_id, team_id or tag, depending on the route
    qint64 key = -1;
    int model = -1;
    SimMetrics metrics;
};

// What a /…/daily/activity request selects.
// The name a deployment's usage is recorded under in the daily tables' "model" column.
QString activityModelName(const struct SimModel &model, bool withProvider);

struct SimActivityQuery {
    enum class Kind { User, Team, Tag };
    Kind kind = Kind::User;
    QDate start;
    QDate end;
    QString model;
    QString apiKey;
    QString userId;                 // user route; empty = everyone
    QStringList entities;           // team_ids / tags; empty = all
    QStringList excluded;           // exclude_team_ids
    bool modelWithProvider = false; // the daily table's model is "provider/model" (see SimOptions)
};

// How a LiteLLM version writes a daily activity response (see SimOptions).
struct SimActivityShape {
    bool wrapped = true;            // breakdown entries are {metrics, metadata, api_key_breakdown}
    bool modelGroups = true;        // breakdown.model_groups
    int keyLimit = 0;               // only the top keys by spend in api_keys and api_key_breakdown; 0 = all
    bool modelWithProvider = false; // breakdown.models is keyed "provider/model"

    static SimActivityShape of(const struct SimOptions &options, bool aggregated);
};

// The daily activity of a data set, generated once: a realistic number of active keys a day (busy keys
// are active most days), each using one or two models, with spend from the models' list prices.
class SimActivity {
public:
    explicit SimActivity(SimDataset &data);

    // The matching raw rows, date descending, as the daily tables would be paged.
    QList<SimActivityRow> rows(const SimActivityQuery &query) const;
    // {"results": [...], "metadata": {totals}} for `rows`, grouped by date (descending), in `shape`.
    // With a key limit, the metadata also says total_api_keys and api_key_limit.
    QJsonObject response(const QList<SimActivityRow> &rows, SimActivityQuery::Kind kind,
                         const SimActivityShape &shape = {}) const;

    // Rows added on top of the generated ones under `tag` (an injected condition); empty rows remove them.
    void setExtraRows(const QString &tag, const QList<SimActivityRow> &rows);

private:
    SimDataset &m_data;
    QList<SimActivityRow> m_base; // entity = the key's user
    QHash<QString, QList<SimActivityRow>> m_extra;
};
