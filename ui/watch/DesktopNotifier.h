#pragma once

#include <QHash>
#include <QObject>

// Desktop notifications through the freedesktop notification service (org.freedesktop.Notifications on
// the session bus), each with a default action that says which connection it is about. Where no such
// service answers, failed() lets the caller show the message another way (the tray's balloon).
class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    static constexpr auto kService = "org.freedesktop.Notifications";

    explicit DesktopNotifier(QObject *parent = nullptr);

    void notify(const QString &summary, const QString &body, const QString &scope);

signals:
    void activated(const QString &scope); // the notification (its default action) was clicked
    void failed(const QString &summary, const QString &body, const QString &scope);

private slots:
    void onAction(uint id, const QString &action);
    void onClosed(uint id, uint reason);

private:
    QHash<uint, QString> m_scopes; // notification id -> connection scope
};
