#pragma once

#include "core/usage/UsageReport.h"

#include <QAbstractTableModel>
#include <QList>

// One table of a UsageReport (by model, key, team, tag, provider) as rows, most spend first.
// Qt::DisplayRole gives formatted text ("$12.34", "1,234"); SortRole gives raw values (QString, double,
// qint64) for sorting and export; IdRole gives the row's id (a model name, a key's token hash, a team id),
// which is what a filter on it takes; FieldRole on the horizontal header gives the column's field name
// (spend, prompt_tokens, ...), as in the CLI's output.
class UsageTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Name,
        Id,
        Spend,
        Share,
        Requests,
        Failed,
        PromptTokens,
        CompletionTokens,
        TotalTokens
    };
    static constexpr int kColumnCount = 9;

    enum Role { SortRole = Qt::UserRole + 1, IdRole, FieldRole };

    explicit UsageTableModel(QObject *parent = nullptr);

    void setDimension(UsageReport::Dimension dimension) { m_dimension = dimension; }
    UsageReport::Dimension dimension() const { return m_dimension; }
    // Replaces the rows with the report's table for dimension(); the share is of the report's total.
    void setReport(const UsageReport &report);
    void setItems(QList<UsageItem> items, double totalSpend);
    const QList<UsageItem> &items() const { return m_items; }
    double totalSpend() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // What to call a row: a key's alias, else the start of its hash ("3f9a1c2b…"); a team's alias, else
    // its id; other names as they are. An empty name is "(none)".
    static QString displayName(const UsageItem &item, UsageReport::Dimension dimension);
    static QString formatCount(qint64 n); // "1,234,567"

private:
    UsageReport::Dimension m_dimension = UsageReport::Dimension::Model;
    QList<UsageItem> m_items;
    double m_reportSpend = 0;
};
