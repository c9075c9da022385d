#pragma once

#include "core/keys/KeyRisk.h"

#include <QColor>
#include <QStyledItemDelegate>

// Paints a key's risks as small coloured chips ("over budget", "never expires", ...). It only paints.
class RiskChipDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor colour(KeyRisk risk);
};
