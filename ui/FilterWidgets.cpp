#include "FilterWidgets.h"

#include "ui/TextStyle.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>

namespace filterwidgets {

QLineEdit *textFilter(const QString &objectName, const QString &accessibleName, const QString &placeholder,
                      int minimumWidth, QWidget *parent) {
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setMinimumWidth(minimumWidth);
    return edit;
}

QComboBox *choice(const QString &objectName, const QString &accessibleName, const QString &allText,
                  QWidget *parent) {
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->addItem(allText, QString());
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

QLabel *count(const QString &objectName, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    textstyle::setMuted(label);
    return label;
}

} // namespace filterwidgets
