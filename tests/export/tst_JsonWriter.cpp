#include "export/JsonWriter.h"

#include <QJsonDocument>
#include <QTest>

// JSON output: absent values are null, numbers keep full precision, documents end with a newline.
class TestJsonWriter : public QObject {
    Q_OBJECT

private slots:
    void absentValuesAreNull() {
        QVERIFY(JsonWriter::value(std::optional<double>()).isNull());
        QVERIFY(JsonWriter::value(std::optional<qint64>()).isNull());
        QVERIFY(JsonWriter::text(QString()).isNull());
        QCOMPARE(JsonWriter::value(std::optional<double>(0.0)).toDouble(), 0.0);
        QVERIFY(!JsonWriter::value(std::optional<double>(0.0)).isNull());
        QCOMPARE(JsonWriter::value(std::optional<qint64>(2097152)).toInteger(), 2097152);
        QCOMPARE(JsonWriter::text(u"chat"_qs).toString(), u"chat"_qs);
    }

    void number_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("per-token price") << 2.5e-06 << u"2.5e-06"_qs;
        QTest::newRow("decimal") << 0.1 << u"0.1"_qs;
        QTest::newRow("whole") << 128000.0 << u"128000"_qs;
        QTest::newRow("zero") << 0.0 << u"0"_qs;
    }

    void number() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(JsonWriter::number(value), text);
        QCOMPARE(JsonWriter::number(value).toDouble(), value);
    }

    void documentsParseAndEndWithNewline() {
        const QJsonArray array{QJsonObject{{u"a"_qs, 1}}, QJsonValue()};
        for (bool compact : {false, true}) {
            const QByteArray text = JsonWriter::document(array, compact);
            QVERIFY(text.endsWith('\n'));
            QCOMPARE(QJsonDocument::fromJson(text).array(), array);
        }
        QVERIFY(!JsonWriter::document(array, true).trimmed().contains('\n'));
        const QByteArray object = JsonWriter::document(QJsonObject{{u"k"_qs, u"v"_qs}});
        QCOMPARE(QJsonDocument::fromJson(object).object().value(u"k").toString(), u"v"_qs);
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_JsonWriter.moc"
