#include "core/itemmodels/AlertTableModel.h"

#include "core/format/Money.h"

#include <QLocale>

AlertTableModel::AlertTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void AlertTableModel::setAlerts(const QList<Alert> &alerts, const QDateTime &now, bool history) {
    beginResetModel();
    m_alerts = alerts;
    m_now = now;
    m_history = history;
    endResetModel();
}

const Alert *AlertTableModel::alertAt(int row) const {
    return row >= 0 && row < m_alerts.size() ? &m_alerts.at(row) : nullptr;
}

QString AlertTableModel::valueText(const Alert &a) {
    if (!a.value)
        return QStringLiteral("-");
    switch (a.kind) {
    case Alert::Kind::SpendSpike:
    case Alert::Kind::BudgetExhausted:
        return formatUsd(*a.value);
    case Alert::Kind::BudgetForecast:
    case Alert::Kind::Expiring:
        return tr("%1 d").arg(*a.value, 0, 'f', 1);
    case Alert::Kind::ProxyUnhealthy:
        break;
    }
    return QString::number(*a.value);
}

QString AlertTableModel::thresholdText(const Alert &a) {
    if (!a.threshold)
        return QStringLiteral("-");
    if (a.kind == Alert::Kind::SpendSpike || a.kind == Alert::Kind::BudgetExhausted)
        return formatUsd(*a.threshold);
    return tr("%1 d").arg(*a.threshold, 0, 'f', 0);
}

QString AlertTableModel::stateText(const Alert &a) const {
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
    if (m_history)
        return tr("cleared %1").arg(a.clearedAt.toLocalTime().toString(format));
    if (a.acknowledged.isValid())
        return tr("acknowledged");
    if (a.snoozedUntil.isValid() && a.snoozedUntil > m_now)
        return tr("snoozed until %1").arg(a.snoozedUntil.toLocalTime().toString(format));
    return tr("open");
}

int AlertTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const {
    const Alert *a = alertAt(index.row());
    if (!a)
        return {};
    const auto column = Column(index.column());
    if (role == IdentityRole)
        return a->identity();
    if (role == SeverityRole)
        return int(a->severity());
    if (role == Qt::TextAlignmentRole && (column == Column::Value || column == Column::Threshold))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        switch (column) {
        case Column::Value:
            return a->value.value_or(0);
        case Column::Threshold:
            return a->threshold.value_or(0);
        case Column::Since:
            return a->since;
        case Column::Kind: { // the proxy's health, exhausted budgets, spikes, forecasts, expiry
            static constexpr int rank[] = {3, 4, 2, 1, 5}; // by Alert::Kind
            return rank[int(a->kind)];
        }
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Column::Kind:
        return Alert::kindLabel(a->kind);
    case Column::Subject: {
        const QString name = a->subjectName.isEmpty() ? a->subject : a->subjectName;
        return QString(Alert::subjectTypeName(a->subjectType) + u' ' + name);
    }
    case Column::Value:
        return valueText(*a);
    case Column::Threshold:
        return thresholdText(*a);
    case Column::Since:
        return a->since.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Column::State:
        return stateText(*a);
    case Column::Message:
        return a->message;
    }
    return {};
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Kind:
        return tr("Alert");
    case Column::Subject:
        return tr("Subject");
    case Column::Value:
        return tr("Value");
    case Column::Threshold:
        return tr("Threshold");
    case Column::Since:
        return tr("Since");
    case Column::State:
        return m_history ? tr("Cleared") : tr("State");
    case Column::Message:
        return tr("What happened");
    }
    return {};
}
