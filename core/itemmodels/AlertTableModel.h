#pragma once

#include "core/watch/Alert.h"

#include <QAbstractTableModel>
#include <QDateTime>

// Watch's alerts as a table: the open ones (with their acknowledgement or snooze) or the history.
class AlertTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Kind, Subject, Value, Threshold, Since, State, Message };
    static constexpr int kColumnCount = 7;
    enum Role {
        SortRole = Qt::UserRole + 1,
        IdentityRole,
        SeverityRole, // int: 1 warning, 2 critical
    };

    explicit AlertTableModel(QObject *parent = nullptr);

    // `history`: the State column says when each cleared, not whether it is acknowledged.
    void setAlerts(const QList<Alert> &alerts, const QDateTime &now, bool history = false);
    const QList<Alert> &alerts() const { return m_alerts; }
    const Alert *alertAt(int row) const;

    static QString valueText(const Alert &a);     // "$200.00", "1.5 d", "-"
    static QString thresholdText(const Alert &a); // "$30.00", "7 d", "-"

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString stateText(const Alert &a) const;

    QList<Alert> m_alerts;
    QDateTime m_now;
    bool m_history = false;
};
