#include "UsageDayModel.h"

#include "core/format/Money.h"
#include "core/itemmodels/UsageTableModel.h"
#include "core/usage/BudgetStart.h"

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
    for (const auto &[date, metrics] : days)
        m_rows.append({date, metrics, 0});
    recount();
    endResetModel();
}

void UsageDayModel::setBudgetStart(double spendBefore, const QList<QDate> &resets, const QString &basis) {
    m_spendBefore = spendBefore;
    m_resets = resets;
    m_basis = basis;
    recount();
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, int(Column::CumulativeSpend)),
                         index(int(m_rows.size()) - 1, int(Column::CumulativeSpend)));
    emit headerDataChanged(Qt::Horizontal, int(Column::CumulativeSpend), int(Column::CumulativeSpend));
}

void UsageDayModel::clearBudgetStart() {
    setBudgetStart(0, {}, QString());
}

void UsageDayModel::recount() {
    QList<QPair<QDate, UsageMetrics>> days;
    days.reserve(m_rows.size());
    for (const Row &row : std::as_const(m_rows))
        days.append({row.date, row.metrics});
    const QList<double> running = budgetstart::runningSpend(days, m_spendBefore, m_resets);
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        m_rows[i].cumulative = running.at(i);
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
    if (role == Qt::ToolTipRole && column == Column::CumulativeSpend)
        return m_basis.isEmpty() ? tr("Spend in the range, day by day")
                                 : tr("Spend counted against the budget, %1").arg(m_basis);
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
