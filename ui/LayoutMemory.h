#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

class QWidget;

// Remembers how the window is laid out for each connection profile: the window's geometry, every named
// QSplitter and the column header (widths, order, hidden columns, sort order) of every named table or
// tree view under the widgets it tracks. Splitters and headers are saved once they change; everything is
// saved when the profile changes and by save(). Opening a profile applies its own layout; a profile that
// has none gets the layout saved last under any profile, or else keeps the layout it has. Only layout is
// kept: no names, no data.
class LayoutMemory : public QObject {
    Q_OBJECT
public:
    explicit LayoutMemory(QObject *parent = nullptr);

    // Every QSplitter with an object name under `root`, and the column header of every QTableView or
    // QTreeView with one, is remembered under that name. The current profile's layout is applied at once.
    void track(QWidget *root);
    // The geometry of `window` (a top-level widget) is remembered too; it is applied at once.
    void trackWindow(QWidget *window);
    // Saves the layout for the profile shown so far, then applies the one saved for `profileId`.
    void setProfile(const QString &profileId);
    QString profile() const { return m_profile; }
    // Saves everything tracked, for the current profile and as the last layout of any profile.
    void save();

private:
    struct Item {
        QString name;
        QPointer<QWidget> widget;
    };

    void add(const QString &name, QWidget *widget);
    void saveSoon(const Item &item);
    void saveChanged();
    void save(const Item &item);
    void apply(const Item &item);
    QByteArray saved(const QString &name) const;
    QString profileKey(const QString &name) const;

    QList<Item> m_items;
    QSet<QString> m_unsaved; // changed since the last save
    QTimer m_saveTimer;
    QString m_profile;
    bool m_applying = false; // applying a saved layout is not a change to save
};
