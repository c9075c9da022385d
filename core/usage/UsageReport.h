#pragma once

#include "core/usage/UsageMetrics.h"
#include "core/usage/UsageTable.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSharedData>

#include <array>
#include <map>
#include <optional>
#include <vector>

// One day of a usage table that had usage: a model or key on a date.
struct UsageCell {
    QDate date;
    QString name;
    UsageMetrics metrics;
};

// Daily activity summed over a date range (UTC days): totals, a dense series of days (days without
// usage are zero), and tables by model, model group, provider, key and team/tag, plus sparse
// day × model and day × key cells. Built by UsageAggregator; cheap to copy around afterwards.
class UsageReport {
public:
    enum class Dimension { Model, ModelGroup, Provider, Key, Entity };
    static constexpr int DimensionCount = 5;

    // "model", "model_group", "provider", "key", "entity" (also "team", "tag").
    static std::optional<Dimension> dimensionFromName(QStringView name);
    static QString dimensionName(Dimension dimension);

    // Days are filled in one by one (zero where there was no usage) over at most this many days: over
    // the range covered when it is no longer, else over the range asked for when that is no longer;
    // other days are listed only when they had usage. (A file dated 0001-01-01 and 9999-12-31 lists two
    // days, not 3.65 million.)
    static constexpr qint64 kMaxFilledDays = 3660;

    // The range covered: the one asked for, widened to every date that had usage. Invalid if neither.
    QDate from() const;
    QDate to() const;
    qsizetype dayCount() const { return qsizetype(dayNumbers().size()); }
    // Covers at least [from, to]; days already present keep their figures.
    void includeRange(QDate from, QDate to);

    const UsageMetrics &totals() const { return m_totals; }
    UsageMetrics &totals() { return m_totals; }

    // The days of the range (see kMaxFilledDays), oldest first.
    QList<QPair<QDate, UsageMetrics>> days() const;
    UsageMetrics day(QDate date) const;
    UsageMetrics &dayAt(qint64 julianDay) { return m_days[julianDay]; } // widens the range when needed

    // When LiteLLM's /aggregated kept only the top `limit` keys by spend of `total`: the key rows and
    // day × key cells are not every key (totals, days, models and the rest still are).
    struct KeyTruncation {
        qint64 limit = 0;
        qint64 total = 0;
    };
    std::optional<KeyTruncation> keyTruncation() const { return m_keyTruncation; }
    // What a response's metadata said (api_key_limit, total_api_keys); kept only when keys were cut off.
    void noteKeyLimit(qint64 limit, qint64 total);

    const UsageTable &table(Dimension d) const { return m_tables->tables[size_t(d)]; }
    // For building the report (the aggregator): unshares the tables and forgets their sorted rows.
    UsageTable &mutableTable(Dimension d) {
        m_sorted[size_t(d)].reset();
        return m_tables->tables[size_t(d)];
    }
    // The rows of one table, most spend first (ties by name).
    QList<UsageItem> items(Dimension d) const;
    // Sorts every table's rows now, so that items() afterwards only shares them: a report built on a
    // worker thread does this there, and a window showing it sorts nothing.
    void sortItems();

    // Day × item cells (filled for Model and Key, and Entity when asked for), by date then most spend first.
    QList<UsageCell> cells(Dimension d) const;
    UsageMetrics cell(Dimension d, QDate date, const QString &name) const;
    UsageMetrics &cellAt(Dimension d, qint64 julianDay, int id) {
        return m_cells[size_t(d)][(quint64(julianDay) << 32) | quint32(id)];
    }

    bool isEmpty() const {
        return m_days.empty() && m_rangeLast < m_rangeFirst && table(Dimension::Model).size() == 0 &&
               m_totals.isZero();
    }

    // This report with its model rows and day × model cells summed under other names (a deployment under
    // its public name, from ModelCatalog::publicNames()); a model not in `groupOf` keeps its name. Totals,
    // days and the other tables are unchanged.
    UsageReport withModelsGrouped(const QHash<QString, QString> &groupOf) const;

    // {"from","to","totals":{...},"days":[{"date",...}],"by":"model","items":[{"name",...}]}
    QJsonObject toJson(Dimension by) const;

private:
    std::vector<qint64> dayNumbers() const; // the Julian days days() lists

    std::map<qint64, UsageMetrics> m_days; // by Julian day: days that were read
    qint64 m_rangeFirst = 0;               // the range asked for (Julian days); empty when last < first
    qint64 m_rangeLast = -1;
    std::optional<KeyTruncation> m_keyTruncation;
    UsageMetrics m_totals;
    // Shared between copies until one changes: a window takes a copy of every partial report, and a
    // proxy's tables run to tens of thousands of keys.
    struct Tables : QSharedData {
        std::array<UsageTable, DimensionCount> tables;
    };
    QSharedDataPointer<Tables> m_tables{new Tables};
    std::array<std::optional<QList<UsageItem>>, DimensionCount> m_sorted; // items(), once sortItems() ran
    std::array<QHash<quint64, UsageMetrics>, DimensionCount> m_cells;
};
