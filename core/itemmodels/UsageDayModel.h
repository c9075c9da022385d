#pragma once

#include "core/usage/UsageReport.h"

#include <QAbstractTableModel>
#include <QList>

// A report's days (UTC), oldest first: spend, the running total of spend, requests and tokens. Against a
// budget the running total is the chart's line: from the spend the budget already counted when the range
// starts, back to 0 at each reset (setBudgetStart); the column's header tooltip says which.
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
    // `basis` as budgetstart::describe() says it ("from $111.04 already spent"); clearBudgetStart() counts
    // from 0 again.
    void setBudgetStart(double spendBefore, const QList<QDate> &resets, const QString &basis);
    void clearBudgetStart();
    qsizetype dayCount() const { return m_rows.size(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void recount();

    struct Row {
        QDate date;
        UsageMetrics metrics;
        double cumulative = 0;
    };
    QList<Row> m_rows;
    double m_spendBefore = 0;
    QList<QDate> m_resets;
    QString m_basis;
};
