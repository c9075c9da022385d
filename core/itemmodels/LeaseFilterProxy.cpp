#include "LeaseFilterProxy.h"

#include "core/itemmodels/LeaseTableModel.h"

LeaseFilterProxy::LeaseFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(LeaseTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void LeaseFilterProxy::setState(State state) {
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

void LeaseFilterProxy::setRole(const QString &role) {
    if (role == m_role)
        return;
    m_role = role;
    invalidateFilter();
}

bool LeaseFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const {
    const auto *model = qobject_cast<const LeaseTableModel *>(sourceModel());
    const LeasedKey *k = model ? model->leaseAt(sourceRow) : nullptr;
    if (!k)
        return false;
    if (!m_role.isEmpty() && k->lease.role != m_role)
        return false;
    const QDateTime now = model->now();
    switch (m_state) {
    case State::All:
        return true;
    case State::ExpiringSoon:
        return k->lease.expiresWithin(now, kSoonSeconds);
    case State::Expired:
        return k->lease.isExpired(now);
    }
    return true;
}
