#pragma once

#include "core/api/KeyRecord.h"
#include "core/index/KeyIndexQuery.h"
#include "core/itemmodels/KeyTableModel.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

class KeyIndex;

// Every key of a KeyIndex that matches a query, as a table that does not hold them: rows are read by
// SQL in blocks as views ask for them and only the last few blocks are kept, so memory does not grow
// with the number of keys. Columns, roles and cell text are KeyTableModel's; sort() and setQuery() ask
// the index again, so order and filters are exact over every key.
class KeyIndexModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using Column = KeyTableModel::Column;
    static constexpr int kColumnCount = KeyTableModel::kColumnCount;
    static constexpr int kBlockRows = 200;
    static constexpr int kKeptBlocks = 8;
    // Above this many matching keys a risk filter reads rows in sort order (KeyIndexQuery).
    static constexpr int kManyRows = int(KeyIndexQuery::kManyMatches);

    explicit KeyIndexModel(KeyIndex *index, QObject *parent = nullptr);

    // The index to show (not owned); nullptr shows nothing.
    void setIndex(KeyIndex *index);
    KeyIndex *keyIndex() const { return m_index; }
    void setQuery(const KeyIndexQuery &query);
    const KeyIndexQuery &query() const { return m_query; }
    // Team id -> alias, for keys whose row does not carry the alias.
    void setTeamAliases(const QHash<QString, QString> &aliases);
    // Reads the index again (after a sync or a key action), keeping the query.
    void refresh();
    // Reads the rows again after the desk changed some keys: when as many keys match as before, views
    // keep their selection and scroll position (the rows change in place); otherwise as refresh().
    void reload();

    // The key in `row`, read from the index when its block is not held; nullopt out of range.
    std::optional<KeyRecord> keyAt(int row) const;
    // Keys matching the query, all of them (the row count).
    qint64 total() const { return m_rows; }
    // Keys in the index, whatever the query.
    qint64 indexed() const { return m_indexed; }
    int blocksHeld() const { return int(m_blocks.size()); }
    // The budgets above the keys as the index last stored them (read again by refresh() and reload()).
    const BudgetBook &budgets() const { return m_budgets; }

    // The index field a column sorts by; empty when it cannot sort (Models, Risks).
    static QString sortField(Column column);
    static bool isSortable(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    const KeyRecord *row(int r) const;
    void readBudgets();

    KeyIndex *m_index = nullptr;
    KeyIndexQuery m_query;
    QHash<QString, QString> m_teamAliases;
    BudgetBook m_budgets;
    QDateTime m_now;
    int m_rows = 0;
    qint64 m_indexed = 0;
    mutable QHash<int, QList<KeyRecord>> m_blocks;
    mutable QList<int> m_recent; // block numbers, most recently used last
};
