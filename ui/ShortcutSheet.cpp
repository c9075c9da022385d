#include "ShortcutSheet.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString plain(QString text) {
    return text.remove(u'&').remove(QStringLiteral("…"));
}

void addMenu(QTreeWidget *list, const QString &path, const QMenu *menu) {
    for (QAction *action : menu->actions()) {
        if (action->menu()) {
            addMenu(list, path + QStringLiteral(" › ") + plain(action->text()), action->menu());
            continue;
        }
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty() || action->isSeparator())
            continue;
        QStringList text;
        for (const QKeySequence &k : keys)
            text << k.toString(QKeySequence::NativeText);
        new QTreeWidgetItem(list, {path, plain(action->text()), text.join(QStringLiteral(", "))});
    }
}

} // namespace

ShortcutSheet::ShortcutSheet(const QMenuBar *menus, const QList<QPair<QString, QString>> &extra,
                             QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("shortcutSheet"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("shortcutList"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({tr("Menu"), tr("Action"), tr("Keys")});
    m_list->setAccessibleName(tr("Keyboard shortcuts"));
    for (QAction *top : menus->actions())
        if (top->menu())
            addMenu(m_list, plain(top->text()), top->menu());
    for (const auto &[what, keys] : extra)
        new QTreeWidgetItem(m_list, {tr("Pages"), what, keys});
    for (int c = 0; c < 3; ++c)
        m_list->resizeColumnToContents(c);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(560, 520);
}

QStringList ShortcutSheet::rows() const {
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        out << QStringLiteral("%1\t%2\t%3").arg(item->text(0), item->text(1), item->text(2));
    }
    return out;
}
