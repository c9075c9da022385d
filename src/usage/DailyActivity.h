#pragma once

#include "UsageMetrics.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

// One key's share (KeyMetricWithMetadata): in breakdown.api_keys and in every api_key_breakdown.
struct ActivityKeyUsage {
    UsageMetrics metrics;
    QString keyAlias;
    QString teamId;
    QString userId;
    QString userEmail;

    void merge(const ActivityKeyUsage &other);
};
using ActivityKeyMap = QHash<QString, ActivityKeyUsage>; // by key token (hash)

// One model, model group, provider, team/tag, MCP server or endpoint on one day (MetricWithMetadata).
struct ActivityItem {
    UsageMetrics metrics;
    QJsonObject metadata; // e.g. {"team_alias": "Team 1"} for entities
    ActivityKeyMap apiKeys;

    void merge(const ActivityItem &other);
};
using ActivityItemMap = QHash<QString, ActivityItem>;

// One UTC day of daily activity with every breakdown the proxy sent.
struct ActivityDay {
    QDate date;
    UsageMetrics metrics;
    ActivityItemMap models;
    ActivityItemMap modelGroups;
    ActivityItemMap providers;
    ActivityItemMap entities;
    ActivityItemMap mcpServers;
    ActivityItemMap endpoints;
    ActivityKeyMap apiKeys;

    // Sums metrics and merges every breakdown map, recursively.
    void merge(const ActivityDay &other);
};

// Daily activity over a range, merged by date: the same date may arrive on several pages, so days are
// summed, and totals are always recomputed from the days, never taken from a page's metadata.
class DailyActivity {
public:
    const QMap<QDate, ActivityDay> &days() const { return m_days; }
    QList<QDate> dates() const { return m_days.keys(); }
    const ActivityDay *day(QDate date) const;
    bool isEmpty() const { return m_days.isEmpty(); }
    // Result rows that went into this activity (raw rows, several per day on paged routes).
    qsizetype rowCount() const { return m_rows; }

    // Adds one result row; a date already present is merged into.
    void add(ActivityDay day);
    void merge(DailyActivity &&other);
    void merge(const DailyActivity &other);
    // Inserts a zero day for each date of [from, to] without usage.
    void fillRange(QDate from, QDate to);
    // Sums the days into totals().
    void recomputeTotals();
    const UsageMetrics &totals() const { return m_totals; }

private:
    QMap<QDate, ActivityDay> m_days;
    UsageMetrics m_totals;
    qsizetype m_rows = 0;
};

// One page of a SpendAnalyticsPaginatedResponse, decoded.
struct ActivityPage {
    DailyActivity activity; // totals recomputed from this page's rows
    int page = 1;
    int totalPages = 1;
    bool hasMore = false;
    QByteArray fingerprint; // of the page's results, to notice a proxy that sends the same page again
};

UsageMetrics usageMetricsFromJson(const QJsonObject &metrics);
