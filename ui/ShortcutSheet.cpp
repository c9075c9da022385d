#include "ShortcutSheet.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <utility>

namespace {

QString plain(QString text) {
    return text.remove(u'&').remove(QStringLiteral("…")).trimmed();
}

// Each menu action, in the menu's order, with the path of menus that holds it ("File", "File › Export").
void mapMenu(const QMenu *menu, const QString &path, QList<std::pair<const QAction *, QString>> &where) {
    for (QAction *action : menu->actions()) {
        if (action->menu())
            mapMenu(action->menu(), path + QStringLiteral(" › ") + plain(action->text()), where);
        else if (!action->isSeparator())
            where.append({action, path});
    }
}

// The page (or other named part of the window) a widget belongs to: its nearest ancestor below the
// window with a windowTitle.
QString partOf(const QWidget *widget, const QWidget *window) {
    for (const QWidget *w = widget; w && w != window; w = w->parentWidget())
        if (!w->windowTitle().isEmpty() && !w->isWindow())
            return QCoreApplication::translate("ShortcutSheet", "%1 page").arg(w->windowTitle());
    return QCoreApplication::translate("ShortcutSheet", "Window");
}

QString keysOf(const QList<QKeySequence> &keys) {
    QStringList text;
    for (const QKeySequence &k : keys)
        if (!k.isEmpty())
            text << ShortcutSheet::keyText(k);
    return text.join(QStringLiteral(", "));
}

} // namespace

QString ShortcutSheet::keyText(const QKeySequence &keys) {
    return keys.toString(QKeySequence::NativeText);
}

ShortcutSheet::ShortcutSheet(const QMainWindow *window, const QList<QPair<QString, QString>> &extra,
                             QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Where"), tr("Action"), tr("Keys")});
    m_list->setAccessibleName(tr("Keyboard shortcuts"));

    QSet<QString> shown;
    const auto add = [&](const QString &where, const QString &what, const QString &keys) {
        const QString row = QStringLiteral("%1\t%2\t%3").arg(where, what, keys);
        if (keys.isEmpty() || shown.contains(row))
            return;
        shown.insert(row);
        new QTreeWidgetItem(m_list, {where, what, keys});
    };

    // The menus first, in their order; then what pages and the window hold outside them.
    QList<std::pair<const QAction *, QString>> menuActions;
    for (QAction *top : window->menuBar()->actions())
        if (top->menu())
            mapMenu(top->menu(), plain(top->text()), menuActions);
    QSet<const QAction *> inMenus;
    for (const auto &[action, path] : std::as_const(menuActions)) {
        inMenus.insert(action);
        add(path, plain(action->text()), keysOf(action->shortcuts()));
    }
    // Each page's keys together, in the pages' order of creation; the window's own last.
    QList<std::array<QString, 3>> outside;
    for (const QAction *a : window->findChildren<QAction *>()) {
        if (inMenus.contains(a) || a->shortcuts().isEmpty())
            continue;
        const auto *owner = qobject_cast<const QWidget *>(a->parent());
        if (!owner || owner->window() != window)
            continue; // a menu's own action, or one of a dialog
        outside.append({partOf(owner, window), plain(a->text().isEmpty() ? a->toolTip() : a->text()),
                        keysOf(a->shortcuts())});
    }
    for (const QShortcut *s : window->findChildren<QShortcut *>()) {
        const auto *owner = qobject_cast<const QWidget *>(s->parent());
        if (!owner || owner->window() != window)
            continue;
        outside.append({partOf(owner, window), s->whatsThis().isEmpty() ? s->objectName() : s->whatsThis(),
                        keysOf(s->keys())});
    }
    const QString windowPart = QCoreApplication::translate("ShortcutSheet", "Window");
    QStringList parts;
    for (const auto &row : std::as_const(outside))
        if (row[0] != windowPart && !parts.contains(row[0]))
            parts << row[0];
    parts << windowPart;
    std::stable_sort(outside.begin(), outside.end(), [&parts](const auto &a, const auto &b) {
        return parts.indexOf(a[0]) < parts.indexOf(b[0]);
    });
    for (const auto &[where, what, keys] : std::as_const(outside))
        add(where, what, keys);
    for (const auto &[what, keys] : extra)
        add(tr("Tables and forms"), what, keys);

    for (int c = 0; c < 3; ++c)
        m_list->resizeColumnToContents(c);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(620, 560);
}

QStringList ShortcutSheet::rows() const {
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        out << QStringLiteral("%1\t%2\t%3").arg(item->text(0), item->text(1), item->text(2));
    }
    return out;
}
