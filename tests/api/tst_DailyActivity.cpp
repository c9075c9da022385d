#include "ActivityFixtures.h"
#include "core/api/ActivityQuery.h"
#include "core/usage/UsageAggregator.h"

#include <QTest>

using namespace fixtures;

// Daily activity pages as the fetcher hands them to the aggregator: the query that asks for them, the
// paging metadata read in the same pass as the results, and merging by date across pages.
class TestDailyActivity : public QObject {
    Q_OBJECT
private slots:
    void buildsTheQuery_data();
    void buildsTheQuery();
    void readsPageMetadata_data();
    void readsPageMetadata();
    void fingerprintsTellPagesApart();
    void rejectsWrongShapes_data();
    void rejectsWrongShapes();
    void sameDateOnSeveralPagesSums();
    void totalsComeFromRowsNotMetadata();
    void fillsTheRangeWithZeroDays();
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
        << "start_date=2025-02-01&end_date=2025-02-03&team_ids=u1,u2&model=gpt-4o&api_key_limit=1000";
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

void TestDailyActivity::readsPageMetadata_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qsizetype>("results");
    QTest::addColumn<int>("page");
    QTest::addColumn<int>("totalPages");
    QTest::addColumn<bool>("hasMore");
    QTest::newRow("first of three") << page({row("2025-02-03", 1.5, 10), row("2025-02-02", 0.5, 2)}, 1, 3,
                                            true)
                                    << qsizetype(2) << 1 << 3 << true;
    QTest::newRow("last page") << page({row("2025-02-03", 1.5, 10)}, 3, 3, false) << qsizetype(1) << 3 << 3
                               << false;
    QTest::newRow("metadata before results, numbers as strings")
        << QByteArray(R"({"metadata":{"page":"2","total_pages":"4","has_more":true},"results":[]})")
        << qsizetype(0) << 2 << 4 << true;
    QTest::newRow("no metadata") << QByteArray(R"({"results":[]})") << qsizetype(0) << 1 << 1 << false;
    QTest::newRow("null fields") << QByteArray(R"({"results":[],"metadata":{"page":null,"has_more":null}})")
                                 << qsizetype(0) << 1 << 1 << false;
    QTest::newRow("total_pages below page") << page({}, 5, 2, false) << qsizetype(0) << 5 << 5 << false;
}

void TestDailyActivity::readsPageMetadata() {
    QFETCH(QByteArray, body);
    QFETCH(qsizetype, results);
    QFETCH(int, page);
    QFETCH(int, totalPages);
    QFETCH(bool, hasMore);
    UsageAggregator aggregator;
    const auto info = aggregator.addPage(body);
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QCOMPARE(info->results, results);
    QCOMPARE(info->page, page);
    QCOMPARE(info->totalPages, totalPages);
    QCOMPARE(info->hasMore, hasMore);
}

void TestDailyActivity::fingerprintsTellPagesApart() {
    UsageAggregator aggregator;
    const auto a = aggregator.addPage(page({row("2025-02-03", 1.0, 1)}, 1, 3, true));
    const auto same = aggregator.addPage(page({row("2025-02-03", 1.0, 1)}, 2, 3, true));
    const auto other = aggregator.addPage(page({row("2025-02-03", 1.0, 1, "claude")}, 3, 3, false));
    const auto reordered = aggregator.addPage(
        page({row("2025-02-03", 1.0, 1, "claude"), row("2025-02-03", 1.0, 1)}, 3, 3, false));
    const auto swapped = aggregator.addPage(
        page({row("2025-02-03", 1.0, 1), row("2025-02-03", 1.0, 1, "claude")}, 3, 3, false));
    const auto empty = aggregator.addPage(page({}, 4, 4, false));
    QVERIFY(a && same && other && reordered && swapped && empty);
    QCOMPARE(a->fingerprint, same->fingerprint); // the metadata's page number is not part of it
    QVERIFY(a->fingerprint != other->fingerprint);
    QVERIFY(reordered->fingerprint != swapped->fingerprint);
    QCOMPARE(empty->fingerprint, quint64(0));
}

