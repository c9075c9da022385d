#include "NaiveUsage.h"
#include "SimUsage.h"
#include "core/usage/UsageAggregator.h"

#include "../sim/SimClient.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using D = UsageReport::Dimension;

namespace {

// Names that trip up a hand-written scanner: quotes, braces and brackets inside strings, backslashes,
// non-ASCII text and slashes (written as \/ and \u00e9 in some payloads).
const QStringList trickyNames = {
    u"gpt-4o"_qs,
    u"claude \"3\" {opus}"_qs,
    u"back\\slash}"_qs,
    u"ünïcødé-模型"_qs,
    u"openai/gpt-4o-mini"_qs,
    u"]},{\"date\":"_qs,
    u"🚀 rocket"_qs,
    u"\\\"{["_qs,
    u"café"_qs,
    u"text-embedding-3"_qs,
    u"x"_qs,
    u"}}}}]]]]"_qs,
};

class PayloadGenerator {
public:
    explicit PayloadGenerator(quint32 seed)
        : m_g(seed) {}

    int pick(int n) { return int(m_g.bounded(n)); }
    bool chance(int percent) { return pick(100) < percent; }

    QJsonValue anInteger() {
        const qint64 n = qint64(m_g.bounded(100000));
        switch (pick(12)) {
        case 0:
            return QString::number(n);
        case 1:
            return u" %1 "_qs.arg(n);
        case 2:
            return QJsonValue(QJsonValue::Null);
        case 3:
            return double(n);
        case 4:
            return u"%1.0"_qs.arg(n);
        case 5:
            return u"+%1"_qs.arg(n);
        default:
            return n;
        }
    }
    QJsonValue aSpend() {
        const double s = double(m_g.bounded(1000000)) / 997.0;
        switch (pick(8)) {
        case 0:
            return QString::number(s, 'g', 17);
        case 1:
            return QJsonValue(QJsonValue::Null);
        case 2:
            return u" %1 "_qs.arg(s);
        default:
            return s;
        }
    }
    QJsonValue metrics() {
        if (chance(5))
            return QJsonValue(QJsonValue::Null);
        QJsonObject m;
        const char *ints[] = {"prompt_tokens",
                              "completion_tokens",
                              "total_tokens",
                              "cache_read_input_tokens",
                              "cache_creation_input_tokens",
                              "api_requests",
                              "successful_requests",
                              "failed_requests"};
        if (!chance(10))
            m.insert(u"spend"_qs, aSpend());
        for (const char *f : ints)
            if (!chance(10))
                m.insert(QString::fromLatin1(f), anInteger());
        if (chance(20))
            m.insert(u"compression_saved_tokens"_qs, 5);
        if (chance(20))
            m.insert(u"zz_unknown"_qs, QJsonObject{{u"}"_qs, QJsonArray{u"{"_qs, 1, QJsonObject{}}}});
        return m;
    }
    QString name() { return trickyNames.at(pick(int(trickyNames.size()))); }
    QString keyHash() { return chance(10) ? name() : u"hash-%1"_qs.arg(pick(12)); }
    QJsonValue aString() {
        switch (pick(5)) {
        case 0:
            return QJsonValue(QJsonValue::Null);
        case 1:
            return 42;
        case 2:
            return u""_qs;
        default:
            return name();
        }
    }
    QJsonValue entry(D d) {
        if (chance(4))
            return QJsonValue(QJsonValue::Null);
        QJsonObject e{{u"metrics"_qs, metrics()}};
        QJsonObject meta;
        if (d == D::Key) {
            meta.insert(u"key_alias"_qs, aString());
            meta.insert(u"team_id"_qs, aString());
        } else if (d == D::Entity) {
            meta.insert(chance(50) ? u"team_alias"_qs : u"alias"_qs, aString());
        }
        e.insert(u"metadata"_qs, meta);
        if (d != D::Key) {
            QJsonObject keys;
            for (int i = pick(3); i > 0; --i)
                keys.insert(keyHash(), QJsonObject{{u"metrics"_qs, metrics()},
                                                   {u"metadata"_qs, QJsonObject{{u"key_alias"_qs, name()}}}});
            e.insert(u"api_key_breakdown"_qs, keys);
        }
        return e;
    }
    QJsonValue map(D d) {
        if (chance(5))
            return QJsonValue(QJsonValue::Null);
        QJsonObject m;
        for (int i = pick(5); i > 0; --i)
            m.insert(d == D::Key ? keyHash() : name(), entry(d));
        return m;
    }
    QJsonObject element() {
        static const QStringList dates = {u"2025-03-01"_qs, u"2025-03-02"_qs, u"2025-03-05"_qs,
                                          u"2025-02-27T00:00:00"_qs, u"2025-03-02"_qs};
        QJsonObject b;
        if (!chance(10))
            b.insert(u"models"_qs, map(D::Model));
        if (!chance(10))
            b.insert(u"model_groups"_qs, map(D::ModelGroup));
        if (!chance(10))
            b.insert(u"providers"_qs, map(D::Provider));
        if (!chance(10))
            b.insert(u"api_keys"_qs, map(D::Key));
        if (chance(50))
            b.insert(u"entities"_qs, map(D::Entity));
        b.insert(u"mcp_servers"_qs, QJsonObject{});
        b.insert(u"endpoints"_qs, QJsonObject{{u"/chat/completions"_qs, entry(D::Provider)}});
        QJsonObject e{{u"date"_qs, dates.at(pick(int(dates.size())))}, {u"breakdown"_qs, b}};
        if (!chance(5))
            e.insert(u"metrics"_qs, metrics());
        if (chance(20))
            e.insert(u"a_note"_qs, u"{not json]"_qs);
        return e;
    }
    // One page: raw rows, so dates repeat across pages, and metadata totals that must be ignored.
    QJsonObject response() {
        QJsonArray results;
        for (int i = pick(6); i > 0; --i)
            results.append(element());
        QJsonObject meta{{u"total_spend"_qs, 1e9},
                         {u"page"_qs, 1},
                         {u"has_more"_qs, true},
                         {u"odd"_qs, QJsonArray{u"]"_qs, QJsonObject{{u"a"_qs, u"}\\"_qs}}}}};
        QJsonObject r{{u"results"_qs, results}, {u"metadata"_qs, meta}};
        if (chance(30))
            r.insert(u"aaa_first"_qs, u"ignored \"}\""_qs);
        return r;
    }
    QByteArray text(const QJsonObject &response) {
        QByteArray t =
            QJsonDocument(response).toJson(chance(50) ? QJsonDocument::Compact : QJsonDocument::Indented);
        if (chance(50))
            t.replace("é", "\\u00e9");
        if (chance(50))
            t.replace("/", "\\/");
        return t;
    }

private:
    QRandomGenerator m_g;
};

bool sameMetrics(const UsageMetrics &a, const UsageMetrics &b) {
    UsageMetrics x = a, y = b;
    x.spend = y.spend = 0;
    return x == y && qAbs(a.spend - b.spend) <= 1e-9 * std::max(1.0, qAbs(b.spend));
}

QString show(const UsageMetrics &m) {
    return QString::fromUtf8(QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
}

// JSON written with single quotes, for readable test rows.
QByteArray q(const char *text) {
    return QByteArray(text).replace('\'', '"');
}

} // namespace

#define COMPARE_METRICS(actual, expected)                                                                    \
    QVERIFY2(sameMetrics(actual, expected), qPrintable(show(actual) + u" != "_qs + show(expected)))

// UsageAggregator against a naive QJsonDocument implementation, on random and adversarial payloads,
// malformed input, and every page the simulator serves.
class TestUsageAggregator : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QByteArray &bytes) {
        static int n = 0;
        const QString path = m_dir.filePath(u"activity-%1.json"_qs.arg(++n));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            return {};
        return path;
    }

    static void compareWithNaive(const UsageReport &report, const NaiveUsage &naive) {
        COMPARE_METRICS(report.totals(), naive.totals);
        if (!naive.days.isEmpty()) {
            QCOMPARE(report.from(), naive.days.firstKey());
            QCOMPARE(report.to(), naive.days.lastKey());
        }
        for (const auto &[date, metrics] : report.days())
            COMPARE_METRICS(metrics, naive.days.value(date));
        for (int d = 0; d < UsageReport::DimensionCount; ++d) {
            const auto &expected = naive.tables.value(D(d));
            const UsageTable &table = report.table(D(d));
            QCOMPARE(table.size(), expected.size());
            for (auto it = expected.begin(); it != expected.end(); ++it) {
                const int id = table.indexOf(it.key());
                QVERIFY2(id >= 0, qPrintable(it.key()));
                const UsageItem item = table.item(id);
                COMPARE_METRICS(item.metrics, it->metrics);
                QCOMPARE(item.label, it->label);
                QCOMPARE(item.teamId, it->teamId);
            }
        }
        for (D d : {D::Model, D::Key}) {
            const auto &expected = naive.cells.value(d);
            const QList<UsageCell> cells = report.cells(d);
            QCOMPARE(cells.size(), expected.size());
            for (const UsageCell &cell : cells)
                COMPARE_METRICS(cell.metrics, expected.value({cell.date, cell.name}));
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void matchesNaiveImplementation_data() {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("bufferSize");
        const QStringList layouts = {u"single"_qs, u"concatenated"_qs, u"newlines"_qs, u"array"_qs};
        for (quint32 seed = 1; seed <= 30; ++seed)
            for (int buffer : {16, 64, 301, 1 << 22}) {
                const QString layout = layouts.at(qsizetype((seed + quint32(buffer)) % 4));
                QTest::addRow("seed %u, %s, buffer %d", seed, qPrintable(layout), buffer)
                    << seed << layout << buffer;
            }
    }

    void matchesNaiveImplementation() {
        QFETCH(quint32, seed);
        QFETCH(QString, layout);
        QFETCH(int, bufferSize);
        PayloadGenerator g(seed);
        const int pages = layout == u"single" ? 1 : 1 + g.pick(4);
        QList<QByteArray> texts;
        NaiveUsage naive;
        for (int p = 0; p < pages; ++p) {
            const QJsonObject r = g.response();
            texts << g.text(r);
            naive.addResponse(QJsonDocument::fromJson(texts.last()).object());
        }
        QByteArray file;
        if (layout == u"array")
            file = "[\n" + texts.join(",\n") + "\n]\n";
        else
            file = texts.join(layout == u"newlines" ? "\n" : "");

        UsageAggregator fromFile;
        fromFile.setBufferSize(bufferSize);
        const auto read = fromFile.addFile(writeFile(file));
        QVERIFY2(read.has_value(), qPrintable(read ? QString() : read.error().message));
        compareWithNaive(fromFile.report(), naive);

        UsageAggregator fromPages; // one response at a time, as pages come from the network
        fromPages.setBufferSize(bufferSize);
        for (const QByteArray &t : std::as_const(texts))
            QVERIFY(fromPages.addResponse(t).has_value());
        compareWithNaive(fromPages.report(), naive);
    }

    // A report sorted ahead (on the aggregation thread) lists the same rows, and a change afterwards
    // still shows in the order.
    void sortedAheadListsTheSameItems() {
        PayloadGenerator g(7);
        UsageAggregator aggregator;
        for (int p = 0; p < 3; ++p)
            QVERIFY(aggregator.addResponse(g.text(g.response())).has_value());
        const UsageReport plain = aggregator.report();
        UsageReport sorted = plain;
        sorted.sortItems();
        for (int d = 0; d < UsageReport::DimensionCount; ++d) {
            const QList<UsageItem> a = plain.items(D(d)), b = sorted.items(D(d));
            QCOMPARE(b.size(), a.size());
            for (qsizetype i = 0; i < a.size(); ++i) {
                QCOMPARE(b.at(i).name, a.at(i).name);
                COMPARE_METRICS(b.at(i).metrics, a.at(i).metrics);
            }
        }
        QVERIFY(sorted.items(D::Model).size() > 1);
        const QString last = sorted.items(D::Model).constLast().name;
        const int id = sorted.table(D::Model).indexOf(last);
        sorted.mutableTable(D::Model).metrics(id).spend += 1e6;
        QCOMPARE(sorted.items(D::Model).constFirst().name, last);
    }

    void groupingSkipsOtherParts() {
        PayloadGenerator g(7);
        QByteArray text;
        NaiveUsage naive;
        for (int i = 0; i < 3; ++i) {
            text += g.text(g.response());
        }
        UsageAggregator all;
        QVERIFY(all.addResponse(text).has_value());
        UsageAggregator models(UsageAggregator::partsFor(D::Model));
        QVERIFY(models.addResponse(text).has_value());
        COMPARE_METRICS(models.report().totals(), all.report().totals());
        QCOMPARE(models.report().items(D::Model).size(), all.report().items(D::Model).size());
        QCOMPARE(models.report().cells(D::Model).size(), all.report().cells(D::Model).size());
        QCOMPARE(models.report().table(D::Key).size(), 0);
        QCOMPARE(models.report().days().size(), all.report().days().size());
    }

    void rangeIsDenseAndWidened() {
        const QByteArray page = R"({"results":[{"date":"2025-03-04","metrics":{"spend":2}},
                                               {"date":"2025-03-02","metrics":{"spend":"1.5"}}]})";
        UsageAggregator a;
        a.setRange(QDate(2025, 3, 1), QDate(2025, 3, 3));
        QCOMPARE(a.addResponse(page).value_or(-1), 2);
        const UsageReport &r = a.report();
        QCOMPARE(r.from(), QDate(2025, 3, 1));
        QCOMPARE(r.to(), QDate(2025, 3, 4)); // a day with usage outside the range asked for is kept
        QCOMPARE(r.days().size(), 4);
        QCOMPARE(r.day(QDate(2025, 3, 1)).spend, 0.0);
        QCOMPARE(r.day(QDate(2025, 3, 2)).spend, 1.5);
        QCOMPARE(r.day(QDate(2025, 3, 3)).spend, 0.0);
        QCOMPARE(r.totals().spend, 3.5);
    }

    // The first versions of LiteLLM's daily activity map breakdown names straight to metrics (no
    // {metrics, metadata} wrapper): every row has its figures, not just the totals.
    void readsTheOldestShape() {
        const auto report =
            UsageAggregator::aggregateFile(QFINDTESTDATA("../data/usage/oldest-team-paged.json"));
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->totals().spend, 1.0);
        const auto metricsOf = [&](D d, const QString &name) {
            const int id = report->table(d).indexOf(name);
            return id < 0 ? UsageMetrics() : report->table(d).metrics(id);
        };
        QCOMPARE(metricsOf(D::Model, u"gpt-4o-2024-08-06"_qs).spend, 0.75);
        QCOMPARE(metricsOf(D::Model, u"gpt-4o-2024-08-06"_qs).apiRequests, 7);
        QCOMPARE(metricsOf(D::Model, u"claude-3-5-sonnet-20241022"_qs).promptTokens, 500);
        QCOMPARE(metricsOf(D::Provider, u"openai"_qs).spend, 0.75);
        const QString key = u"5e1c0a4b7d3f9e2a1c8b6d4f0e7a9c3b5d1f8e2a4c6b0d9f7e3a1c5b8d2f4e6a"_qs;
        QCOMPARE(metricsOf(D::Key, key).spend, 0.85);
        QCOMPARE(metricsOf(D::Key, key).apiRequests, 8);
        QCOMPARE(metricsOf(D::Entity, u"team-a"_qs).spend, 0.85);
        QCOMPARE(report->cell(D::Model, QDate(2025, 4, 2), u"gpt-4o-2024-08-06"_qs).spend, 0.5);
        QVERIFY(!report->keyTruncation());
    }

    // The newest /aggregated keeps only the top keys by spend and says so in its metadata; the report
    // keeps that, so no one shows the key rows as every key.
    void readsTheNewestShapeAndItsKeyLimit() {
        const auto report = UsageAggregator::aggregateFile(
            QFINDTESTDATA("../data/usage/newest-user-aggregated-top-keys.json"));
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        QCOMPARE(report->totals().spend, 3.5);
        QCOMPARE(report->totals().apiRequests, 32);
        QCOMPARE(report->items(D::ModelGroup).constFirst().name, u"gpt-4o"_qs);
        QCOMPARE(report->items(D::ModelGroup).constFirst().metrics.spend, 3.0);
        QCOMPARE(report->items(D::Key).size(), 2);
        QCOMPARE(report->items(D::Key).constFirst().label, u"ci-bot"_qs);
        const auto cut = report->keyTruncation();
        QVERIFY(cut);
        QCOMPARE(cut->limit, 2);
        QCOMPARE(cut->total, 5);
    }

    void keysAreCutOffOnlyBeyondTheLimit_data() {
        QTest::addColumn<QByteArray>("metadata");
        QTest::addColumn<bool>("cutOff");
        QTest::newRow("as many keys as the limit")
            << q("{'api_key_limit':100,'total_api_keys':100}") << false;
        QTest::newRow("one key more") << q("{'api_key_limit':100,'total_api_keys':101}") << true;
        QTest::newRow("no limit (v1.7x)") << q("{'total_spend':1}") << false;
    }

    void keysAreCutOffOnlyBeyondTheLimit() {
        QFETCH(QByteArray, metadata);
        QFETCH(bool, cutOff);
        UsageAggregator a;
        QVERIFY(a.addResponse(QByteArray(q("{'results':[],'metadata':") + metadata + "}")).has_value());
        QCOMPARE(a.report().keyTruncation().has_value(), cutOff);
    }

    // Bytes that are not UTF-8 (a Latin-1 alias) or raw control characters inside a "results" element
    // end in an error that names the page and the offset; nothing crashes.
    void badBytesAreErrors_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QFile latin1(QFINDTESTDATA("../data/usage/latin1-alias.json"));
        QVERIFY(latin1.open(QIODevice::ReadOnly));
        const QByteArray alias = latin1.readAll();
        QTest::newRow("Latin-1 alias") << alias
                                       << u"at byte %1, in the \"results\" element starting at byte 13: the "
                                          "text is not UTF-8 (byte 0xe9)"_qs.arg(alias.indexOf('\xe9'));
        const QByteArray day = q("{'results':[{'date':'2025-01-01','breakdown':{'api_keys':{'k':{'metadata':"
                                 "{'key_alias':'a");
        QTest::newRow("raw control character") << QByteArray(day + "\x01"
                                                                   "b\"}}}}}]}")
                                               << u"in the \"results\" element starting at byte 12"_qs;
        QTest::newRow("lone continuation byte") << QByteArray(day + "\x80\"}}}}}]}") << u"byte 0x80"_qs;
        QTest::newRow("cut multi-byte sequence")
            << QByteArray(day + "\xe6\xa8\"}}}}}]}") << u"not UTF-8 (byte 0xe6)"_qs;
        QTest::newRow("not UTF-8 in a metric name") << q("{'results':[{'date':'2025-01-01','metrics':{'sp\xff"
                                                         "end':1}}]}")
                                                    << u"byte 0xff"_qs;
    }

    void badBytesAreErrors() {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        UsageAggregator a;
        const auto read = a.addPage(input, u"page 3"_qs);
        QVERIFY(!read.has_value());
        QVERIFY2(read.error().message.contains(u"Daily activity in page 3 could not be read"),
                 qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(expected), qPrintable(read.error().message));
        const auto fromFile = UsageAggregator().addFile(writeFile(input));
        QVERIFY(!fromFile.has_value());
        QVERIFY2(fromFile.error().message.contains(expected), qPrintable(fromFile.error().message));
    }

    // Counts are whole numbers from 0 up and spend is a finite number, written as numbers or numeric
    // strings; anything else is refused with the field named, never read as 0, 1 or the largest count.
    void nonsenseNumbersAreRefused_data() {
        QTest::addColumn<QByteArray>("metrics");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word") << q("{'prompt_tokens':'abc'}") << u"for \"prompt_tokens\", not \"abc\""_qs;
        QTest::newRow("true") << q("{'api_requests':true}") << u"for \"api_requests\", not true"_qs;
        QTest::newRow("NaN string") << q("{'total_tokens':'NaN'}") << u"for \"total_tokens\", not \"NaN\""_qs;
        QTest::newRow("Infinity string")
            << q("{'failed_requests':'Infinity'}") << u"for \"failed_requests\", not \"Infinity\""_qs;
        QTest::newRow("negative count")
            << q("{'successful_requests':-3}")
            << u"a count (a whole number from 0 up) for \"successful_requests\", not -3"_qs;
        QTest::newRow("fraction of a token") << q("{'completion_tokens':1.5}") << u"not 1.5"_qs;
        QTest::newRow("beyond 64 bits")
            << q("{'cache_read_input_tokens':18446744073709551616}") << u"\"cache_read_input_tokens\""_qs;
        QTest::newRow("spend word") << q("{'spend':'n/a'}")
                                    << u"an amount in USD for \"spend\", not \"n/a\""_qs;
        QTest::newRow("spend true") << q("{'spend':true}") << u"for \"spend\", not true"_qs;
        QTest::newRow("spend NaN") << q("{'spend':'NaN'}") << u"for \"spend\", not \"NaN\""_qs;
        QTest::newRow("in the oldest shape")
            << q("{'spend':1},'breakdown':{'models':{'m':{'prompt_tokens':-1}}}")
            << u"\"prompt_tokens\", not -1"_qs;
    }

    void nonsenseNumbersAreRefused() {
        QFETCH(QByteArray, metrics);
        QFETCH(QString, expected);
        const QByteArray page = q("{'results':[{'date':'2025-01-01','metrics':") + metrics + "}]}";
        const auto read = UsageAggregator().addPage(page, u"page 2"_qs);
        QVERIFY2(!read.has_value(), "a nonsense value must not be read as a number");
        QVERIFY2(read.error().message.contains(u"page 2"), qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(expected), qPrintable(read.error().message));
    }

    void sensibleNumbersAreRead_data() {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("number") << QByteArray("12") << qint64(12);
        QTest::newRow("string") << QByteArray("\" 7 \"") << qint64(7);
        QTest::newRow("whole float") << QByteArray("12.0") << qint64(12);
        QTest::newRow("null") << QByteArray("null") << qint64(0);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("largest") << QByteArray("9223372036854775807") << std::numeric_limits<qint64>::max();
    }

    void sensibleNumbersAreRead() {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        UsageAggregator a;
        const auto read = a.addResponse(
            QByteArray(q("{'results':[{'date':'2025-01-01','metrics':{'prompt_tokens':") + value + "}}]}"));
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
        QCOMPARE(a.report().totals().promptTokens, expected);
    }

    // Sums of counts stop at the largest qint64 instead of overflowing (undefined behaviour).
    void countsSaturate() {
        const QByteArray element =
            q("{'date':'2025-01-01','metrics':{'prompt_tokens':9000000000000000000},"
              "'breakdown':{'models':{'m':{'metrics':{'prompt_tokens':9000000000000000000}}}}}");
        UsageAggregator a;
        QVERIFY(a.addResponse(QByteArray("{\"results\":[" + element + ',' + element + "]}")).has_value());
        const qint64 most = std::numeric_limits<qint64>::max();
        QCOMPARE(a.report().totals().promptTokens, most);
        QCOMPARE(a.report().items(D::Model).constFirst().metrics.promptTokens, most);
        QCOMPARE(a.report().day(QDate(2025, 1, 1)).promptTokens, most);
        UsageMetrics m;
        m.apiRequests = most - 1;
        UsageMetrics one;
        one.apiRequests = 1;
        m += one;
        QCOMPARE(m.apiRequests, most);
        m += one;
        QCOMPARE(m.apiRequests, most);
    }

    // A file dated 0001-01-01 and 9999-12-31 lists those two days (and the range asked for), not the
    // 3.65 million days between them.
    void farApartDatesFillOnlyWhatIsThere() {
        const QByteArray page = q("{'results':[{'date':'9999-12-31','metrics':{'spend':2}},"
                                  "{'date':'0001-01-01','metrics':{'spend':1}}]}");
        UsageAggregator a;
        QVERIFY(a.addResponse(page).has_value());
        QCOMPARE(a.report().from(), QDate(1, 1, 1));
        QCOMPARE(a.report().to(), QDate(9999, 12, 31));
        QCOMPARE(a.report().dayCount(), 2);
        QCOMPARE(a.report().days().constLast().second.spend, 2.0);

        UsageAggregator ranged;
        ranged.setRange(QDate(2025, 3, 1), QDate(2025, 3, 3));
        QVERIFY(ranged.addResponse(page).has_value());
        const auto days = ranged.report().days();
        QCOMPARE(days.size(), 5);
        QCOMPARE(days.at(0).first, QDate(1, 1, 1));
        QCOMPARE(days.at(1).first, QDate(2025, 3, 1));
        QCOMPARE(days.at(3).first, QDate(2025, 3, 3));
        QCOMPARE(days.at(4).first, QDate(9999, 12, 31));
        QCOMPARE(ranged.report().totals().spend, 3.0);
    }

    void daysAreFilledUpToTheLimit_data() {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<qint64>("listed");
        QTest::newRow("at the limit") << UsageReport::kMaxFilledDays << UsageReport::kMaxFilledDays;
        QTest::newRow("one day more") << UsageReport::kMaxFilledDays + 1 << qint64(2);
    }

    void daysAreFilledUpToTheLimit() {
        QFETCH(qint64, span);
        QFETCH(qint64, listed);
        const QDate first(2000, 1, 1);
        const QByteArray page = "{\"results\":[{\"date\":\"" + first.toString(Qt::ISODate).toUtf8() +
                                "\"},{\"date\":\"" + first.addDays(span - 1).toString(Qt::ISODate).toUtf8() +
                                "\"}]}";
        UsageAggregator a;
        QVERIFY(a.addResponse(page).has_value());
        QCOMPARE(a.report().dayCount(), listed);
        QCOMPARE(a.report().days().size(), listed);
    }

    void malformedInputIsAnErrorWithContext_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        const QByteArray day = q("{'date':'2025-01-01'");
        QTest::newRow("empty file") << QByteArray() << u"input is empty"_qs;
        QTest::newRow("only whitespace") << QByteArray(" \n\t ") << u"input is empty"_qs;
        QTest::newRow("not json") << QByteArray("hello") << u"at byte 0"_qs;
        QTest::newRow("no results") << q("{'metadata':{}}") << u"no \"results\""_qs;
        QTest::newRow("results is an object") << q("{'results':{}}") << u"array for \"results\""_qs;
        QTest::newRow("element is a string") << q("{'results':['x']}") << u"at byte 12"_qs;
        QTest::newRow("metrics is a string") << QByteArray(q("{'results':[") + day + q(",'metrics':'abc'}]}"))
                                             << u"an object for \"metrics\""_qs;
        QTest::newRow("models is an array")
            << QByteArray(q("{'results':[") + day + q(",'breakdown':{'models':[]}}]}")) << u"\"models\""_qs;
        QTest::newRow("metric is an object")
            << QByteArray(q("{'results':[") + day + q(",'metrics':{'spend':{}}}]}"))
            << u"expected an amount in USD for \"spend\""_qs;
        QTest::newRow("date missing") << q("{'results':[{'metrics':{}}]}") << u"\"date\""_qs;
        QTest::newRow("date invalid") << q("{'results':[{'date':'2025-13-01'}]}") << u"not \"2025-13-01\""_qs;
        QTest::newRow("garbage after a response") << q("{'results':[]} x") << u"at byte 15"_qs;
        QTest::newRow("missing comma between elements")
            << QByteArray(q("{'results':[") + day + "} " + day + "}]}") << u"',' or ']'"_qs;
        QTest::newRow("truncated inside a number")
            << QByteArray(q("{'results':[") + day + q(",'metrics':{'spend':1")) << u"end of input"_qs;
        QTest::newRow("truncated inside a string") << q("{'results':[{'date':'2025-01") << u"end of input"_qs;
        QTest::newRow("truncated between elements")
            << QByteArray(q("{'results':[") + day + "},") << u"found the end of the input"_qs;
        QTest::newRow("array of numbers") << QByteArray("[1,2]") << u"response (a JSON object)"_qs;
        QTest::newRow("broken json inside an element")
            << QByteArray(q("{'results':[") + day + q(",'metrics':{'spend':1,,}}]}"))
            << u"results\" element"_qs;
    }

    void malformedInputIsAnErrorWithContext() {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        for (int buffer : {16, 1 << 20}) {
            UsageAggregator a;
            a.setBufferSize(buffer);
            const auto read = a.addFile(writeFile(input));
            QVERIFY2(!read.has_value(), "malformed input must not give a report");
            QCOMPARE(read.error().kind, ApiError::Kind::Decode);
            QVERIFY2(read.error().message.contains(expected), qPrintable(read.error().message));
            const auto fromMemory = UsageAggregator().addResponse(input);
            QVERIFY(!fromMemory.has_value());
        }
    }

    void missingFileIsAnError() {
        const auto read = UsageAggregator().addFile(m_dir.filePath(u"nope.json"_qs));
        QVERIFY(!read.has_value());
        QVERIFY(read.error().message.contains(u"nope.json"));
    }

    void everyTruncationIsAnError() {
        PayloadGenerator g(99);
        QJsonObject r = g.response();
        while (r.value(u"results").toArray().size() < 2)
            r = g.response();
        const QByteArray text = QJsonDocument(r).toJson(QJsonDocument::Compact);
        QVERIFY(UsageAggregator().addResponse(text).has_value());
        for (qsizetype cut = 0; cut < text.size(); cut += 1 + cut / 50) {
            UsageAggregator a;
            a.setBufferSize(64);
            const auto read = a.addResponse(text.left(cut));
            QVERIFY2(!read.has_value(), qPrintable(u"prefix of %1 bytes was accepted"_qs.arg(cut)));
            QVERIFY(read.error().message.contains(u"byte") || read.error().message.contains(u"empty"));
        }
    }

    void simulatorPagesAddUpToAggregated_data() {
        QTest::addColumn<QString>("route");
        QTest::newRow("user") << u"/user/daily/activity"_qs;
        QTest::newRow("team") << u"/team/daily/activity"_qs;
        QTest::newRow("tag") << u"/tag/daily/activity"_qs;
    }

    void simulatorPagesAddUpToAggregated() {
        QFETCH(QString, route);
        SimOptions o;
        o.keys = 300;
        o.days = 12;
        o.today = QDate(2025, 3, 12);
        Simulator sim(o);
        QVERIFY(sim.listen());
        SimClient c(sim);
        const QString range = u"start_date=2025-03-01&end_date=2025-03-12"_qs;

        const auto all = c.get(route + u"/aggregated?"_qs + range);
        QCOMPARE(all.status, 200);
        UsageAggregator whole;
        QVERIFY(whole.addResponse(all.body).has_value());

        UsageAggregator paged;
        paged.setRange(QDate(2025, 3, 1), QDate(2025, 3, 12));
        QByteArray saved;
        int page = 1, totalPages = 0;
        do {
            const auto a = c.get(route + u"?page_size=40&page=%1&"_qs.arg(page) + range);
            QCOMPARE(a.status, 200);
            totalPages = a.object().value(u"metadata").toObject().value(u"total_pages").toInt();
            QVERIFY(paged.addResponse(a.body).has_value());
            saved += a.body + '\n';
        } while (++page <= totalPages);
        QVERIFY(totalPages > 3);

        const QJsonObject meta = all.object().value(u"metadata").toObject();
        const UsageReport &r = paged.report();
        QVERIFY(qAbs(r.totals().spend - meta.value(u"total_spend").toDouble()) < 1e-6);
        QCOMPARE(r.totals().apiRequests, meta.value(u"total_api_requests").toInteger());
        QCOMPARE(r.totals().promptTokens, meta.value(u"total_prompt_tokens").toInteger());
        QCOMPARE(r.totals().failedRequests, meta.value(u"total_failed_requests").toInteger());
        QCOMPARE(r.dayCount(), 12);
        for (D d : {D::Model, D::ModelGroup, D::Provider, D::Key, D::Entity}) {
            const QList<UsageItem> expected = whole.report().items(d);
            const QList<UsageItem> actual = r.items(d);
            QCOMPARE(actual.size(), expected.size());
            for (qsizetype i = 0; i < actual.size(); ++i) {
                QCOMPARE(actual.at(i).name, expected.at(i).name);
                QCOMPARE(actual.at(i).label, expected.at(i).label);
                QCOMPARE(actual.at(i).metrics.apiRequests, expected.at(i).metrics.apiRequests);
                QVERIFY(qAbs(actual.at(i).metrics.spend - expected.at(i).metrics.spend) < 1e-6);
            }
        }
        QCOMPARE(r.cells(D::Key).size(), whole.report().cells(D::Key).size());

        UsageAggregator fromSavedPages; // the same pages saved one per line to a file
        fromSavedPages.setBufferSize(4096);
        QVERIFY(fromSavedPages.addFile(writeFile(saved)).has_value());
        QCOMPARE(fromSavedPages.report().totals().apiRequests, r.totals().apiRequests);
        QCOMPARE(fromSavedPages.report().items(D::Model).size(), r.items(D::Model).size());
    }

    // Deployments summed under their public names: the model rows and day × model cells merge, and
    // nothing else changes (totals, days, keys).
    void modelsGroupUnderOtherNames() {
        const UsageReport report = simulatedReport(7);
        const QList<UsageItem> models = report.items(UsageReport::Dimension::Model);
        QVERIFY(models.size() >= 3);
        const QString a = models.at(0).name, b = models.at(1).name, c = models.at(2).name;
        const UsageReport grouped = report.withModelsGrouped({{a, u"group"_qs}, {b, u"group"_qs}});
        QCOMPARE(grouped.items(UsageReport::Dimension::Model).size(), models.size() - 1);
        const auto row = [&](const UsageReport &r, const QString &name) {
            for (const UsageItem &item : r.items(UsageReport::Dimension::Model))
                if (item.name == name)
                    return item.metrics;
            return UsageMetrics();
        };
        QVERIFY(qAbs(row(grouped, u"group"_qs).spend -
                     (models.at(0).metrics.spend + models.at(1).metrics.spend)) < 1e-9);
        QCOMPARE(row(grouped, u"group"_qs).apiRequests,
                 models.at(0).metrics.apiRequests + models.at(1).metrics.apiRequests);
        QCOMPARE(row(grouped, c).apiRequests, models.at(2).metrics.apiRequests);
        QVERIFY(row(grouped, a).isZero());
        QCOMPARE(grouped.totals().apiRequests, report.totals().apiRequests);
        QCOMPARE(grouped.days().size(), report.days().size());
        QCOMPARE(grouped.items(UsageReport::Dimension::Key).size(),
                 report.items(UsageReport::Dimension::Key).size());
        int mergedDays = 0;
        for (const auto &[date, metrics] : report.days()) {
            UsageMetrics both = report.cell(UsageReport::Dimension::Model, date, a);
            both += report.cell(UsageReport::Dimension::Model, date, b);
            QCOMPARE(grouped.cell(UsageReport::Dimension::Model, date, u"group"_qs).apiRequests,
                     both.apiRequests);
            mergedDays += both.apiRequests > 0;
            QCOMPARE(grouped.cell(UsageReport::Dimension::Model, date, c).apiRequests,
                     report.cell(UsageReport::Dimension::Model, date, c).apiRequests);
        }
        QVERIFY(mergedDays > 0);
        // The report it came from is untouched.
        QCOMPARE(report.items(UsageReport::Dimension::Model).size(), models.size());
    }
};

QTEST_GUILESS_MAIN(TestUsageAggregator)
#include "tst_UsageAggregator.moc"
