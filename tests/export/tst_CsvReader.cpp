#include "core/export/CsvReader.h"

#include <QTest>

// Reading CSV the way spreadsheets and CsvWriter write it, and refusing broken quoting.
class TestCsvReader : public QObject {
    Q_OBJECT

private slots:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::newRow("LF line ends")
            << u"a,b\nc,d\n"_qs << QList<QStringList>{{u"a"_qs, u"b"_qs}, {u"c"_qs, u"d"_qs}};
        QTest::newRow("CRLF line ends")
            << u"a,b\r\nc,d\r\n"_qs << QList<QStringList>{{u"a"_qs, u"b"_qs}, {u"c"_qs, u"d"_qs}};
        QTest::newRow("no final line break")
            << u"a,b\nc"_qs << QList<QStringList>{{u"a"_qs, u"b"_qs}, {u"c"_qs}};
        QTest::newRow("quoted comma and doubled quote")
            << u"\"x,y\",\"he said \"\"no\"\"\"\n"_qs
            << QList<QStringList>{{u"x,y"_qs, u"he said \"no\""_qs}};
        QTest::newRow("line break inside quotes")
            << u"\"1\n2\",3\n"_qs << QList<QStringList>{{u"1\n2"_qs, u"3"_qs}};
        QTest::newRow("trailing empty field") << u"a,\n"_qs << QList<QStringList>{{u"a"_qs, QString()}};
        QTest::newRow("quoted empty field") << u"\"\",x\n"_qs << QList<QStringList>{{QString(), u"x"_qs}};
        QTest::newRow("nothing at all") << QString() << QList<QStringList>{};
    }

    void parse() {
        QFETCH(QString, text);
        QFETCH(QList<QStringList>, rows);
        QString why;
        const auto read = CsvReader::parse(text, &why);
        QVERIFY2(read.has_value(), qPrintable(why));
        QCOMPARE(*read, rows);
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("quote never closed")
            << u"a,\"open\nstill open"_qs << u"line 2: a quoted field is not closed"_qs;
        QTest::newRow("text after closing quote")
            << u"ok\n\"done\"x,y"_qs << u"line 2: text after a closing quote"_qs;
    }

    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QString why;
        QVERIFY(!CsvReader::parse(text, &why).has_value());
        QCOMPARE(why, reason);
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_CsvReader.moc"