void TestDailyActivity::rejectsWrongShapes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("metadata is a list") << QByteArray(R"({"results":[],"metadata":[1]})");
    QTest::newRow("page is an object") << QByteArray(R"({"results":[],"metadata":{"page":{}}})");
    QTest::newRow("results missing") << QByteArray(R"({"metadata":{"page":1}})");
    QTest::newRow("not JSON") << QByteArray("<html>502 Bad Gateway</html>");
}

void TestDailyActivity::rejectsWrongShapes() {
    QFETCH(QByteArray, body);
    UsageAggregator aggregator;
    const auto r = aggregator.addPage(body);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Decode);
}

void TestDailyActivity::sameDateOnSeveralPagesSums() {
    UsageAggregator aggregator;
    QVERIFY(aggregator.addPage(page({row("2025-02-03", 1.0, 1, "gpt-4o", "hash-a")}, 1, 2, true)));
    QVERIFY(aggregator.addPage(
        page({row("2025-02-03", 2.0, 3, "gpt-4o", "hash-b"), row("2025-02-03", 0.25, 1, "claude", "hash-a")},
             2, 2, false)));
    const UsageReport &r = aggregator.report();
    using D = UsageReport::Dimension;
    QCOMPARE(r.dayCount(), 1);
    QCOMPARE(r.day(QDate(2025, 2, 3)).spend, 3.25);
    QCOMPARE(r.day(QDate(2025, 2, 3)).apiRequests, 5);
    QCOMPARE(r.table(D::Model).metrics(r.table(D::Model).indexOf("gpt-4o")).spend, 3.0);
    QCOMPARE(r.table(D::Model).metrics(r.table(D::Model).indexOf("claude")).spend, 0.25);
    QCOMPARE(r.table(D::Provider).metrics(r.table(D::Provider).indexOf("openai")).spend, 3.25);
    const int keyA = r.table(D::Key).indexOf("hash-a");
    QCOMPARE(r.table(D::Key).metrics(keyA).spend, 1.25);
    QCOMPARE(r.table(D::Key).metrics(keyA).apiRequests, 2);
    QCOMPARE(r.table(D::Key).item(keyA).label, QStringLiteral("ci"));
    QCOMPARE(r.table(D::Key).item(keyA).teamId, QStringLiteral("t1"));
    QCOMPARE(r.table(D::Entity).item(r.table(D::Entity).indexOf("t1")).label, QStringLiteral("Team 1"));
    QCOMPARE(r.table(D::Entity).metrics(r.table(D::Entity).indexOf("t1")).spend, 3.25);
    QCOMPARE(r.cell(D::Model, QDate(2025, 2, 3), "gpt-4o").spend, 3.0);
    QCOMPARE(r.cell(D::Key, QDate(2025, 2, 3), "hash-b").spend, 2.0);
}

void TestDailyActivity::totalsComeFromRowsNotMetadata() {
    UsageAggregator aggregator;
    QVERIFY(aggregator.addPage(page({row("2025-02-01", 1.0, 1), row("2025-02-02", 2.0, 2)}, 1, 1, false)));
    QCOMPARE(aggregator.report().totals().spend, 3.0); // the metadata claims 999999
    QCOMPARE(aggregator.report().totals().apiRequests, 3);
    QCOMPARE(aggregator.report().totals().totalTokens, 200);
}

void TestDailyActivity::fillsTheRangeWithZeroDays() {
    UsageAggregator aggregator;
    aggregator.setRange(QDate(2025, 2, 1), QDate(2025, 2, 6));
    QVERIFY(aggregator.addPage(page({row("2025-02-05", 1.0, 1), row("2025-02-02", 2.0, 2)}, 1, 1, false)));
    const auto days = aggregator.report().days();
    QCOMPARE(days.size(), 6);
    QCOMPARE(days.first().first, QDate(2025, 2, 1));
    QCOMPARE(days.last().first, QDate(2025, 2, 6));
    QVERIFY(aggregator.report().day(QDate(2025, 2, 3)).isZero());
    QCOMPARE(aggregator.report().day(QDate(2025, 2, 5)).spend, 1.0);
    QCOMPARE(aggregator.report().totals().spend, 3.0);
}

QTEST_GUILESS_MAIN(TestDailyActivity)
#include "tst_DailyActivity.moc"
