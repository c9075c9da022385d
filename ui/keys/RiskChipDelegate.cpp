#include "RiskChipDelegate.h"

#include "core/itemmodels/KeyTableModel.h"
#include "ui/TextStyle.h"

#include <QApplication>
#include <QPainter>

namespace {

constexpr int kPad = 5;
constexpr int kGap = 4;
constexpr double kTint = 0.16; // how much of the risk's colour is in a chip's background
constexpr double kLabelContrast = 6.0;

QColor blend(const QColor &under, const QColor &over, double share) {
    const auto mix = [share](double a, double b) { return a + (b - a) * share; };
    return QColor::fromRgbF(float(mix(under.redF(), over.redF())), float(mix(under.greenF(), over.greenF())),
                            float(mix(under.blueF(), over.blueF())));
}

QList<KeyRisk> risksOf(const QModelIndex &index) {
    QList<KeyRisk> out;
    for (const QVariant &v : index.data(KeyTableModel::RisksRole).toList())
        out << KeyRisk(v.toInt());
    return out;
}

} // namespace

QColor RiskChipDelegate::colour(KeyRisk risk) {
    switch (risk) {
    case KeyRisk::OverBudget:
    case KeyRisk::Blocked:
        return QColor(0xd9, 0x48, 0x3b);
    case KeyRisk::NearBudget:
    case KeyRisk::ExpiresSoon:
        return QColor(0xd8, 0x8b, 0x0b);
    case KeyRisk::NeverExpires:
    case KeyRisk::Unrestricted:
    case KeyRisk::NoBudget:
        return QColor(0x6b, 0x5b, 0xb5);
    case KeyRisk::Idle:
        return QColor(0x70, 0x77, 0x80);
    }
    return Qt::gray;
}

void RiskChipDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    QFont font = opt.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics fm(font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(font);
    painter->setClipRect(opt.rect);
    int x = opt.rect.left() + kGap;
    const int h = fm.height() + 2;
    const int y = opt.rect.center().y() - h / 2;
    for (KeyRisk r : risksOf(index)) {
        const QString label = keyrisk::label(r);
        const QRect chip(x, y, fm.horizontalAdvance(label) + 2 * kPad, h);
        // A light tint of the risk's colour over the row, and the label in that colour, as light or dark
        // as it must be to read on the tint: small anti-aliased text never shows its full colour, so it
        // aims above the 4.5:1 that text needs.
        const QColor row = opt.palette.color(QPalette::Base);
        const QColor fill = blend(row, colour(r), kTint);
        painter->setPen(colour(r));
        painter->setBrush(fill);
        painter->drawRoundedRect(chip, h / 2.0, h / 2.0);
        painter->setPen(textstyle::readableOn(colour(r), fill, kLabelContrast));
        painter->drawText(chip, Qt::AlignCenter, label);
        x = chip.right() + kGap;
    }
    painter->restore();
}

QSize RiskChipDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics fm(font);
    int w = kGap;
    for (KeyRisk r : risksOf(index))
        w += fm.horizontalAdvance(keyrisk::label(r)) + 2 * kPad + kGap;
    return {w, fm.height() + 8};
}
