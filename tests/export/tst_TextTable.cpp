#include "core/export/TextTable.h"

#include <QTest>

// Aligned plain-text tables: widths from content, numbers right-aligned, no trailing blanks.
class TestTextTable : public QObject {
    Q_OBJECT

private slots:
    void alignsColumnsToTheWidestCell() {
        TextTable t;
        t.addColumn(u"NAME"_qs);
        t.addColumn(u"PRICE"_qs, TextTable::Align::Right);
        t.addColumn(u"MODE"_qs);
        t.addRow({u"gpt-4o"_qs, u"2.50"_qs, u"chat"_qs});
        t.addRow({u"text-embedding-3-small"_qs, u"0.02"_qs, u""_qs});
        t.addRow({u"o3"_qs, u"10.00"_qs, u"chat"_qs});
        QCOMPARE(t.toString(), u"NAME                    PRICE  MODE\n"
                               "gpt-4o                   2.50  chat\n"
                               "text-embedding-3-small   0.02\n"
                               "o3                      10.00  chat\n"_qs);
    }

    void noHeaderWithoutTitles() {
        TextTable t;
        t.addColumn({});
        t.addColumn({});
        t.addRow({u"Version"_qs, u"1.74.3"_qs});
        t.addRow({u"Role"_qs, u"Admin"_qs});
        QCOMPARE(t.toString(), u"Version  1.74.3\nRole     Admin\n"_qs);
    }

    void unicodeCountsCharactersNotBytes() {
        TextTable t;
        t.addColumn(u"CITY"_qs);
        t.addColumn(u"N"_qs, TextTable::Align::Right);
        t.addRow({u"Zürich"_qs, u"1"_qs});
        t.addRow({u"🚀x"_qs, u"22"_qs});
        const QStringList lines = t.toString().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.at(1), u"Zürich   1"_qs);
        QCOMPARE(lines.at(2), u"🚀x      22"_qs); // two code points: padded by four
    }

    void cellsAreOneLineAndRowsArePadded() {
        TextTable t;
        t.addColumn(u"A"_qs);
        t.addColumn(u"B"_qs);
        t.addRow({u"two\nlines"_qs});
        t.addRow({u"x"_qs, u"y"_qs, u"ignored"_qs});
        QCOMPARE(t.rowCount(), 2);
        QCOMPARE(t.toString(), u"A          B\ntwo lines\nx          y\n"_qs);
    }
};

QTEST_GUILESS_MAIN(TestTextTable)
#include "tst_TextTable.moc"
