#include "ui/watch/WatchTray.h"

#include "ui/watch/DesktopNotifier.h"

#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>

WatchTray::WatchTray(WatchScheduler *scheduler, QObject *parent)
    : QObject(parent)
    , m_scheduler(scheduler)
    , m_notifier(new DesktopNotifier(this)) {
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setObjectName(QStringLiteral("watchTray"));
        m_menu = new QMenu;
        m_menu->addAction(tr("Show LiteLLM Desk"), this, &WatchTray::showWindowRequested);
        m_menu->addSeparator();
        m_menu->addAction(tr("Quit"), this, &WatchTray::quitRequested);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit showWindowRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, &WatchTray::showWindowRequested);
        m_tray->show();
    }
    connect(m_notifier, &DesktopNotifier::activated, this, &WatchTray::alertsRequested);
    connect(m_notifier, &DesktopNotifier::failed, this, [this](const QString &summary, const QString &body) {
        if (m_tray)
            m_tray->showMessage(summary, body, QSystemTrayIcon::Warning);
    });
    connect(scheduler, &WatchScheduler::statesChanged, this, &WatchTray::update);
    connect(scheduler, &WatchScheduler::passFinished, this, &WatchTray::onPassFinished);
    update();
}

WatchTray::~WatchTray() {
    delete m_menu;
}

WatchTray::Level WatchTray::level(const QHash<QString, WatchScheduler::State> &states, const QDateTime &now) {
    bool watched = false;
    Level worst = Level::Clear;
    for (const WatchScheduler::State &s : states) {
        watched = watched || s.lastPass.isValid();
        for (const Alert &a : s.open) {
            if (!a.isActive(now))
                continue;
            worst =
                std::max(worst, a.severity() == Alert::Severity::Critical ? Level::Critical : Level::Warning);
        }
    }
    return watched ? worst : Level::Unknown;
}

QColor WatchTray::colour(Level level) {
    switch (level) {
    case Level::Critical:
        return QColor(0xd3, 0x2f, 0x2f);
    case Level::Warning:
        return QColor(0xf5, 0x9e, 0x0b);
    case Level::Clear:
        return QColor(0x2e, 0x9d, 0x57);
    case Level::Unknown:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QIcon WatchTray::icon(Level level) {
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(0, 0, 0, 90), std::max(1.0, size / 16.0)));
        p.setBrush(colour(level));
        const double m = size / 8.0;
        p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m));
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString WatchTray::toolTip(const QHash<QString, WatchScheduler::State> &states, const QDateTime &now) {
    QStringList parts, unwatched;
    QList<QPair<QString, int>> counts;
    for (const WatchScheduler::State &s : states) {
        if (!s.lastPass.isValid()) {
            unwatched << s.name;
            continue;
        }
        int n = 0;
        for (const Alert &a : s.open)
            n += a.isActive(now) ? 1 : 0;
        if (n > 0)
            counts << qMakePair(s.name, n);
    }
    std::sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    for (const auto &[name, n] : counts)
        parts << (parts.isEmpty() ? tr("%n alert(s) on %1", nullptr, n).arg(name)
                                  : tr("%1 on %2").arg(n).arg(name));
    QString text = QStringLiteral("LiteLLM Desk: ") +
                   (parts.isEmpty() ? tr("no alerts") : parts.join(QStringLiteral(", ")));
    if (!unwatched.isEmpty()) {
        unwatched.sort();
        text += u'\n' + tr("Not watched yet: %1").arg(unwatched.join(QStringLiteral(", ")));
    }
    return text;
}

QPair<QString, QString> WatchTray::notification(const QString &connection, const QList<Alert> &opened) {
    const QString summary = tr("%n new alert(s) on %1", nullptr, int(opened.size())).arg(connection);
    QStringList lines;
    for (const Alert &a : opened.mid(0, 5))
        lines << a.message;
    if (opened.size() > 5)
        lines << tr("and %n more", nullptr, int(opened.size() - 5));
    return {summary, lines.join(u'\n')};
}

void WatchTray::update() {
    if (!m_scheduler)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto states = m_scheduler->states();
    m_level = level(states, now);
    if (m_tray) {
        m_tray->setIcon(icon(m_level));
        m_tray->setToolTip(toolTip(states, now));
    }
}

void WatchTray::onPassFinished(const QString &scope, const WatchReport &report) {
    QList<Alert> fresh;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Alert &a : report.opened)
        if (a.isActive(now))
            fresh << a;
    if (fresh.isEmpty() || !m_scheduler)
        return;
    const auto [summary, body] = notification(m_scheduler->states().value(scope).name, fresh);
    m_notifier->notify(summary, body, scope);
}
