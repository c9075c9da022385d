#pragma once

#include <QStyledItemDelegate>

// Paints the spend cell as a bar of spend against budget (green, amber above 80%, red when over) under
// the model's text. It only paints: the share (spend / budget) comes from the model's `shareRole`, the
// text as the model gives it (keys and teams alike).
class SpendBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    SpendBarDelegate(int shareRole, QObject *parent);
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

private:
    int m_shareRole;
};
