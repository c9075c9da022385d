#include "DateField.h"

#include <QKeyEvent>
#include <QLineEdit>

DateField::DateField(QWidget *parent)
    : QDateEdit(parent) {
    setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    setCalendarPopup(true);
}

void DateField::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        m_movedOn = false;
        QDateEdit::keyPressEvent(event);
        emit returnPressed();
        return;
    }
    const QString text = event->text();
    const bool digit = text.size() == 1 && text.front().isDigit();
    const QLineEdit *line = lineEdit();
    if (digit && line->hasSelectedText() && line->selectedText() == line->text())
        setSelectedSection(sectionAt(0)); // typing over everything starts with the first section
    if (m_movedOn && text == u"-") {
        m_movedOn = false; // the separator the cursor has already passed
        return;
    }
    const Section before = currentSection();
    QDateEdit::keyPressEvent(event);
    m_movedOn = digit && currentSection() != before;
}
