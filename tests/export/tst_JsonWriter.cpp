#include "core/export/JsonWriter.h"

#include <QJsonDocument>
#include <QTest>

// JSON output: absent values are null, numbers keep full precision, documents end with a newline.
class TestJsonWriter : public QObject {
    Q_OBJECT

private slots:
    void orderedArrayKeepsFieldOrder() {
        QList<JsonWriter::Fields> rows;
        rows.append({{QStringLiteral("model"), QStringLiteral("gpt-4o \"mini\"")},
                     {QStringLiteral("spend"), 2.5e-06},
                     {QStringLiteral("api_requests"), 3},
                     {QStringLiteral("team"), QJsonValue()}});
        rows.append({{QStringLiteral("model"), QStringLiteral("\u00e9\n")},
                     {QStringLiteral("spend"), 0.1},
                     {QStringLiteral("api_requests"), 0},
                     {QStringLiteral("team"), QStringLiteral("t1")}});
        const QByteArray text = JsonWriter::orderedArray(rows);
        QVERIFY(text.endsWith("]\n"));
        // The fields stand in the order given, not sorted.
        const qsizetype model = text.indexOf("\"model\""), spend = text.indexOf("\"spend\""),
                        requests = text.indexOf("\"api_requests\""), team = text.indexOf("\"team\"");
        QVERIFY(model < spend && spend < requests && requests < team);
        // And it is the same JSON as the sorted writer's.
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(doc.array().size(), 2);
        QCOMPARE(doc.array().at(0).toObject().value(u"model").toString(), QStringLiteral("gpt-4o \"mini\""));
        QCOMPARE(doc.array().at(0).toObject().value(u"spend").toDouble(), 2.5e-06);
        QVERIFY(doc.array().at(0).toObject().value(u"team").isNull());
        QCOMPARE(doc.array().at(1).toObject().value(u"model").toString(), QStringLiteral("\u00e9\n"));
        QCOMPARE(JsonWriter::orderedArray({}), QByteArray("[]\n"));
    }
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
