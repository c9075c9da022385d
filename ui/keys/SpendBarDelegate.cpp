#include "SpendBarDelegate.h"

#include "core/keys/KeyRisk.h"

#include <QApplication>
#include <QPainter>

SpendBarDelegate::SpendBarDelegate(int shareRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_shareRole(shareRole) {}

void SpendBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    const QVariant share = index.data(m_shareRole);
    if (!share.isValid())
        return QStyledItemDelegate::paint(painter, option, index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const double s = share.toDouble();
    QColor colour =
        s >= 1.0 ? QColor(0xd9, 0x48, 0x3b)
                 : (s > keyrisk::kNearBudgetShare ? QColor(0xe8, 0xa3, 0x17) : QColor(0x3c, 0x9d, 0x5d));
    const QRect area = opt.rect.adjusted(6, opt.rect.height() - 7, -6, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QColor track = opt.palette.color(QPalette::Mid);
    track.setAlpha(70);
    painter->setBrush(track);
    painter->drawRoundedRect(area, 2, 2);
    QRect filled = area;
    filled.setWidth(int(area.width() * std::clamp(s, 0.0, 1.0)));
    painter->setBrush(colour);
    if (filled.width() > 0)
        painter->drawRoundedRect(filled, 2, 2);
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                                       : opt.palette.color(QPalette::Text));
    const QRect textRect = opt.rect.adjusted(6, 0, -6, -6);
    painter->drawText(textRect, int(opt.displayAlignment),
                      opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}
