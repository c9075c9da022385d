#include "core/api/Json.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

#include <limits>

namespace {

QJsonValue field(const char *json) {
    return QJsonDocument::fromJson(QByteArray(R"({"v":)") + json + '}').object().value(u"v");
}

QJsonValue missing() {
    return QJsonObject().value(u"v");
}

} // namespace

class TestJson : public QObject {
    Q_OBJECT
private slots:
    void readsNumbers_data();
    void readsNumbers();
    void readsIntegers_data();
    void readsIntegers();
    void readsBooleans_data();
    void readsBooleans();
    void readsStrings();
    void readsStringLists_data();
    void readsStringLists();
    void readsDates_data();
    void readsDates();
    void writesDatesTheWayLiteLlmDoes();
    void parsesBodies_data();
    void parsesBodies();
};

void TestJson::readsNumbers_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("present");
    QTest::addColumn<double>("value");
    QTest::newRow("number") << QByteArray("12.5") << true << 12.5;
    QTest::newRow("integer") << QByteArray("3") << true << 3.0;
    QTest::newRow("number as string") << QByteArray(R"("12.5")") << true << 12.5;
    QTest::newRow("number as padded string") << QByteArray(R"(" 0.25 ")") << true << 0.25;
    QTest::newRow("exponent as string") << QByteArray(R"("1e-6")") << true << 1e-6;
    QTest::newRow("null") << QByteArray("null") << false << 0.0;
    QTest::newRow("empty string") << QByteArray(R"("")") << false << 0.0;
    QTest::newRow("text") << QByteArray(R"("n/a")") << false << 0.0;
    QTest::newRow("nan as string is no number") << QByteArray(R"("nan")") << false << 0.0;
    QTest::newRow("inf as string is no number") << QByteArray(R"("inf")") << false << 0.0;
    QTest::newRow("object") << QByteArray("{}") << false << 0.0;
}

void TestJson::readsNumbers() {
    QFETCH(QByteArray, json);
    QFETCH(bool, present);
    QFETCH(double, value);
    const auto v = field(json.constData());
    QCOMPARE(json::optNum(v).has_value(), present);
    if (present)
        QCOMPARE(*json::optNum(v), value);
    QCOMPARE(json::num(v, -1.0), present ? value : -1.0);
    QVERIFY(!json::optNum(missing()));
}

void TestJson::readsIntegers_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("present");
    QTest::addColumn<qint64>("value");
    QTest::newRow("integer") << QByteArray("1000") << true << qint64(1000);
    QTest::newRow("integer as string") << QByteArray(R"("1000")") << true << qint64(1000);
    QTest::newRow("large integer as string")
        << QByteArray(R"("9007199254740993")") << true << qint64(9007199254740993);
    QTest::newRow("float as string") << QByteArray(R"("12.0")") << true << qint64(12);
    QTest::newRow("null") << QByteArray("null") << false << qint64(0);
    QTest::newRow("out of range") << QByteArray("1e30") << false << qint64(0);
    QTest::newRow("largest qint64") << QByteArray("9223372036854775807") << true
                                    << std::numeric_limits<qint64>::max();
    QTest::newRow("just past qint64") << QByteArray("9223372036854775808") << false << qint64(0);
    QTest::newRow("whole double") << QByteArray("2.5e3") << true << qint64(2500);
    QTest::newRow("fraction") << QByteArray("12.7") << true << qint64(12);
}

void TestJson::readsIntegers() {
    QFETCH(QByteArray, json);
    QFETCH(bool, present);
    QFETCH(qint64, value);
    const auto v = field(json.constData());
    QCOMPARE(json::optInt(v).has_value(), present);
    QCOMPARE(json::integer(v, -7), present ? value : qint64(-7));
    QCOMPARE(json::integer(missing(), -7), qint64(-7));
}

void TestJson::readsBooleans_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("expected"); // -1 = missing
    QTest::newRow("true") << QByteArray("true") << 1;
    QTest::newRow("false") << QByteArray("false") << 0;
    QTest::newRow("null means not set") << QByteArray("null") << -1;
    QTest::newRow("string true") << QByteArray(R"("true")") << 1;
    QTest::newRow("Python True") << QByteArray(R"("True")") << 1;
    QTest::newRow("Python False") << QByteArray(R"("False")") << 0;
    QTest::newRow("Python None") << QByteArray(R"("None")") << -1;
    QTest::newRow("number 1") << QByteArray("1") << 1;
    QTest::newRow("number 0") << QByteArray("0") << 0;
}

void TestJson::readsBooleans() {
    QFETCH(QByteArray, json);
    QFETCH(int, expected);
    const auto b = json::optBool(field(json.constData()));
    QCOMPARE(b.has_value(), expected >= 0);
    if (b)
        QCOMPARE(int(*b), expected);
    QVERIFY(!json::optBool(missing()));
}

