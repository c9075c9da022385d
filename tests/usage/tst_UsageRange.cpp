// Date presets of the Usage page: UTC days, both ends inclusive.
#include "core/usage/UsageRange.h"

#include <QTest>

using Preset = UsageRange::Preset;

class TestUsageRange : public QObject {
    Q_OBJECT
private slots:
    void presets_data() {
        QTest::addColumn<Preset>("preset");
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        const QDate today(2025, 3, 12);
        QTest::newRow("today") << Preset::Today << today << today << today;
        QTest::newRow("7 days end today") << Preset::Last7Days << today << QDate(2025, 3, 6) << today;
        QTest::newRow("30 days") << Preset::Last30Days << today << QDate(2025, 2, 11) << today;
        QTest::newRow("90 days") << Preset::Last90Days << today << QDate(2024, 12, 13) << today;
        QTest::newRow("this month") << Preset::ThisMonth << today << QDate(2025, 3, 1) << today;
        QTest::newRow("last month, February")
            << Preset::LastMonth << today << QDate(2025, 2, 1) << QDate(2025, 2, 28);
        QTest::newRow("last month across a year")
            << Preset::LastMonth << QDate(2025, 1, 31) << QDate(2024, 12, 1) << QDate(2024, 12, 31);
        QTest::newRow("last month, leap February")
            << Preset::LastMonth << QDate(2024, 3, 1) << QDate(2024, 2, 1) << QDate(2024, 2, 29);
    }
    void presets() {
        QFETCH(Preset, preset);
        QFETCH(QDate, today);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        const UsageRange r = UsageRange::fromPreset(preset, today);
        QCOMPARE(r.from, from);
        QCOMPARE(r.to, to);
        QVERIFY(r.isValid());
    }

    void customKeepsItsDays() {
        const auto r =
            UsageRange::fromPreset(Preset::Custom, QDate(2025, 3, 12), QDate(2025, 1, 5), QDate(2025, 1, 9));
        QCOMPARE(r.dayCount(), 5);
        const auto reversed =
            UsageRange::fromPreset(Preset::Custom, QDate(2025, 3, 12), QDate(2025, 1, 9), QDate(2025, 1, 5));
        QVERIFY(!reversed.isValid());
        QCOMPARE(reversed.dayCount(), 0);
    }

    void namesRoundTrip() {
        for (Preset p : UsageRange::presets())
            QCOMPARE(UsageRange::presetFromName(UsageRange::presetName(p)), p);
        QVERIFY(!UsageRange::presetFromName(u"fortnight"));
    }
};

QTEST_GUILESS_MAIN(TestUsageRange)
#include "tst_UsageRange.moc"
