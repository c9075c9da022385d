#include "KeyIndexModel.h"

#include "core/index/KeyIndex.h"

#include <climits>

KeyIndexModel::KeyIndexModel(KeyIndex *index, QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(index) {
    refresh();
}

void KeyIndexModel::setIndex(KeyIndex *index) {
    m_index = index;
    refresh();
}

void KeyIndexModel::setQuery(const KeyIndexQuery &query) {
    m_query = query;
    refresh();
}

void KeyIndexModel::setTeamAliases(const QHash<QString, QString> &aliases) {
    m_teamAliases = aliases;
    if (m_rows > 0)
        emit dataChanged(index(0, int(Column::Team)), index(m_rows - 1, int(Column::Team)));
}

void KeyIndexModel::refresh() {
    beginResetModel();
    m_blocks.clear();
    m_recent.clear();
    m_now = QDateTime::currentDateTimeUtc();
    m_query.manyMatches = false;
    m_rows = m_index ? int(std::min<qint64>(m_index->count(m_query, m_now), INT_MAX)) : 0;
    // Many matches are found fastest in sort order; few through the risks index.
    m_query.manyMatches = m_rows > kManyRows;
    m_indexed = m_index ? m_index->keyCount() : 0;
    readBudgets();
    endResetModel();
}

void KeyIndexModel::reload() {
    if (!m_index)
        return refresh();
    KeyIndexQuery counting = m_query;
    counting.manyMatches = false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int rows = int(std::min<qint64>(m_index->count(counting, now), INT_MAX));
    if (rows != m_rows)
        return refresh();
    m_blocks.clear();
    m_recent.clear();
    m_now = now;
    m_indexed = m_index->keyCount();
    readBudgets();
    if (m_rows > 0)
        emit dataChanged(index(0, 0), index(m_rows - 1, kColumnCount - 1));
}

void KeyIndexModel::readBudgets() {
    const QDateTime readAt = m_index ? m_index->budgetsReadAt() : QDateTime();
    if (readAt != m_budgets.readAt || !m_index) // read again only when a newer book was stored
        m_budgets = m_index ? m_index->budgets() : BudgetBook();
}

const KeyRecord *KeyIndexModel::row(int r) const {
    if (r < 0 || r >= m_rows || !m_index)
        return nullptr;
    const int block = r / kBlockRows;
    auto it = m_blocks.find(block);
    if (it == m_blocks.end()) {
        if (m_blocks.size() >= kKeptBlocks)
            m_blocks.remove(m_recent.takeFirst());
        it = m_blocks.insert(block, m_index->keys(m_query, m_now, qint64(block) * kBlockRows, kBlockRows));
    } else {
        m_recent.removeOne(block);
    }
    m_recent << block;
    const int at = r % kBlockRows;
    return at < it->size() ? &it->at(at) : nullptr;
}

std::optional<KeyRecord> KeyIndexModel::keyAt(int r) const {
    const KeyRecord *k = row(r);
    return k ? std::optional<KeyRecord>(*k) : std::nullopt;
}

QString KeyIndexModel::sortField(Column column) {
    switch (column) {
    case Column::Alias:
        return QStringLiteral("key_alias");
    case Column::Key:
        return QStringLiteral("token");
    case Column::Team:
        return QStringLiteral("team_id");
    case Column::User:
        return QStringLiteral("user_id");
    case Column::Spend:
        return QStringLiteral("spend");
    case Column::BudgetReset:
        return QStringLiteral("budget_reset_at");
    case Column::Expires:
        return QStringLiteral("expires");
    case Column::Created:
        return QStringLiteral("created_at");
    case Column::LastActive:
        return QStringLiteral("last_active");
    case Column::Limits:
        return QStringLiteral("tpm_limit");
    case Column::Status:
        return QStringLiteral("blocked");
    case Column::Models:
    case Column::LimitedBy:
    case Column::Risks:
        return {};
    }
    return {};
}

bool KeyIndexModel::isSortable(int column) {
    return column >= 0 && column < kColumnCount && !sortField(Column(column)).isEmpty();
}

int KeyIndexModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int KeyIndexModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant KeyIndexModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.column() >= kColumnCount)
        return {};
    const KeyRecord *k = row(index.row());
    return k ? KeyTableModel::cell(*k, index.column(), role, m_now, m_teamAliases, m_budgets) : QVariant();
}

QVariant KeyIndexModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    if (role == Qt::ToolTipRole)
        return isSortable(section) ? tr("Click to sort every key in the index")
                                   : tr("This column cannot be sorted");
    return role == Qt::DisplayRole ? QVariant(KeyTableModel::columnTitle(Column(section))) : QVariant();
}

void KeyIndexModel::sort(int column, Qt::SortOrder order) {
    if (!isSortable(column))
        return;
    const QString field = sortField(Column(column));
    if (m_query.sortBy == field && m_query.sortOrder == order)
        return;
    m_query.sortBy = field;
    m_query.sortOrder = order;
    refresh();
}
