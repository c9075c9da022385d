#include "core/usage/UsageRange.h"
#include "ui/DateField.h"
#include "ui/usage/UsageFilterBar.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

// The Usage page's filter bar on its own: typing dates, Return, and the mark that says the fields no
// longer match what is shown.
class TestUsageFilterBar : public QObject {
    Q_OBJECT

    static DateField *dateField(UsageFilterBar &bar, const char *name) {
        return bar.findChild<DateField *>(QString::fromLatin1(name));
    }

    // Selects the whole text of a date editor and types `text` over it, as people type dates.
    static void typeOverAll(DateField *e, const QString &text) {
        e->setFocus();
        QTest::keyClick(e, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(e, text);
    }

    static void show(UsageFilterBar &bar) {
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
    }

private slots:
    void aDateTypedOverTheFieldIsTakenWhole_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QDate>("expected");
        QTest::newRow("a year long ago") << u"2000-03-15"_qs << QDate(2000, 3, 15);
        QTest::newRow("last year") << u"2025-12-31"_qs << QDate(2025, 12, 31);
        QTest::newRow("this year") << u"2026-01-02"_qs << QDate(2026, 1, 2);
    }
    void aDateTypedOverTheFieldIsTakenWhole() {
        QFETCH(QString, typed);
        QFETCH(QDate, expected);
        UsageFilterBar bar;
        show(bar);
        DateField *from = dateField(bar, "fromDate");
        from->setDate(QDate(2026, 11, 5));
        typeOverAll(from, typed);
        QCOMPARE(from->date(), expected);
        QCOMPARE(bar.range().from, expected);
    }

    void aYearTypedOverTheYearAloneIsKept() {
        UsageFilterBar bar;
        show(bar);
        DateField *to = dateField(bar, "toDate");
        to->setDate(QDate(2026, 3, 15));
        to->setFocus();
        to->setSelectedSection(QDateTimeEdit::YearSection);
        QTest::keyClicks(to, u"2019"_qs);
        QCOMPARE(to->date(), QDate(2019, 3, 15));
    }

    void returnInADateLoadsAndClearsTheMark() {
        UsageFilterBar bar;
        show(bar);
        QSignalSpy load(&bar, &UsageFilterBar::loadRequested);
        auto *pending = bar.findChild<QLabel *>(u"pendingLabel"_qs);
        QVERIFY(pending);
        QVERIFY(!bar.isPending());
        QVERIFY(!pending->isVisible());

        DateField *from = dateField(bar, "fromDate");
        typeOverAll(from, u"2026-02-01"_qs);
        QVERIFY(bar.isPending());
        QVERIFY(pending->isVisible());
        QCOMPARE(load.count(), 0); // typing alone loads nothing

        QTest::keyClick(from, Qt::Key_Return);
        QCOMPARE(load.count(), 1);
        QCOMPARE(bar.range().from, QDate(2026, 2, 1));
        QVERIFY(!bar.isPending());
        QVERIFY(!pending->isVisible());
    }

    void anEditedKeyFilterIsMarkedUntilLoaded() {
        UsageFilterBar bar;
        show(bar);
        QSignalSpy load(&bar, &UsageFilterBar::loadRequested);
        auto *key = bar.findChild<QLineEdit *>(u"keyFilter"_qs);
        key->setFocus();
        QTest::keyClicks(key, u"abc123"_qs);
        QVERIFY(bar.isPending());
        QTest::keyClick(key, Qt::Key_Return);
        QCOMPARE(load.count(), 1);
        QVERIFY(!bar.isPending());
    }

    void theMarkMovesNothingWhenItAppears() {
        UsageFilterBar bar;
        show(bar);
        auto *key = bar.findChild<QLineEdit *>(u"keyFilter"_qs);
        auto *load = bar.findChild<QWidget *>(u"loadButton"_qs);
        const QRect keyBefore = key->geometry(), loadBefore = load->geometry();
        typeOverAll(dateField(bar, "toDate"), u"2026-02-01"_qs);
        QVERIFY(bar.isPending());
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCOMPARE(key->geometry(), keyBefore);
        QCOMPARE(load->geometry(), loadBefore);
    }
};

QTEST_MAIN(TestUsageFilterBar)
#include "tst_UsageFilterBar.moc"
