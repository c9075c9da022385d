#include "ui/watch/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace {
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent) {
    QDBusConnection bus = QDBusConnection::sessionBus();
    bus.connect(QString::fromLatin1(kService), kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                SLOT(onAction(uint, QString)));
    bus.connect(QString::fromLatin1(kService), kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                SLOT(onClosed(uint, uint)));
}

void DesktopNotifier::notify(const QString &summary, const QString &body, const QString &scope) {
    QDBusMessage call = QDBusMessage::createMethodCall(QString::fromLatin1(kService), kPath, kInterface,
                                                       QStringLiteral("Notify"));
    call << QStringLiteral("LiteLLM Desk") << uint(0) << QStringLiteral("io.github.litellm_desk.LiteLLMDesk")
         << summary << body << QStringList{QStringLiteral("default"), tr("Show alerts")}
         << QVariantMap{{QStringLiteral("desktop-entry"),
                         QStringLiteral("io.github.litellm_desk.LiteLLMDesk")},
                        {QStringLiteral("category"), QStringLiteral("im.received")}}
         << int(-1);
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, 10000), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, summary, body, scope](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                QDBusPendingReply<uint> reply = *w;
                if (reply.isError())
                    return emit failed(summary, body, scope);
                m_scopes.insert(reply.value(), scope);
            });
}

void DesktopNotifier::onAction(uint id, const QString &action) {
    const auto it = m_scopes.constFind(id);
    if (it == m_scopes.cend() || action != u"default")
        return;
    emit activated(*it);
}

void DesktopNotifier::onClosed(uint id, uint) {
    m_scopes.remove(id);
}
