#pragma once

#include <QDialog>

class QMenuBar;
class QTreeWidget;

// Every keyboard shortcut of the window, by menu, plus the ones pages add: opened with F1 or "?".
class ShortcutSheet : public QDialog {
    Q_OBJECT
public:
    // `extra` are (what, keys) pairs that are not menu actions (page shortcuts, table keys).
    ShortcutSheet(const QMenuBar *menus, const QList<QPair<QString, QString>> &extra,
                  QWidget *parent = nullptr);

    // The rows shown, "Menu\tAction\tKeys" (tests read them).
    QStringList rows() const;

private:
    QTreeWidget *m_list = nullptr;
};
