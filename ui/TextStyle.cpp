#include "TextStyle.h"

#include <QLabel>

namespace textstyle {

QLabel *title(const QString &text, QWidget *parent) {
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    label->setFont(font);
    return label;
}

void setMuted(QLabel *label) {
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
}

} // namespace textstyle