void TestJson::readsStrings() {
    QCOMPARE(json::str(field(R"("abc")")), QStringLiteral("abc"));
    QCOMPARE(json::str(field("null")), QString());
    QCOMPARE(json::str(missing()), QString());
    QCOMPARE(json::str(field("42")), QStringLiteral("42"));
    QCOMPARE(json::str(field("0.5")), QStringLiteral("0.5"));
    QCOMPARE(json::str(field("true")), QStringLiteral("true"));
    // Numbers beyond qint64 are written as numbers, never cast (undefined behaviour, wrong digits).
    QCOMPARE(json::str(field("1e30")), QStringLiteral("1e+30"));
    QCOMPARE(json::str(field("-1e19")), QStringLiteral("-1e+19"));
    QCOMPARE(json::str(field("9007199254740992")), QStringLiteral("9007199254740992"));
    QCOMPARE(json::str(field("0.1")), QStringLiteral("0.1"));
    QVERIFY(!json::optStr(field(R"("")")));
    QVERIFY(!json::optStr(field("null")));
    QVERIFY(!json::optStr(missing()));
    QCOMPARE(json::optStr(field(R"("t1")")).value_or(QString()), QStringLiteral("t1"));
    QCOMPARE(json::obj(field(R"({"a":1})")).value(u"a").toInt(), 1);
    QVERIFY(json::obj(field("[1]")).isEmpty());
    QVERIFY(json::obj(field("null")).isEmpty());
}

void TestJson::readsStringLists_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("array") << QByteArray(R"(["gpt-4o","claude"])") << QStringList{"gpt-4o", "claude"};
    QTest::newRow("array with nulls and blanks")
        << QByteArray(R"(["a",null,"","b"])") << QStringList{"a", "b"};
    QTest::newRow("comma string") << QByteArray(R"("a, b,,c")") << QStringList{"a", "b", "c"};
    QTest::newRow("single string") << QByteArray(R"("gpt-4o")") << QStringList{"gpt-4o"};
    QTest::newRow("empty array means all") << QByteArray("[]") << QStringList{};
    QTest::newRow("null") << QByteArray("null") << QStringList{};
}

void TestJson::readsStringLists() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    QCOMPARE(json::strList(field(json.constData())), expected);
}

void TestJson::readsDates_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QDateTime>("expected"); // invalid = no date
    const QDateTime t(QDate(2025, 1, 31), QTime(10, 0, 0, 123), QTimeZone::utc());
    const QDateTime whole(QDate(2025, 1, 31), QTime(10, 0, 0), QTimeZone::utc());
    QTest::newRow("Z with microseconds") << QByteArray(R"("2025-01-31T10:00:00.123000Z")") << t;
    QTest::newRow("+00:00 with microseconds") << QByteArray(R"("2025-01-31T10:00:00.123456+00:00")") << t;
    QTest::newRow("milliseconds Z") << QByteArray(R"("2025-01-31T10:00:00.123Z")") << t;
    QTest::newRow("no fraction Z") << QByteArray(R"("2025-01-31T10:00:00Z")") << whole;
    QTest::newRow("offset is converted to UTC") << QByteArray(R"("2025-01-31T15:30:00+05:30")") << whole;
    QTest::newRow("no zone means UTC") << QByteArray(R"("2025-01-31T10:00:00")") << whole;
    QTest::newRow("space separator with microseconds") << QByteArray(R"("2025-01-31 10:00:00.123000")") << t;
    QTest::newRow("space separator with offset") << QByteArray(R"("2025-01-31 10:00:00+00:00")") << whole;
    QTest::newRow("epoch seconds") << QByteArray("1738317600") << whole;
    QTest::newRow("epoch seconds as string") << QByteArray(R"("1738317600")") << whole;
    QTest::newRow("epoch milliseconds") << QByteArray("1738317600123") << t;
    QTest::newRow("null means never") << QByteArray("null") << QDateTime();
    QTest::newRow("empty string") << QByteArray(R"("")") << QDateTime();
    QTest::newRow("garbage") << QByteArray(R"("soon")") << QDateTime();
}

void TestJson::readsDates() {
    QFETCH(QByteArray, json);
    QFETCH(QDateTime, expected);
    const QDateTime got = json::dateTime(field(json.constData()));
    QCOMPARE(got.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(got, expected);
        QCOMPARE(got.timeSpec(), Qt::UTC);
    }
    QVERIFY(!json::dateTime(missing()).isValid());
}

void TestJson::writesDatesTheWayLiteLlmDoes() {
    const QDateTime t(QDate(2025, 1, 31), QTime(10, 0, 0, 123), QTimeZone::utc());
    QCOMPARE(json::isoUtc(t), QStringLiteral("2025-01-31T10:00:00.123000Z"));
    QCOMPARE(json::dateTime(QJsonValue(json::isoUtc(t))), t);
    QCOMPARE(json::isoUtc(QDateTime()), QString());
}

void TestJson::parsesBodies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("shape"); // 0 object, 1 array, 2 scalar, -1 error
    QTest::newRow("object") << QByteArray(R"({"a":1})") << 0;
    QTest::newRow("array") << QByteArray("[1,2]") << 1;
    QTest::newRow("bare string (liveliness)") << QByteArray(R"("I'm alive!")") << 2;
    QTest::newRow("truncated") << QByteArray(R"({"keys":[)") << -1;
    QTest::newRow("HTML") << QByteArray("<html></html>") << -1;
    QTest::newRow("empty") << QByteArray() << -1;
}

void TestJson::parsesBodies() {
    QFETCH(QByteArray, body);
    QFETCH(int, shape);
    const auto v = json::parse(body);
    QCOMPARE(v.has_value(), shape >= 0);
    QCOMPARE(json::parseObject(body).has_value(), shape == 0);
    QCOMPARE(json::parseArray(body).has_value(), shape == 1);
    if (shape < 0) {
        QCOMPARE(v.error().kind, ApiError::Kind::Decode);
        QVERIFY(v.error().message.contains(u"invalid JSON"));
    }
    if (shape == 0)
        QCOMPARE(json::parseArray(body).error().kind, ApiError::Kind::Decode);
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_Json.moc"
