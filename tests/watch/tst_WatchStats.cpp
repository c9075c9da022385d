#include "core/watch/WatchRules.h"
#include "core/watch/WatchStats.h"

#include <QJsonObject>
#include <QTest>

using namespace watchstats;

// The statistics behind spend spikes and budget forecasts, on hand-made series.
class TestWatchStats : public QObject {
    Q_OBJECT
private slots:
    void medianOfOddEvenAndEmpty() {
        QCOMPARE(median({}), 0.0);
        QCOMPARE(median({3, 1, 2}), 2.0);
        QCOMPARE(median({4, 1, 3, 2}), 2.5);
    }

    // A flat series: nothing varies, so the ratio and the minimum increase decide.
    void flatSeries() {
        const Baseline b = baseline(QList<double>(14, 10.0));
        QCOMPARE(b.median, 10.0);
        QCOMPARE(b.mad, 0.0);
        QVERIFY(b.hasHistory());
        const SpikeRule rule; // 3 × median = 30 beats 10 + 10
        QCOMPARE(spikeThreshold(b, rule), 30.0);
        QVERIFY(!isSpike(30.0, b, rule));
        QVERIFY(isSpike(30.01, b, rule));
        QVERIFY(!isSpike(0, b, rule)); // a quiet day is not a spike
    }

    // Noise around a level: the MAD sets the bar, and one wild day in the baseline does not move it.
    void noisySeriesUsesTheMad() {
        QList<double> days{8, 12, 9, 11, 10, 10, 8, 12, 9, 11, 10, 10, 8, 12};
        SpikeRule rule;
        rule.ratio = 1;
        rule.minIncrease = 0;
        Baseline b = baseline(days);
        QCOMPARE(b.median, 10.0);
        QCOMPARE(b.mad, 1.0);
        const double bar = 10 + 5 * 1.4826;
        QCOMPARE(spikeThreshold(b, rule), bar);
        QVERIFY(!isSpike(17.4, b, rule));
        QVERIFY(isSpike(17.5, b, rule));
        days[3] = 5000; // last week's leak
        b = baseline(days);
        QCOMPARE(b.median, 10.0);
        QCOMPARE(b.mad, 1.5);
        QVERIFY(!isSpike(21.1, b, rule));
        QVERIFY(isSpike(21.2, b, rule)); // a mean and standard deviation would now hide anything below ~1,300
    }

    // Steady growth is not a spike; a jump off the trend is.
    void trendingSeries() {
        QList<double> days;
        for (int i = 0; i < 14; ++i)
            days << 10 + i; // 10 .. 23
        const Baseline b = baseline(days);
        QCOMPARE(b.median, 16.5);
        const SpikeRule rule;
        QVERIFY(!isSpike(24, b, rule)); // the trend's next day
        QVERIFY(!isSpike(30, b, rule));
        QVERIFY(isSpike(3 * 16.5 + 0.01, b, rule));
    }

    // Weekdays busy, weekends quiet: a busy Monday is not a spike, nor a quiet Sunday.
    void weeklyPattern() {
        QList<double> days;
        for (int i = 0; i < 14; ++i)
            days << (i % 7 >= 5 ? 10.0 : 100.0);
        const Baseline b = baseline(days);
        QCOMPARE(b.median, 100.0);
        const SpikeRule rule;
        QCOMPARE(spikeThreshold(b, rule), 300.0);
        QVERIFY(!isSpike(120, b, rule));
        QVERIFY(!isSpike(10, b, rule));
        QVERIFY(isSpike(300.5, b, rule));
    }

    // No history at all (a new key, or one that never spent): a day over the new-key amount is the
    // pattern of a leaked key.
    void newKey() {
        const Baseline b = baseline(QList<double>(14, 0.0));
        QVERIFY(!b.hasHistory());
        const SpikeRule rule;
        QCOMPARE(spikeThreshold(b, rule), 25.0);
        QVERIFY(!isSpike(25, b, rule));
        QVERIFY(isSpike(25.01, b, rule));
        // One cent of history makes it an old key: the minimum increase applies instead.
        QList<double> some(14, 0.0);
        some[0] = 0.01;
        const Baseline old = baseline(some);
        QVERIFY(old.hasHistory());
        QCOMPARE(spikeThreshold(old, rule), 10.0);
    }

    void burnRateIsTheMeanOfTheLastDays() {
        QList<double> s{100, 100, 1, 2, 3, 4, 5, 6, 7};
        QCOMPARE(burnRate(s, 7), 4.0);
        QCOMPARE(burnRate(s, 1), 7.0);
        QCOMPARE(burnRate({6, 6}, 7), 6.0); // a shorter series: its own days
        QCOMPARE(burnRate({}, 7), 0.0);
    }

    void runsOut() {
        const QDateTime now(QDate(2026, 12, 5), QTime(12, 0), Qt::UTC);
        QCOMPARE(runsOutAt(0, 5, now), now);  // nothing left: now
        QCOMPARE(runsOutAt(-3, 0, now), now); // over already
        QVERIFY(!runsOutAt(10, 0, now));      // nothing spent: never
        QCOMPARE(runsOutAt(10, 5, now), now.addDays(2));
        QCOMPARE(runsOutAt(1, 24, now), now.addSecs(3600));
        QVERIFY(!runsOutAt(1e12, 1e-9, now)); // too far to name
    }

    void rulesReadWhatTheySayAndNameWhatIsWrong() {
        QString error;
        auto r = WatchRules::fromJson(QJsonObject{{QStringLiteral("forecast_days"), 3},
                                                  {QStringLiteral("new_key_spend"), 50.5},
                                                  {QStringLiteral("health"), false}},
                                      &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->forecastDays, 3);
        QCOMPARE(r->spike.newKeySpend, 50.5);
        QVERIFY(!r->health);
        QCOMPARE(r->baselineDays, 14); // untouched: the default
        QCOMPARE(WatchRules::fromJson(r->toJson(), &error), r);

        QVERIFY(!WatchRules::fromJson(QJsonObject{{QStringLiteral("forcast_days"), 3}}, &error));
        QCOMPARE(error, QStringLiteral("unknown rule \"forcast_days\""));
        QVERIFY(!WatchRules::fromJson(QJsonObject{{QStringLiteral("baseline_days"), 2}}, &error));
        QVERIFY(error.contains(QStringLiteral("\"baseline_days\" must be a whole number from 3 to 90")));
        QVERIFY(WatchRules::fromJson(QJsonObject{{QStringLiteral("baseline_days"), 3}}, &error));
        QVERIFY(!WatchRules::fromJson(QJsonObject{{QStringLiteral("expiry_days"), 2.5}}, &error));
        QVERIFY(!WatchRules::fromJson(QJsonObject{{QStringLiteral("spike_ratio"), 0.5}}, &error));
        QVERIFY(
            !WatchRules::fromJson(QJsonObject{{QStringLiteral("spikes"), QStringLiteral("yes")}}, &error));
        QVERIFY(!WatchRules::fromJson(QJsonObject{{QStringLiteral("new_key_spend"), QStringLiteral("NaN")}},
                                      &error));
    }
};

QTEST_GUILESS_MAIN(TestWatchStats)
#include "tst_WatchStats.moc"
