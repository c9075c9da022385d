// Watch in the desktop: the tray's colour and tooltip over several connections, the notification text,
// and notifications through a freedesktop notification service on a private session bus (a stand-in
// registered by the test), whose click opens the right connection's alerts.
#include "ui/watch/DesktopNotifier.h"
#include "ui/watch/WatchTray.h"

#include "core/format/Plurals.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

namespace {

Alert alert(Alert::Kind kind, const QString &subject) {
    Alert a;
    a.kind = kind;
    a.subject = subject;
    a.message = QStringLiteral("%1 on %2").arg(Alert::kindName(kind), subject);
    return a;
}

WatchScheduler::State state(const QString &name, const QList<Alert> &open, const QDateTime &lastPass) {
    WatchScheduler::State s;
    s.name = name;
    s.open = open;
    s.lastPass = lastPass;
    return s;
}

} // namespace

// org.freedesktop.Notifications, as the test's stand-in: records each Notify and answers ids 1, 2, ...
class FakeNotifications : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Call {
        QString summary, body;
        QStringList actions;
    };
    QList<Call> calls;

public slots:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &actions, const QVariantMap &, int) {
        calls << Call{summary, body, actions};
        return uint(calls.size());
    }
};

class TestWatchTray : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(plurals::installEnglish()); }
    void theWorstActiveAlertSetsTheColour() {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QHash<QString, WatchScheduler::State> states;
        QCOMPARE(WatchTray::level(states, now), WatchTray::Level::Unknown);
        states[QStringLiteral("a")] = state(QStringLiteral("prod"), {}, now);
        QCOMPARE(WatchTray::level(states, now), WatchTray::Level::Clear);
        states[QStringLiteral("b")] =
            state(QStringLiteral("staging"), {alert(Alert::Kind::SpendSpike, "k")}, now);
        QCOMPARE(WatchTray::level(states, now), WatchTray::Level::Warning);
        Alert down = alert(Alert::Kind::ProxyUnhealthy, "database");
        states[QStringLiteral("a")].open << down;
        QCOMPARE(WatchTray::level(states, now), WatchTray::Level::Critical);
        states[QStringLiteral("a")].open.first().acknowledged = now;
        QCOMPARE(WatchTray::level(states, now), WatchTray::Level::Warning);
        states[QStringLiteral("b")].open.first().snoozedUntil = now.addSecs(60);
        QCOMPARE(WatchTray::level(states, now), WatchTray::Level::Clear);
        QCOMPARE(WatchTray::level(states, now.addSecs(61)), WatchTray::Level::Warning); // the snooze is over
        QVERIFY(WatchTray::colour(WatchTray::Level::Critical) !=
                WatchTray::colour(WatchTray::Level::Warning));
        QVERIFY(WatchTray::colour(WatchTray::Level::Clear) != WatchTray::colour(WatchTray::Level::Unknown));
    }

    void theTooltipCountsAlertsPerConnection() {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QHash<QString, WatchScheduler::State> states;
        states[QStringLiteral("a")] =
            state(QStringLiteral("prod"),
                  {alert(Alert::Kind::SpendSpike, "k1"), alert(Alert::Kind::Expiring, "k2"),
                   alert(Alert::Kind::Expiring, "k3")},
                  now);
        states[QStringLiteral("b")] =
            state(QStringLiteral("staging"), {alert(Alert::Kind::SpendSpike, "k")}, now);
        states[QStringLiteral("c")] = state(QStringLiteral("dev"), {}, {});
        QCOMPARE(WatchTray::toolTip(states, now),
                 QStringLiteral("LiteLLM Desk: 3 alerts on prod, 1 on staging\nNot watched yet: dev"));
        states.remove(QStringLiteral("c"));
        states[QStringLiteral("a")].open.clear();
        states[QStringLiteral("b")].open.clear();
        QCOMPARE(WatchTray::toolTip(states, now), QStringLiteral("LiteLLM Desk: no alerts"));
    }

    void aNotificationNamesAtMostFiveAlerts() {
        QList<Alert> opened;
        for (int i = 0; i < 7; ++i)
            opened << alert(Alert::Kind::SpendSpike, QStringLiteral("k%1").arg(i));
        const auto [summary, body] = WatchTray::notification(QStringLiteral("prod"), opened);
        QCOMPARE(summary, QStringLiteral("7 new alerts on prod"));
        QCOMPARE(body.split(u'\n').size(), 6);
        QVERIFY(body.endsWith(QStringLiteral("and 2 more")));
        QCOMPARE(WatchTray::notification(QStringLiteral("prod"), opened.mid(0, 1)).first,
                 QStringLiteral("1 new alert on prod"));
    }

    void notificationsGoToTheDesktopServiceAndOpenTheirConnection() {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            QSKIP("no session bus (the test runs in a private one under ctest)");
        FakeNotifications service;
        QVERIFY(bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                                   QDBusConnection::ExportAllSlots));
        QVERIFY(bus.registerService(QStringLiteral("org.freedesktop.Notifications")));
        DesktopNotifier notifier;
        QSignalSpy failed(&notifier, &DesktopNotifier::failed);
        QSignalSpy activated(&notifier, &DesktopNotifier::activated);
        notifier.notify(QStringLiteral("2 new alerts on prod"), QStringLiteral("a\nb"),
                        QStringLiteral("scope-prod"));
        QTRY_COMPARE(service.calls.size(), 1);
        QCOMPARE(service.calls.first().summary, QStringLiteral("2 new alerts on prod"));
        QCOMPARE(service.calls.first().actions.first(), QStringLiteral("default"));
        QTest::qWait(50); // the reply with the id arrives
        // The user clicks it: the service says which notification and which action.
        QDBusMessage click = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                        QStringLiteral("org.freedesktop.Notifications"),
                                                        QStringLiteral("ActionInvoked"));
        click << uint(1) << QStringLiteral("default");
        QVERIFY(bus.send(click));
        QTRY_COMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), QStringLiteral("scope-prod"));
        QVERIFY(failed.isEmpty());
        bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
    }

    void withoutTheServiceTheCallerIsTold() {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            QSKIP("no session bus");
        DesktopNotifier notifier;
        QSignalSpy failed(&notifier, &DesktopNotifier::failed);
        notifier.notify(QStringLiteral("1 new alert on prod"), QStringLiteral("x"), QStringLiteral("scope"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QCOMPARE(failed.first().at(2).toString(), QStringLiteral("scope"));
    }
};

QTEST_MAIN(TestWatchTray)
#include "tst_WatchTray.moc"
