#include "ActivityFixtures.h"
#include "api/ActivityApi.h"

#include <QTest>

using namespace fixtures;

class TestDailyActivity : public QObject {
    Q_OBJECT
private slots:
    void buildsTheQuery_data();
    void buildsTheQuery();
    void decodesOnePage();
    void readsNumbersAsStringsAndNulls();
    void rejectsWrongShapes_data();
    void rejectsWrongShapes();
    void sameDateOnSeveralPagesSums();
    void totalsComeFromRowsNotMetadata();
    void fillsGapDaysWithZeros();
    void keepsKeyMetadataWhenMerging();
};

void TestDailyActivity::buildsTheQuery_data() {
    QTest::addColumn<int>("scope");
    QTest::addColumn<bool>("aggregated");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::newRow("user, paged")
        << 0 << false << "/user/daily/activity"
        << "start_date=2025-02-01&end_date=2025-02-03&user_id=u1&model=gpt-4o&page=2&page_size=1000";
    QTest::newRow("team, aggregated")
        << 1 << true << "/team/daily/activity/aggregated"
        << "start_date=2025-02-01&end_date=2025-02-03&team_ids=u1,u2&model=gpt-4o";
    QTest::newRow("tag, paged")
        << 2 << false << "/tag/daily/activity"
        << "start_date=2025-02-01&end_date=2025-02-03&tags=u1,u2&model=gpt-4o&page=2&page_size=1000";
}

void TestDailyActivity::buildsTheQuery() {
    QFETCH(int, scope);
    QFETCH(bool, aggregated);
    QFETCH(QString, path);
    QFETCH(QString, query);
    ActivityQuery q;
    q.scope = ActivityQuery::Scope(scope);
    q.ids = scope == 0 ? QStringList{"u1"} : QStringList{"u1", "u2"};
    q.start = QDate(2025, 2, 1);
    q.end = QDate(2025, 2, 3);
    q.model = "gpt-4o";
    q.page = 2;
    q.pageSize = 5000; // capped at the proxy's 1000
    QCOMPARE(q.path(aggregated), path);
    QCOMPARE(q.toQuery(aggregated).toString(QUrl::FullyDecoded), query);
}

void TestDailyActivity::decodesOnePage() {
    const auto r = api::decodeActivityPage(
        page({row("2025-02-03", 1.5, 10), row("2025-02-02", 0.5, 2, "claude")}, 1, 3, true));
    QVERIFY(r);
    QCOMPARE(r->page, 1);
    QCOMPARE(r->totalPages, 3);
    QVERIFY(r->hasMore);
    QVERIFY(!r->fingerprint.isEmpty());
    const DailyActivity &a = r->activity;
    QCOMPARE(a.dates(), (QList<QDate>{QDate(2025, 2, 2), QDate(2025, 2, 3)}));
    QCOMPARE(a.rowCount(), 2);
    const ActivityDay *d = a.day(QDate(2025, 2, 3));
    QVERIFY(d);
    QCOMPARE(d->metrics.spend, 1.5);
    QCOMPARE(d->metrics.apiRequests, 10);
    QCOMPARE(d->metrics.totalTokens, 100);
    QCOMPARE(d->models.value("gpt-4o").metrics.spend, 1.5);
    QCOMPARE(d->models.value("gpt-4o").apiKeys.value("hash-a").metrics.apiRequests, 10);
    QCOMPARE(d->modelGroups.size(), 1);
    QCOMPARE(d->providers.value("openai").metrics.spend, 1.5);
    QCOMPARE(d->apiKeys.value("hash-a").keyAlias, QStringLiteral("ci"));
    QCOMPARE(d->apiKeys.value("hash-a").teamId, QStringLiteral("t1"));
    QCOMPARE(d->entities.value("t1").metadata.value("team_alias").toString(), QStringLiteral("Team 1"));
    QCOMPARE(d->entities.value("t1").apiKeys.size(), 1);
    QCOMPARE(a.totals().spend, 2.0); // from the rows, not the metadata's 999999
    QCOMPARE(a.totals().apiRequests, 12);
}

void TestDailyActivity::readsNumbersAsStringsAndNulls() {
    const QByteArray body = R"({"results":[{"date":"2025-02-03","metrics":{"spend":"1.25","api_requests":"7",
        "total_tokens":null,"compression_saved_tokens":5},"breakdown":{"models":{"m":{"metrics":{"spend":"1.25"},
        "metadata":null,"api_key_breakdown":null}},"api_keys":null,"mcp_servers":{}}}],
        "metadata":{"total_spend":null,"page":null,"total_pages":null,"has_more":null}})";
    const auto r = api::decodeActivityPage(body);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->page, 1);
    QCOMPARE(r->totalPages, 1);
    QVERIFY(!r->hasMore);
    const ActivityDay *d = r->activity.day(QDate(2025, 2, 3));
    QVERIFY(d);
    QCOMPARE(d->metrics.spend, 1.25);
    QCOMPARE(d->metrics.apiRequests, 7);
    QCOMPARE(d->metrics.totalTokens, 0);
    QCOMPARE(d->models.value("m").metrics.spend, 1.25);
    QVERIFY(d->apiKeys.isEmpty());
    // An empty page is a valid answer: no usage in the range.
    const auto empty = api::decodeActivityPage(R"({"results":[],"metadata":{}})");
    QVERIFY(empty);
    QVERIFY(empty->activity.isEmpty());
}

