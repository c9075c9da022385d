#pragma once

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetBook.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

class KeyDirectory;

// The proxy's keys as a table over a KeyDirectory: pages of 100 arrive through canFetchMore/fetchMore,
// sort() asks the proxy for a new order (sort_by/sort_order) and starts again from the first page, and
// the directory's range signals become begin/end calls. Qt::DisplayRole gives text ("$12.30 / $50.00",
// "in 3 days", "All models"), Qt::ToolTipRole dates in UTC, SortRole raw typed values.
class KeyTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Alias,
        Key,
        Team,
        User,
        Models,
        Spend,
        LimitedBy,
        BudgetReset,
        Expires,
        Created,
        LastActive,
        Limits,
        Status,
        Risks,
    };
    static constexpr int kColumnCount = 14;

    enum Role {
        SortRole = Qt::UserRole + 1, // raw values: QString, double, QDateTime, qint64
        TokenRole,                   // the key's hash
        SpendShareRole, // spend / max_budget as a double (Spend, Limited by), invalid without a budget
        RisksRole,      // QVariantList of int(KeyRisk) (any column)
    };

    explicit KeyTableModel(QObject *parent = nullptr);

    // The directory to show (not owned); nullptr shows nothing.
    void setDirectory(KeyDirectory *directory);
    KeyDirectory *directory() const;
    // Team id -> alias, for keys whose row does not carry the alias.
    void setTeamAliases(const QHash<QString, QString> &aliases);
    // The budgets above the keys: the Limited by column and the over-budget risk take them in.
    void setBudgets(const BudgetBook &budgets);
    const BudgetBook &budgets() const { return m_budgets; }

    const KeyRecord *keyAt(int row) const;
    int rowOfToken(const QString &token) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Sends the order to the proxy and reloads; columns the proxy cannot sort are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The /key/list sort_by field for a column, empty when the proxy cannot sort by it.
    static QString sortField(Column column);
    static bool isSortable(int column);
    // "Loaded 300 of 1,000,000 keys", "Loaded 12 keys" when the proxy sends no total, "No keys" when a
    // first page came back empty (or its last key was deleted).
    QString countText() const;

    // "in 3 days", "2 hours ago", "just now".
    static QString relativeTime(const QDateTime &when, const QDateTime &now);
    static QString columnTitle(Column column);
    // What `k` shows in `column` for `role` (the roles above), judged at `now` with the budgets above it
    // in `budgets`: shared by every key table.
    static QVariant cell(const KeyRecord &k, int column, int role, const QDateTime &now,
                         const QHash<QString, QString> &teamAliases, const BudgetBook &budgets);

private:
    QDateTime now() const;
    static QVariant display(const KeyRecord &k, Column column, const QDateTime &now,
                            const QHash<QString, QString> &teamAliases);
    static QVariant sortValue(const KeyRecord &k, Column column, const QDateTime &now,
                              const QHash<QString, QString> &teamAliases);
    static QVariant toolTip(const KeyRecord &k, Column column, const BudgetBook &budgets);
    static QVariant limitedBy(const KeyRecord &k, int role, const BudgetBook &budgets);
    static QString teamName(const KeyRecord &k, const QHash<QString, QString> &teamAliases);

    QPointer<KeyDirectory> m_directory;
    QList<KeyRecord> m_rows; // what the view has been told about; follows the directory's signals
    QHash<QString, QString> m_teamAliases;
    BudgetBook m_budgets;
};
