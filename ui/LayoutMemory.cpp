#include "LayoutMemory.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>

#include <utility>

namespace {

// The last layout of any profile; each profile's own is under kProfileGroup/<profile id, base64url>/.
const QString kLastGroup = QStringLiteral("layout/");
const QString kProfileGroup = QStringLiteral("profileLayout/");

// Where earlier versions kept the one layout they had, and the name it has now.
constexpr std::pair<const char *, const char *> kOldKeys[] = {{"keysPage/header", "keyTable"},
                                                              {"keysPage/splitter", "keysSplitter"},
                                                              {"users/splitter", "usersSplitter"},
                                                              {"mainWindow/geometry", "window"}};

QByteArray stateOf(QWidget *widget) {
    if (auto *splitter = qobject_cast<QSplitter *>(widget))
        return splitter->saveState();
    if (auto *header = qobject_cast<QHeaderView *>(widget))
        return header->saveState();
    return widget->saveGeometry();
}

void restore(QWidget *widget, const QByteArray &state) {
    if (auto *splitter = qobject_cast<QSplitter *>(widget))
        splitter->restoreState(state);
    else if (auto *header = qobject_cast<QHeaderView *>(widget))
        header->restoreState(state);
    else
        widget->restoreGeometry(state);
}

} // namespace

LayoutMemory::LayoutMemory(QObject *parent)
    : QObject(parent) {
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(0);
    connect(&m_saveTimer, &QTimer::timeout, this, &LayoutMemory::saveChanged);
    QSettings settings;
    for (const auto &[oldKey, name] : kOldKeys) {
        const QString key = QString::fromLatin1(oldKey);
        if (!settings.contains(key))
            continue;
        if (!settings.contains(kLastGroup + QString::fromLatin1(name)))
            settings.setValue(kLastGroup + QString::fromLatin1(name), settings.value(key));
        settings.remove(key);
    }
}

void LayoutMemory::track(QWidget *root) {
    for (QSplitter *splitter : root->findChildren<QSplitter *>()) {
        if (splitter->objectName().isEmpty())
            continue;
        add(splitter->objectName(), splitter);
        connect(splitter, &QSplitter::splitterMoved, this, [this, item = m_items.last()] { saveSoon(item); });
    }
    for (QAbstractItemView *view : root->findChildren<QAbstractItemView *>()) {
        QHeaderView *header = nullptr;
        if (auto *table = qobject_cast<QTableView *>(view))
            header = table->horizontalHeader();
        else if (auto *tree = qobject_cast<QTreeView *>(view))
            header = tree->header();
        if (!header || view->objectName().isEmpty())
            continue;
        add(view->objectName(), header);
        const auto changed = [this, item = m_items.last()] { saveSoon(item); };
        connect(header, &QHeaderView::sectionResized, this, changed);
        connect(header, &QHeaderView::sectionMoved, this, changed);
        connect(header, &QHeaderView::sortIndicatorChanged, this, changed);
    }
}

void LayoutMemory::trackWindow(QWidget *window) {
    // First, so that splitters are sized in the window as it will be.
    m_items.prepend({QStringLiteral("window"), window});
    apply(m_items.first());
}

void LayoutMemory::add(const QString &name, QWidget *widget) {
    m_items.append({name, widget});
    apply(m_items.last());
}

void LayoutMemory::setProfile(const QString &profileId) {
    if (profileId == m_profile)
        return;
    save();
    m_profile = profileId;
    for (const Item &item : std::as_const(m_items))
        apply(item);
}

void LayoutMemory::save() {
    m_saveTimer.stop();
    m_unsaved.clear();
    for (const Item &item : std::as_const(m_items))
        save(item);
}

void LayoutMemory::saveSoon(const Item &item) {
    // Once the change is complete: hiding a column, for one, resizes it before it marks it hidden.
    if (m_applying)
        return;
    m_unsaved.insert(item.name);
    m_saveTimer.start();
}

void LayoutMemory::saveChanged() {
    for (const Item &item : std::as_const(m_items))
        if (m_unsaved.contains(item.name))
            save(item);
    m_unsaved.clear();
}

void LayoutMemory::save(const Item &item) {
    if (m_applying || !item.widget)
        return;
    const QByteArray state = stateOf(item.widget);
    QSettings settings;
    if (!m_profile.isEmpty())
        settings.setValue(profileKey(item.name), state);
    settings.setValue(kLastGroup + item.name, state);
}

void LayoutMemory::apply(const Item &item) {
    const QByteArray state = saved(item.name);
    if (state.isEmpty() || !item.widget)
        return; // nothing saved yet: as built
    m_applying = true;
    restore(item.widget, state);
    m_applying = false;
}

QByteArray LayoutMemory::saved(const QString &name) const {
    QSettings settings;
    if (!m_profile.isEmpty())
        if (const QByteArray own = settings.value(profileKey(name)).toByteArray(); !own.isEmpty())
            return own;
    return settings.value(kLastGroup + name).toByteArray();
}

QString LayoutMemory::profileKey(const QString &name) const {
    const QByteArray id =
        m_profile.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return kProfileGroup + QString::fromLatin1(id) + u'/' + name;
}
