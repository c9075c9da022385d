#include "core/export/CsvReader.h"
#include "core/export/CsvWriter.h"

#include <QBuffer>
#include <QTest>

// CSV as RFC 4180 spells it, and proof that what CsvWriter writes reads back the same.
class TestCsvWriter : public QObject {
    Q_OBJECT

private slots:
    void field_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain text is left alone") << u"gpt-4o"_qs << u"gpt-4o"_qs;
        QTest::newRow("empty stays empty") << QString() << QString();
        QTest::newRow("comma is quoted") << u"a,b"_qs << u"\"a,b\""_qs;
        QTest::newRow("quotes are doubled") << u"say \"hi\""_qs << u"\"say \"\"hi\"\"\""_qs;
        QTest::newRow("line feed is quoted") << u"two\nlines"_qs << u"\"two\nlines\""_qs;
        QTest::newRow("carriage return is quoted") << u"a\rb"_qs << u"\"a\rb\""_qs;
        QTest::newRow("edge spaces are quoted") << u" padded "_qs << u"\" padded \""_qs;
        QTest::newRow("unicode is not quoted") << u"模型 ünï €"_qs << u"模型 ünï €"_qs;
    }

    void field() {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::field(value), written);
    }

    void recordsEndWithCrlf() {
        QCOMPARE(CsvWriter::row({u"a"_qs, u"b,c"_qs, QString()}), u"a,\"b,c\",\r\n"_qs);
    }

    void roundTrip_data() {
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::newRow("simple table")
            << QList<QStringList>{{u"name"_qs, u"price"_qs}, {u"gpt-4o"_qs, u"2.5e-06"_qs}};
        QTest::newRow("commas, quotes and newlines") << QList<QStringList>{
            {u"a,b"_qs, u"\"quoted\""_qs, u"line1\nline2"_qs}, {u"crlf\r\ninside"_qs, u"\""_qs, u",,,"_qs}};
        QTest::newRow("unicode") << QList<QStringList>{{u"Zürich"_qs, u"東京"_qs, u"emoji 🚀"_qs}};
        QTest::newRow("empty fields")
            << QList<QStringList>{{QString(), QString(), QString()}, {u"x"_qs, QString(), QString()}};
        QTest::newRow("one empty field") << QList<QStringList>{{QString()}, {u"last"_qs}};
        QTest::newRow("spaces at the edges") << QList<QStringList>{{u" lead"_qs, u"trail "_qs, u" "_qs}};
    }

    void roundTrip() {
        QFETCH(QList<QStringList>, rows);
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        CsvWriter writer(&buffer);
        for (const auto &row : rows)
            writer.writeRow(row);
        QCOMPARE(writer.rowsWritten(), rows.size());
        QString why;
        const auto read = CsvReader::parse(QString::fromUtf8(buffer.data()), &why);
        QVERIFY2(read.has_value(), qPrintable(why));
        QCOMPARE(*read, rows);
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_CsvWriter.moc"
