#include "core/roles/KeyPlan.h"
#include "core/watch/WatchEvaluator.h"

#include <QTest>

// What a watch pass makes of what it read: which alerts, about what, at and around each threshold.
class TestWatchEvaluator : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void aKeySpikeTodayAndANewKeySpending() {
        UsageReport usage;
        // A steady key at $10 a day that spends $200 today; a key that never spent and spends $30.
        for (int back = 0; back <= 15; ++back) {
            cell(usage, UsageReport::Dimension::Key, "steady", back, back == 0 ? 200 : 10);
            cell(usage, UsageReport::Dimension::Model, "gpt-4o", back, 10);
        }
        cell(usage, UsageReport::Dimension::Key, "fresh", 0, 30);
        WatchInput in = input();
        in.usage = &usage;
        in.keys.insert(QStringLiteral("steady"), key("steady", "ci-bot"));
        const QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), 2);
        const Alert &fresh = find(alerts, Alert::Kind::SpendSpike, "fresh");
        QCOMPARE(fresh.value, 30.0);
        QCOMPARE(fresh.threshold, 25.0);
        QVERIFY(fresh.message.contains(QStringLiteral("no spend in the 14 days before")));
        const Alert &steady = find(alerts, Alert::Kind::SpendSpike, "steady");
        QCOMPARE(steady.subjectName, QStringLiteral("ci-bot"));
        QCOMPARE(steady.day, today());
        QCOMPARE(steady.value, 200.0);
        QCOMPARE(steady.threshold, 30.0);
        QCOMPARE(steady.message,
                 QStringLiteral("key ci-bot spent $200.00 today, 20.0× its usual $10.00 a day "
                                "(alert above $30.00)"));
    }

    // Yesterday's spike still shows today (the day is named), and a spike at the threshold is none.
    void yesterdayAndTheThreshold() {
        UsageReport usage;
        for (int back = 1; back <= 15; ++back)
            cell(usage, UsageReport::Dimension::Key, "k", back, back == 1 ? 30.01 : 10);
        cell(usage, UsageReport::Dimension::Key, "at", 0, 30);
        for (int back = 1; back <= 15; ++back)
            cell(usage, UsageReport::Dimension::Key, "at", back, 10);
        WatchInput in = input();
        in.usage = &usage;
        const QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().subject, QStringLiteral("k"));
        QCOMPARE(alerts.first().day, today().addDays(-1));
        QVERIFY(alerts.first().message.contains(QStringLiteral("yesterday")));
    }

    // A key that spent a little on a few days and nothing on most: its usual day is nothing, and the
    // message says so rather than "0× its usual".
    void aMostlyIdleKeySpikes() {
        UsageReport usage;
        cell(usage, UsageReport::Dimension::Key, "idle", 5, 1);
        cell(usage, UsageReport::Dimension::Key, "idle", 0, 10.01);
        WatchInput in = input();
        in.usage = &usage;
        const QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().threshold, 10.0);
        QCOMPARE(alerts.first().message, QStringLiteral("key idle spent $10.01 today; on most of the 14 days "
                                                        "before it spent nothing (alert above $10.00)"));
    }

    // Teams are summed from their keys when the pass has no team report; spikes can be turned off.
    void teamSpikeFromItsKeysAndRulesOff() {
        UsageReport usage;
        for (int back = 0; back <= 15; ++back) {
            cell(usage, UsageReport::Dimension::Key, "a", back, back == 0 ? 40 : 5);
            cell(usage, UsageReport::Dimension::Key, "b", back, back == 0 ? 40 : 5);
        }
        WatchInput in = input();
        in.usage = &usage;
        in.keys.insert(QStringLiteral("a"), key("a", "a", "t1"));
        in.keys.insert(QStringLiteral("b"), key("b", "b", "t1"));
        QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        // Each key: 40 > max(5×3, 5+10) = 15; the team: 80 > max(30, 20).
        QCOMPARE(alerts.size(), 3);
        QCOMPARE(find(alerts, Alert::Kind::SpendSpike, "t1").value, 80.0);
        WatchRules off;
        off.spikes = false;
        QVERIFY(watcheval::evaluate(in, off).isEmpty());
    }

    // A budget that runs out at the recent rate within forecast_days (and not after), unless it resets first.
    void budgetForecastAtTheBoundary_data() {
        QTest::addColumn<double>("spend");
        QTest::addColumn<int>("resetInHours");
        QTest::addColumn<bool>("alert");
        // $100 budget, $5 a day over the last 7 days: $65 spent runs out in exactly 7 days.
        QTest::newRow("7 days left") << 65.0 << 0 << true;
        QTest::newRow("just over 7 days") << 64.99 << 0 << false;
        QTest::newRow("resets after it runs out") << 65.0 << 24 * 8 << true;
        QTest::newRow("resets before it runs out") << 65.0 << 24 * 6 << false;
    }
    void budgetForecastAtTheBoundary() {
        QFETCH(double, spend);
        QFETCH(int, resetInHours);
        QFETCH(bool, alert);
        UsageReport usage;
        for (int back = 0; back <= 15; ++back)
            cell(usage, UsageReport::Dimension::Key, "k", back, 5);
        WatchInput in = input();
        in.usage = &usage;
        KeyRecord k = key("k", "budgeted");
        k.maxBudget = 100;
        k.spend = spend;
        if (resetInHours > 0)
            k.budgetResetAt = in.now.addSecs(3600 * resetInHours);
        in.keys.insert(k.token, k);
        const QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), alert ? 1 : 0);
        if (alert) {
            QCOMPARE(alerts.first().kind, Alert::Kind::BudgetForecast);
            QCOMPARE(alerts.first().value, 7.0);
            QCOMPARE(alerts.first().threshold, 7.0);
            QVERIFY(alerts.first().message.startsWith(QStringLiteral("key budgeted runs out in 7.0 days")));
        }
    }

    // Exhausted by LiteLLM's own comparison: a key at its cap, a team only above it.
    void exhaustedBudgets() {
        BudgetBook book;
        TeamRecord atCap;
        atCap.teamId = QStringLiteral("t-at");
        atCap.maxBudget = 100;
        atCap.spend = 100;
        TeamRecord over = atCap;
        over.teamId = QStringLiteral("t-over");
        over.spend = 100.01;
        book.teams.insert(atCap.teamId, atCap);
        book.teams.insert(over.teamId, over);
        UserRecord user;
        user.userId = QStringLiteral("u1");
        user.userEmail = QStringLiteral("ann@example.com");
        user.maxBudget = 20;
        user.spend = 20;
        book.users.insert(user.userId, user);
        book.proxyMaxBudget = 0; // unlimited
        book.proxySpend = 1e6;
        WatchInput in = input();
        in.budgets = &book;
        KeyRecord k = key("k", "capped");
        k.maxBudget = 50;
        k.spend = 50;
        in.keys.insert(k.token, k);
        KeyRecord under = key("under", "under");
        under.maxBudget = 50;
        under.spend = 49.99;
        in.keys.insert(under.token, under);
        const QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QStringList subjects;
        for (const Alert &a : alerts) {
            QCOMPARE(a.kind, Alert::Kind::BudgetExhausted);
            QCOMPARE(a.severity(), Alert::Severity::Critical);
            subjects << a.subject;
        }
        subjects.sort();
        QCOMPARE(subjects,
                 (QStringList{QStringLiteral("k"), QStringLiteral("t-over"), QStringLiteral("u1")}));
        QCOMPARE(find(alerts, Alert::Kind::BudgetExhausted, "u1").subjectName,
                 QStringLiteral("ann@example.com"));

        // The proxy at its cap is not over it (its next request is): it runs out now. Above it, it is over.
        book.proxyMaxBudget = 1e6;
        const Alert proxyAtCap =
            find(watcheval::evaluate(in, WatchRules()), Alert::Kind::BudgetForecast, "budget");
        QCOMPARE(proxyAtCap.value, 0.0);
        book.proxySpend = 1e6 + 1;
        QCOMPARE(
            find(watcheval::evaluate(in, WatchRules()), Alert::Kind::BudgetExhausted, "budget").subjectType,
            Alert::Subject::Proxy);
    }

    void expiringKeysAndLeases() {
        WatchInput in = input();
        KeyRecord at = key("at", "seven-days");
        at.expires = in.now.addDays(7);
        KeyRecord after = key("after", "later");
        after.expires = in.now.addDays(7).addSecs(1);
        KeyRecord gone = key("gone", "expired");
        gone.expires = in.now.addSecs(-1);
        KeyRecord lease = key("lease", "desk-ci-abc");
        lease.expires = in.now.addSecs(3 * 3600);
        lease.metadata.insert(leasekeys::role, QStringLiteral("ci"));
        in.expiring = {at, after, gone, lease};
        const QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(find(alerts, Alert::Kind::Expiring, "at").value, 7.0);
        const Alert &l = find(alerts, Alert::Kind::Expiring, "lease");
        QCOMPARE(l.leaseRole, QStringLiteral("ci"));
        QCOMPARE(l.value, 0.1);
        QVERIFY(l.message.startsWith(QStringLiteral("Lease desk-ci-abc expires in 3 h")));
        WatchRules off;
        off.expiry = false;
        QVERIFY(watcheval::evaluate(in, off).isEmpty());
    }

    void proxyHealth() {
        WatchInput in = input();
        in.health.checked = true;
        QVERIFY(watcheval::evaluate(in, WatchRules()).isEmpty());
        in.health.dbReported = true;
        in.health.dbConnected = false;
        in.health.ready = false;
        in.health.version = QStringLiteral("1.81.0");
        in.health.previousVersion = QStringLiteral("1.80.2");
        QList<Alert> alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(alerts.at(0).subject, QStringLiteral("database"));
        QCOMPARE(alerts.at(0).severity(), Alert::Severity::Critical);
        QCOMPARE(alerts.at(1).message,
                 QStringLiteral("The proxy's LiteLLM version changed from 1.80.2 to 1.81.0"));

        // Unreachable: that alone, nothing read about keys can be trusted.
        KeyRecord soon = key("k", "soon");
        soon.expires = in.now.addDays(1);
        in.expiring = {soon};
        in.health.reachable = false;
        in.health.unreachable = QStringLiteral("Connection refused");
        alerts = watcheval::evaluate(in, WatchRules());
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.first().subject, QStringLiteral("unreachable"));
        QCOMPARE(alerts.first().toJson().value(u"kind").toString(), QStringLiteral("proxy_unhealthy"));
        QCOMPARE(alerts.first().toJson().value(u"subject_type").toString(), QStringLiteral("proxy"));
    }

private:
    static QDate today() { return QDate(2026, 12, 5); }
    static WatchInput input() {
        WatchInput in;
        in.now = QDateTime(today(), QTime(12, 0), Qt::UTC);
        return in;
    }
    static void cell(UsageReport &r, UsageReport::Dimension d, const char *name, int back, double spend) {
        const int id = r.mutableTable(d).intern(name);
        r.cellAt(d, today().addDays(-back).toJulianDay(), id).spend += spend;
    }
    static KeyRecord key(const char *token, const char *alias, const char *team = "") {
        KeyRecord k;
        k.token = QString::fromLatin1(token);
        k.keyAlias = QString::fromLatin1(alias);
        k.teamId = QString::fromLatin1(team);
        return k;
    }
    static const Alert &find(const QList<Alert> &alerts, Alert::Kind kind, const char *subject) {
        for (const Alert &a : alerts)
            if (a.kind == kind && a.subject == QLatin1String(subject))
                return a;
        static const Alert none;
        [&] { QFAIL(qPrintable(QStringLiteral("no %1 alert on %2").arg(Alert::kindName(kind), subject))); }();
        return none;
    }
};

QTEST_GUILESS_MAIN(TestWatchEvaluator)
#include "tst_WatchEvaluator.moc"