void TestDailyActivity::rejectsWrongShapes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("no results") << QByteArray(R"({"metadata":{}})");
    QTest::newRow("results is an object") << QByteArray(R"({"results":{}})");
    QTest::newRow("a row is a string") << QByteArray(R"({"results":["2025-02-03"]})");
    QTest::newRow("a row without a date") << QByteArray(R"({"results":[{"metrics":{}}]})");
    QTest::newRow("a row with a bad date") << QByteArray(R"({"results":[{"date":"Feb 3"}]})");
    QTest::newRow("metrics is a list") << QByteArray(R"({"results":[{"date":"2025-02-03","metrics":[1]}]})");
    QTest::newRow("models is a list")
        << QByteArray(R"({"results":[{"date":"2025-02-03","breakdown":{"models":["gpt-4o"]}}]})");
    QTest::newRow("a key entry is a number")
        << QByteArray(R"({"results":[{"date":"2025-02-03","breakdown":{"api_keys":{"h":1}}}]})");
    QTest::newRow("cut off") << QByteArray(R"({"results":[{"date":"2025-02-03")");
}

void TestDailyActivity::rejectsWrongShapes() {
    QFETCH(QByteArray, body);
    const auto r = api::decodeActivityPage(body);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Decode);
}

void TestDailyActivity::sameDateOnSeveralPagesSums() {
    auto p1 = api::decodeActivityPage(page({row("2025-02-03", 1.0, 1, "gpt-4o", "hash-a")}, 1, 2, true));
    auto p2 = api::decodeActivityPage(
        page({row("2025-02-03", 2.0, 3, "gpt-4o", "hash-b"), row("2025-02-03", 0.25, 1, "claude", "hash-a")},
             2, 2, false));
    QVERIFY(p1 && p2);
    DailyActivity all;
    all.merge(std::move(p1->activity));
    all.merge(p2->activity);
    all.recomputeTotals();
    QCOMPARE(all.days().size(), 1);
    QCOMPARE(all.rowCount(), 3);
    const ActivityDay *d = all.day(QDate(2025, 2, 3));
    QCOMPARE(d->metrics.spend, 3.25);
    QCOMPARE(d->metrics.apiRequests, 5);
    QCOMPARE(d->models.value("gpt-4o").metrics.spend, 3.0);
    QCOMPARE(d->models.value("gpt-4o").apiKeys.value("hash-a").metrics.spend, 1.0);
    QCOMPARE(d->models.value("gpt-4o").apiKeys.value("hash-b").metrics.spend, 2.0);
    QCOMPARE(d->models.value("claude").metrics.spend, 0.25);
    QCOMPARE(d->providers.value("openai").metrics.spend, 3.25);
    QCOMPARE(d->apiKeys.value("hash-a").metrics.spend, 1.25);
    QCOMPARE(d->apiKeys.value("hash-a").metrics.apiRequests, 2);
    QCOMPARE(d->entities.value("t1").metrics.spend, 3.25);
    QCOMPARE(d->entities.value("t1").apiKeys.value("hash-a").metrics.spend, 1.25);
}

void TestDailyActivity::totalsComeFromRowsNotMetadata() {
    auto p =
        api::decodeActivityPage(page({row("2025-02-01", 1.0, 1), row("2025-02-02", 2.0, 2)}, 1, 1, false));
    QVERIFY(p);
    QCOMPARE(p->activity.totals().spend, 3.0);
    QCOMPARE(p->activity.totals().apiRequests, 3);
    QCOMPARE(p->activity.totals().totalTokens, 200);
}

void TestDailyActivity::fillsGapDaysWithZeros() {
    auto p =
        api::decodeActivityPage(page({row("2025-02-05", 1.0, 1), row("2025-02-02", 2.0, 2)}, 1, 1, false));
    QVERIFY(p);
    DailyActivity a = p->activity;
    a.fillRange(QDate(2025, 2, 1), QDate(2025, 2, 6));
    a.recomputeTotals();
    QCOMPARE(a.days().size(), 6);
    QCOMPARE(a.dates().first(), QDate(2025, 2, 1));
    QCOMPARE(a.dates().last(), QDate(2025, 2, 6));
    QVERIFY(a.day(QDate(2025, 2, 3))->metrics.isZero());
    QVERIFY(a.day(QDate(2025, 2, 3))->models.isEmpty());
    QCOMPARE(a.day(QDate(2025, 2, 5))->metrics.spend, 1.0);
    QCOMPARE(a.totals().spend, 3.0);
    QCOMPARE(a.rowCount(), 2); // filled days are not rows
}

void TestDailyActivity::keepsKeyMetadataWhenMerging() {
    ActivityKeyUsage named;
    named.keyAlias = "ci";
    named.metrics.spend = 1;
    ActivityKeyUsage bare; // a later page may carry no metadata for the key
    bare.metrics.spend = 2;
    bare.userId = "u1";
    bare.merge(named);
    QCOMPARE(bare.keyAlias, QStringLiteral("ci"));
    QCOMPARE(bare.userId, QStringLiteral("u1"));
    QCOMPARE(bare.metrics.spend, 3.0);
}

QTEST_GUILESS_MAIN(TestDailyActivity)
#include "tst_DailyActivity.moc"
