#pragma once

#include "core/usage/UsageReport.h"

#include <QAbstractTableModel>
#include <QList>

// A report's days (UTC), oldest first: spend, the running total of spend, requests and tokens.
// Roles as UsageTableModel's: DisplayRole formatted, SortRole raw (QDate, double, qint64), FieldRole on
// the header (date, spend, cumulative_spend, ...).
class UsageDayModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Date,
        Spend,
        CumulativeSpend,
        Requests,
        Successful,
        Failed,
        PromptTokens,
        CompletionTokens,
        TotalTokens
    };
    static constexpr int kColumnCount = 9;

    enum Role { SortRole = Qt::UserRole + 1, FieldRole = Qt::UserRole + 3 };

    explicit UsageDayModel(QObject *parent = nullptr);

    void setReport(const UsageReport &report);
    void setDays(const QList<QPair<QDate, UsageMetrics>> &days);
    qsizetype dayCount() const { return m_rows.size(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QDate date;
        UsageMetrics metrics;
        double cumulative = 0;
    };
    QList<Row> m_rows;
};
