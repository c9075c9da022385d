#pragma once

class QComboBox;
class QLabel;
class QLineEdit;
class QString;
class QWidget;

// The filter row the list pages share: a text filter, a choice of one value with "All …" first, and the
// count of what is shown, set up the same way on every page.
namespace filterwidgets {

// A filter box with a clear button; its placeholder says what it matches (and the Ctrl+F that focuses it).
QLineEdit *textFilter(const QString &objectName, const QString &accessibleName, const QString &placeholder,
                      int minimumWidth, QWidget *parent);
// A choice whose first item `allText` (data: an empty string) means no filter.
QComboBox *choice(const QString &objectName, const QString &accessibleName, const QString &allText,
                  QWidget *parent);
// The muted "Loaded n of m …" line.
QLabel *count(const QString &objectName, QWidget *parent);

} // namespace filterwidgets
