#pragma once

#include "core/roles/LeaseManager.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

// Keys issued from roles, seen as leases: one row per key. Qt::DisplayRole gives text (dates in local
// time, "3 d 4 h" left), Qt::ToolTipRole the dates in UTC, SortRole raw values (QString, QDateTime,
// qint64 seconds left; keys that never expire sort after every date).
class LeaseTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Alias, Role, Owner, Issued, Expires, TimeLeft };
    static constexpr int kColumnCount = 6;

    enum Role {
        SortRole = Qt::UserRole + 1,
        TokenRole,   // the key's hash
        ExpiredRole, // bool, at the model's "now"
        StateRole,   // "expired", "soon" (within 7 days) or "ok", for painting
    };

    explicit LeaseTableModel(QObject *parent = nullptr);

    void setLeases(QList<LeasedKey> leases);
    const QList<LeasedKey> &leases() const { return m_leases; }
    const LeasedKey *leaseAt(int row) const;
    int rowOf(const QString &token) const;
    // Replaces the row with the same token (after a renewal).
    void updateLease(const LeasedKey &lease);
    void removeTokens(const QStringList &tokens);

    // The time "time left" and "expired" are computed against; the current time when never set.
    QDateTime now() const;
    void setNow(const QDateTime &now);
    // Moves "now" to the current time and refreshes the time-left column.
    void tick();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "2025-03-04 14:05" in local time; "never" for an invalid date.
    static QString formatLocal(const QDateTime &t);
    // "2025-03-04 13:05:00 UTC"
    static QString formatUtc(const QDateTime &t);

private:
    QVariant displayValue(const LeasedKey &k, Column column) const;
    QVariant sortValue(const LeasedKey &k, Column column) const;

    QList<LeasedKey> m_leases;
    QDateTime m_now;
};
