#pragma once

#include "core/watch/Alert.h"
#include "core/watch/WatchScheduler.h"

#include <QColor>
#include <QIcon>
#include <QObject>
#include <QPointer>

class DesktopNotifier;
class QMenu;
class QSystemTrayIcon;

// Watch in the desktop: a tray icon whose colour is the worst alert open over every watched connection
// (red: critical, amber: a warning, green: none, grey: nothing watched yet), with the counts in its
// tooltip, and a desktop notification for the alerts each pass opens, which shows that connection's
// Watch page when clicked. The icon exists only where the desktop has a tray.
class WatchTray : public QObject {
    Q_OBJECT
public:
    enum class Level { Unknown, Clear, Warning, Critical };

    WatchTray(WatchScheduler *scheduler, QObject *parent = nullptr);
    ~WatchTray() override;

    static Level level(const QHash<QString, WatchScheduler::State> &states, const QDateTime &now);
    static QColor colour(Level level);
    static QIcon icon(Level level);
    // "LiteLLM Desk: 3 alerts on prod, 1 on staging", "LiteLLM Desk: no alerts", ...
    static QString toolTip(const QHash<QString, WatchScheduler::State> &states, const QDateTime &now);
    // "2 new alerts on prod" and one line a alert (at most 5, then "and n more").
    static QPair<QString, QString> notification(const QString &connection, const QList<Alert> &opened);

    bool hasTrayIcon() const { return m_tray != nullptr; }
    Level currentLevel() const { return m_level; }
    DesktopNotifier *notifier() const { return m_notifier; }

signals:
    void showWindowRequested();
    void alertsRequested(const QString &scope); // a notification was clicked
    void quitRequested();

private:
    void update();
    void onPassFinished(const QString &scope, const WatchReport &report);

    QPointer<WatchScheduler> m_scheduler;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    Level m_level = Level::Unknown;
};
