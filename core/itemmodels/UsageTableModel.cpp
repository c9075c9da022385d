#include "UsageTableModel.h"

#include "core/format/Count.h"
#include "core/format/Money.h"

#include <QLocale>

#include <cmath>

using Column = UsageTableModel::Column;

namespace {

constexpr int kShortHash = 8;

bool isNumeric(Column c) {
    return c != Column::Name && c != Column::Id;
}

} // namespace

UsageTableModel::UsageTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void UsageTableModel::setReport(const UsageReport &report) {
    setItems(report.items(m_dimension), report.totals().spend);
}

void UsageTableModel::setItems(QList<UsageItem> items, double totalSpend) {
    beginResetModel();
    m_items = std::move(items);
    m_reportSpend = totalSpend;
    endResetModel();
}

double UsageTableModel::totalSpend() const {
    double sum = 0;
    for (const UsageItem &item : m_items)
        sum += item.metrics.spend;
    return sum;
}

int UsageTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_items.size());
}

int UsageTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QString UsageTableModel::displayName(const UsageItem &item, UsageReport::Dimension dimension) {
    if (!item.label.isEmpty())
        return item.label;
    if (item.name.isEmpty())
        return tr("(none)");
    if (dimension == UsageReport::Dimension::Key && item.name.size() > kShortHash)
        return item.name.left(kShortHash) + u'…';
    return item.name;
}

QString UsageTableModel::formatCount(qint64 n) {
    return ::formatCount(n);
}

QVariant UsageTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageItem &item = m_items.at(index.row());
    const UsageMetrics &m = item.metrics;
    const auto column = Column(index.column());
    const double share = m_reportSpend > 0 ? m.spend / m_reportSpend : 0.0;
    if (role == IdRole)
        return item.name;
    if (role == Qt::TextAlignmentRole)
        return isNumeric(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role == Qt::ToolTipRole && (column == Column::Name || column == Column::Id))
        return item.name;
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool raw = role == SortRole;
    switch (column) {
    case Column::Name:
        return displayName(item, m_dimension);
    case Column::Id:
        return item.name;
    case Column::Spend:
        return raw ? QVariant(m.spend) : QVariant(formatUsd(m.spend));
    case Column::Share:
        return raw ? QVariant(share) : QVariant(QLocale().toString(share * 100, 'f', 1) + u'%');
    case Column::Requests:
        return raw ? QVariant(m.apiRequests) : QVariant(formatCount(m.apiRequests));
    case Column::Failed:
        return raw ? QVariant(m.failedRequests) : QVariant(formatCount(m.failedRequests));
    case Column::PromptTokens:
        return raw ? QVariant(m.promptTokens) : QVariant(formatCount(m.promptTokens));
    case Column::CompletionTokens:
        return raw ? QVariant(m.completionTokens) : QVariant(formatCount(m.completionTokens));
    case Column::TotalTokens:
        return raw ? QVariant(m.totalTokens) : QVariant(formatCount(m.totalTokens));
    }
    return {};
}

QVariant UsageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    const auto column = Column(section);
    if (role == FieldRole) {
        switch (column) {
        case Column::Name:
            return QStringLiteral("name");
        case Column::Id:
            return QStringLiteral("id");
        case Column::Spend:
            return QStringLiteral("spend");
        case Column::Share:
            return QStringLiteral("share");
        case Column::Requests:
            return QStringLiteral("api_requests");
        case Column::Failed:
            return QStringLiteral("failed_requests");
        case Column::PromptTokens:
            return QStringLiteral("prompt_tokens");
        case Column::CompletionTokens:
            return QStringLiteral("completion_tokens");
        case Column::TotalTokens:
            return QStringLiteral("total_tokens");
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return isNumeric(column) ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::Name:
        switch (m_dimension) {
        case UsageReport::Dimension::Model:
            return tr("Model");
        case UsageReport::Dimension::ModelGroup:
            return tr("Model group");
        case UsageReport::Dimension::Provider:
            return tr("Provider");
        case UsageReport::Dimension::Key:
            return tr("Key");
        case UsageReport::Dimension::Entity:
            return tr("Team or tag");
        }
        return {};
    case Column::Id:
        return m_dimension == UsageReport::Dimension::Key ? tr("Token hash") : tr("ID");
    case Column::Spend:
        return tr("Spend");
    case Column::Share:
        return tr("Share");
    case Column::Requests:
        return tr("Requests");
    case Column::Failed:
        return tr("Failed");
    case Column::PromptTokens:
        return tr("Prompt tokens");
    case Column::CompletionTokens:
        return tr("Completion tokens");
    case Column::TotalTokens:
        return tr("Total tokens");
    }
    return {};
}
