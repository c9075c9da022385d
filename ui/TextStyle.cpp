#include "TextStyle.h"

#include <QLabel>
#include <QPalette>

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

QLabel *fieldError(const QString &field, QWidget *parent) {
    auto *line = new QLabel(parent);
    line->setObjectName(QStringLiteral("error_") + field);
    QPalette palette = line->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    palette.setColor(QPalette::WindowText, dark ? QColor(0xf2, 0xb8, 0xb5) : QColor(0xb3, 0x26, 0x1e));
    line->setPalette(palette);
    line->setTextFormat(Qt::PlainText);
    line->setWordWrap(false);
    // One line tall always, and never wider than the form gives it.
    line->setMinimumHeight(line->fontMetrics().height());
    line->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    return line;
}

void setFieldError(QLabel *line, const QString &message) {
    line->setText(message);
    line->setToolTip(message);
    line->setAccessibleDescription(message);
}

} // namespace textstyle
