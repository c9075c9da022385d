#pragma once

#include <QSortFilterProxyModel>

// Filters and sorts a LeaseTableModel: by state (all, expiring within 7 days, expired) and by role.
// Sorts on LeaseTableModel::SortRole.
class LeaseFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class State { All, ExpiringSoon, Expired };
    static constexpr qint64 kSoonSeconds = 7 * 86400;

    explicit LeaseFilterProxy(QObject *parent = nullptr);

    State state() const { return m_state; }
    void setState(State state);
    QString role() const { return m_role; }
    // Empty keeps every role.
    void setRole(const QString &role);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    State m_state = State::All;
    QString m_role;
};
