#include "LeaseTableModel.h"

#include <QLocale>
#include <QTimeZone>

#include <limits>

namespace {

const QString kNone = QStringLiteral("—");

} // namespace

LeaseTableModel::LeaseTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void LeaseTableModel::setLeases(QList<LeasedKey> leases) {
    beginResetModel();
    m_leases = std::move(leases);
    endResetModel();
}

const LeasedKey *LeaseTableModel::leaseAt(int row) const {
    if (row < 0 || row >= m_leases.size())
        return nullptr;
    return &m_leases.at(row);
}

int LeaseTableModel::rowOf(const QString &token) const {
    for (int i = 0; i < m_leases.size(); ++i)
        if (m_leases.at(i).token == token)
            return i;
    return -1;
}

void LeaseTableModel::updateLease(const LeasedKey &lease) {
    const int row = rowOf(lease.token);
    if (row < 0)
        return;
    m_leases[row] = lease;
    emit dataChanged(index(row, 0), index(row, kColumnCount - 1));
}

void LeaseTableModel::removeTokens(const QStringList &tokens) {
    for (const auto &token : tokens) {
        const int row = rowOf(token);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        m_leases.removeAt(row);
        endRemoveRows();
    }
}

QDateTime LeaseTableModel::now() const {
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

void LeaseTableModel::setNow(const QDateTime &now) {
    m_now = now;
    if (!m_leases.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
}

void LeaseTableModel::tick() {
    m_now = QDateTime();
    if (!m_leases.isEmpty()) {
        const int col = static_cast<int>(Column::TimeLeft);
        emit dataChanged(index(0, col), index(rowCount() - 1, col));
    }
}

int LeaseTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_leases.size());
}

int LeaseTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QString LeaseTableModel::formatLocal(const QDateTime &t) {
    if (!t.isValid())
        return QStringLiteral("never");
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString LeaseTableModel::formatUtc(const QDateTime &t) {
    if (!t.isValid())
        return QStringLiteral("never");
    return t.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
           QStringLiteral(" UTC");
}

QVariant LeaseTableModel::displayValue(const LeasedKey &k, Column column) const {
    switch (column) {
    case Column::Alias:
        return k.alias.isEmpty() ? kNone : k.alias;
    case Column::Role:
        return k.lease.role;
    case Column::Owner:
        return !k.userId.isEmpty() ? k.userId
                                   : (!k.teamId.isEmpty() ? QStringLiteral("team %1").arg(k.teamId) : kNone);
    case Column::Issued:
        return k.lease.issuedAt.isValid() ? formatLocal(k.lease.issuedAt) : kNone;
    case Column::Expires:
        return formatLocal(k.lease.expires);
    case Column::TimeLeft:
        return formatTimeLeft(k.lease.secondsLeft(now()));
    }
    return {};
}

QVariant LeaseTableModel::sortValue(const LeasedKey &k, Column column) const {
    switch (column) {
    case Column::Alias:
        return k.alias;
    case Column::Role:
        return k.lease.role;
    case Column::Owner:
        return !k.userId.isEmpty() ? k.userId : k.teamId;
    case Column::Issued:
        return k.lease.issuedAt;
    case Column::Expires:
        return k.lease.expires.isValid()
                   ? k.lease.expires
                   : QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), QTimeZone::utc());
    case Column::TimeLeft:
        return QVariant::fromValue(k.lease.secondsLeft(now()).value_or(std::numeric_limits<qint64>::max()));
    }
    return {};
}

QVariant LeaseTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LeasedKey &k = m_leases.at(index.row());
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(k, column);
    case SortRole:
        return sortValue(k, column);
    case TokenRole:
        return k.token;
    case ExpiredRole:
        return k.lease.isExpired(now());
    case Qt::ToolTipRole:
        if (column == Column::Issued)
            return formatUtc(k.lease.issuedAt);
        if (column == Column::Expires || column == Column::TimeLeft) {
            QString tip = formatUtc(k.lease.expires);
            if (const QDateTime cap = k.lease.cap(); cap.isValid())
                tip += QStringLiteral("\nRenewable until %1").arg(formatUtc(cap));
            return tip;
        }
        if (column == Column::Owner && !k.teamId.isEmpty())
            return QStringLiteral("Team %1").arg(k.teamId);
        return {};
    case StateRole:
        if (k.lease.isExpired(now()))
            return QStringLiteral("expired");
        return k.lease.expiresWithin(now(), 7 * 86400) ? QStringLiteral("soon") : QStringLiteral("ok");
    case Qt::TextAlignmentRole:
        if (column == Column::TimeLeft)
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant LeaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= kColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Alias:
        return tr("Key alias");
    case Column::Role:
        return tr("Role");
    case Column::Owner:
        return tr("Owner");
    case Column::Issued:
        return tr("Issued");
    case Column::Expires:
        return tr("Expires");
    case Column::TimeLeft:
        return tr("Time left");
    }
    return {};
}
