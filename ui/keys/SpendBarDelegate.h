#pragma once

#include <QStyledItemDelegate>

// Paints the spend cell as a bar of spend against budget (green, amber above 80%, red when over) under
// the model's text. It only paints: the numbers come from KeyTableModel.
class SpendBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};
