#include "core/format/Money.h"
#include "UsageDayModel.h"

#include "core/itemmodels/UsageTableModel.h"

using Column = UsageDayModel::Column;

UsageDayModel::UsageDayModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void UsageDayModel::setReport(const UsageReport &report) {
    setDays(report.days());
}

void UsageDayModel::setDays(const QList<QPair<QDate, UsageMetrics>> &days) {
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(days.size());
    double running = 0;
    for (const auto &[date, metrics] : days) {
        running += metrics.spend;
        m_rows.append({date, metrics, running});
    }
    endResetModel();
}

int UsageDayModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsageDayModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant UsageDayModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const UsageMetrics &m = row.metrics;
    const auto column = Column(index.column());
    if (role == Qt::TextAlignmentRole)
        return column == Column::Date ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool raw = role == SortRole;
    const auto count = [raw](qint64 n) {
        return raw ? QVariant(n) : QVariant(UsageTableModel::formatCount(n));
    };
    const auto money = [raw](double v) { return raw ? QVariant(v) : QVariant(formatUsd(v)); };
    switch (column) {
    case Column::Date:
        return raw ? QVariant(row.date) : QVariant(row.date.toString(Qt::ISODate));
    case Column::Spend:
        return money(m.spend);
    case Column::CumulativeSpend:
        return money(row.cumulative);
    case Column::Requests:
        return count(m.apiRequests);
    case Column::Successful:
        return count(m.successfulRequests);
    case Column::Failed:
        return count(m.failedRequests);
    case Column::PromptTokens:
        return count(m.promptTokens);
    case Column::CompletionTokens:
        return count(m.completionTokens);
    case Column::TotalTokens:
        return count(m.totalTokens);
    }
    return {};
}

QVariant UsageDayModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    const auto column = Column(section);
    if (role == Qt::TextAlignmentRole)
        return column == Column::Date ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole && role != FieldRole)
        return {};
    const bool field = role == FieldRole;
    switch (column) {
    case Column::Date:
        return field ? QStringLiteral("date") : tr("Day (UTC)");
    case Column::Spend:
        return field ? QStringLiteral("spend") : tr("Spend");
    case Column::CumulativeSpend:
        return field ? QStringLiteral("cumulative_spend") : tr("Cumulative spend");
    case Column::Requests:
        return field ? QStringLiteral("api_requests") : tr("Requests");
    case Column::Successful:
        return field ? QStringLiteral("successful_requests") : tr("Successful");
    case Column::Failed:
        return field ? QStringLiteral("failed_requests") : tr("Failed");
    case Column::PromptTokens:
        return field ? QStringLiteral("prompt_tokens") : tr("Prompt tokens");
    case Column::CompletionTokens:
        return field ? QStringLiteral("completion_tokens") : tr("Completion tokens");
    case Column::TotalTokens:
        return field ? QStringLiteral("total_tokens") : tr("Total tokens");
    }
    return {};
}
