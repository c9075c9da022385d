#pragma once

#include <QDialog>

class QMainWindow;
class QTreeWidget;

// Every keyboard shortcut of the window, opened with F1 or "?". It is read from the window itself, so it
// cannot drift from what the keys do: each QAction with a shortcut (by its menu, or by the page that owns
// it, or "Window"), each QShortcut (described by its whatsThis), plus keys that are neither (table keys,
// Tab) given as `extra`. A page is named by its windowTitle ("Keys page").
class ShortcutSheet : public QDialog {
    Q_OBJECT
public:
    // `extra` are (what, keys) pairs listed under "Tables and forms".
    ShortcutSheet(const QMainWindow *window, const QList<QPair<QString, QString>> &extra,
                  QWidget *parent = nullptr);

    // The rows shown, "Where\tAction\tKeys" (tests read them).
    QStringList rows() const;
    // How the sheet writes a key sequence (the "Keys" column joins several with ", ").
    static QString keyText(const QKeySequence &keys);

private:
    QTreeWidget *m_list = nullptr;
};
