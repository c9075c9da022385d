#include "ActivityFixtures.h"
#include "CallResult.h"
#include "core/api/ClientFeatures.h"
#include "core/usage/ActivityFetcher.h"

#include <QSet>
#include <QSignalSpy>

#include <algorithm>

using namespace fixtures;

namespace {

const QString kPaged = QStringLiteral("/user/daily/activity");
const QString kAggregated = QStringLiteral("/user/daily/activity/aggregated");

ActivityQuery februaryFirstWeek() {
    ActivityQuery q;
    q.start = QDate(2025, 2, 1);
    q.end = QDate(2025, 2, 7);
    return q;
}

// `pages` pages, each with one row on 2025-02-03 (so the date repeats on every page) and one on a day of its
// own.
CannedServer::Responder pagedActivity(int pages, int delayMs = 0) {
    return [pages, delayMs](const HttpRequest &r) {
        const int p = r.queryValue(QStringLiteral("page")).toInt();
        CannedServer::Answer a;
        a.delayMs = delayMs;
        if (p < 1 || p > pages) {
            a.body = page({}, p, pages, false);
            return a;
        }
        a.body = page({row("2025-02-03", 1.0, 1, QStringLiteral("m%1").arg(p)),
                       row(QDate(2025, 2, 1).addDays(p % 7).toString(Qt::ISODate), 0.5, 2)},
                      p, pages, p < pages);
        return a;
    };
}

} // namespace

class TestActivityFetcher : public QObject {
    Q_OBJECT
private slots:
    void usesTheAggregatedRouteAndRemembersIt();
    void fallsBackToPagingAndRemembersIt();
    void fetchesEveryPageWithAtMostFourInFlight();
    void partialReportsGrowPageByPage();
    void savesEveryPageBody();
    void endlessHasMoreEndsInAnError();
    void emptyPagesThatPromiseMoreEndInAnError();
    void repeatedPagesEndInAnError();
    void cancelStopsTheFetch();
    void anHttpErrorFailsTheFetch();
    void hasMoreIsFollowedWhateverTotalPagesSays_data();
    void hasMoreIsFollowedWhateverTotalPagesSays();
    void aggregatedRefusedFallsBackToPaging_data();
    void aggregatedRefusedFallsBackToPaging();
    void keysCutOffByAggregatedArePaged_data();
    void keysCutOffByAggregatedArePaged();
    void aDecodeErrorNamesThePage();
    void deploymentsAreFetchedInTurnAndSummed_data();
    void deploymentsAreFetchedInTurnAndSummed();
};

void TestActivityFetcher::usesTheAggregatedRouteAndRemembersIt() {
    CannedServer server;
    server.on(kAggregated, 200,
              page({row("2025-02-03", 1.0, 1), row("2025-02-03", 2.0, 1, "claude")}, 1, 1, false));
    auto client = clientFor(server);
    ActivityFetcher fetcher(client.get());
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    fetcher.start(februaryFirstWeek());
    QVERIFY(fetcher.isRunning());
    QVERIFY(finished.wait(5000));
    QCOMPARE(failed.size(), 0);
    QVERIFY(fetcher.usedAggregated());
    QVERIFY(!fetcher.isRunning());
    QCOMPARE(server.requestsTo(kPaged), 0);
    QVERIFY(!server.last().query.hasQueryItem(QStringLiteral("page")));
    QCOMPARE(server.last().queryValue(QStringLiteral("start_date")), QStringLiteral("2025-02-01"));
    QCOMPARE(fetcher.report().dayCount(), 7);
    QCOMPARE(fetcher.report().totals().spend, 3.0);
    QVERIFY(fetcher.asOf().isValid());
    QCOMPARE(api::clientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User)),
             true);
}

void TestActivityFetcher::fallsBackToPagingAndRemembersIt() {
    CannedServer server; // no aggregated route: 404
    server.on(kPaged, pagedActivity(1));
    auto client = clientFor(server);
    ActivityFetcher fetcher(client.get());
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QVERIFY(finished.wait(5000));
    QVERIFY(!fetcher.usedAggregated());
    QCOMPARE(server.requestsTo(kAggregated), 1);
    QCOMPARE(server.requestsTo(kPaged), 1);
    QCOMPARE(server.last().queryValue(QStringLiteral("page_size")), QStringLiteral("1000"));
    QCOMPARE(fetcher.report().totals().spend, 1.5);

    // A second fetch on the same connection does not probe again; another connection does.
    ActivityFetcher again(client.get());
    QSignalSpy againFinished(&again, &ActivityFetcher::finished);
    again.start(februaryFirstWeek());
    QVERIFY(againFinished.wait(5000));
    QCOMPARE(server.requestsTo(kAggregated), 1);
    QCOMPARE(server.requestsTo(kPaged), 2);
    auto other = clientFor(server);
    QVERIFY(!api::clientFeature(*other, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User)));
}

void TestActivityFetcher::fetchesEveryPageWithAtMostFourInFlight() {
    const int pages = 11;
    CannedServer server;
    server.on(kPaged, pagedActivity(pages, 60));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    QSignalSpy progress(&fetcher, &ActivityFetcher::progress);
    QSignalSpy updated(&fetcher, &ActivityFetcher::reportUpdated);
    fetcher.start(februaryFirstWeek());
    QVERIFY(finished.wait(15000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(server.requestsTo(kPaged), pages);
    QCOMPARE(server.requestsTo(kAggregated), 0);
    QCOMPARE(server.peakConcurrent(), ActivityFetcher::kMaxInFlight);
    QCOMPARE(fetcher.peakInFlight(), ActivityFetcher::kMaxInFlight);
    // page 1 went alone: nothing else was asked before its answer said how many pages there are
    QCOMPARE(server.received().first().queryValue(QStringLiteral("page")), QStringLiteral("1"));
    QCOMPARE(progress.size(), pages);
    QCOMPARE(progress.last().at(0).toInt(), pages);
    QCOMPARE(progress.last().at(1).toInt(), pages);

    QVERIFY(updated.size() >= 2); // snapshots while pages arrived, then the whole report

    using D = UsageReport::Dimension;
    const UsageReport &r = fetcher.report();
    QCOMPARE(r.dayCount(), 7);               // the whole range, gaps filled
    QCOMPARE(r.totals().spend, pages * 1.5); // not the metadata's 999999 per page
    QCOMPARE(r.totals().apiRequests, pages * 3);
    QCOMPARE(r.day(QDate(2025, 2, 3)).apiRequests, pages * 1 + (pages + 5) / 7 * 2);
    QCOMPARE(r.table(D::Model).size(), pages + 1); // m1..m11 and gpt-4o
    QCOMPARE(r.cell(D::Model, QDate(2025, 2, 3), QStringLiteral("m5")).spend, 1.0);
}

void TestActivityFetcher::partialReportsGrowPageByPage() {
    const int pages = 6;
    CannedServer server;
    server.on(kPaged, pagedActivity(pages, 30));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QList<double> seen;
    connect(&fetcher, &ActivityFetcher::reportUpdated, this,
            [&] { seen << fetcher.report().totals().spend; });
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QCOMPARE(fetcher.report().dayCount(), 7); // the range is there before any page
    QVERIFY(finished.wait(15000));
    QVERIFY2(seen.size() >= 2, qPrintable(QString::number(seen.size())));
    QVERIFY(seen.first() < pages * 1.5);
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
    QCOMPARE(seen.last(), pages * 1.5);
}

void TestActivityFetcher::savesEveryPageBody() {
    const int pages = 3;
    CannedServer server;
    server.on(kPaged, pagedActivity(pages));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QSignalSpy received(&fetcher, &ActivityFetcher::pageReceived);
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QVERIFY(finished.wait(15000));
    QCOMPARE(received.size(), pages);
    QSet<int> numbers;
    for (const auto &args : received) {
        numbers << args.at(0).toInt();
        QVERIFY(args.at(1).toByteArray().contains("\"results\":["));
    }
    QCOMPARE(numbers, (QSet<int>{1, 2, 3}));
}

void TestActivityFetcher::endlessHasMoreEndsInAnError() {
    CannedServer server;
    // Every page has new rows and says one more follows, for ever.
    server.on(kPaged, CannedServer::Responder([](const HttpRequest &r) {
                  const int p = r.queryValue(QStringLiteral("page")).toInt();
                  return CannedServer::Answer{
                      200, page({row("2025-02-03", p, 1, QString::number(p))}, p, p + 1, true), 0, false};
              }));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    fetcher.setMaxPages(20);
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QVERIFY(failed.wait(15000));
    QCOMPARE(finished.size(), 0);
    const auto error = failed.first().first().value<ApiError>();
    QVERIFY2(error.message.contains(u"more than 20 pages"), qPrintable(error.message));
    QVERIFY(!fetcher.isRunning());
    QVERIFY(server.requestsTo(kPaged) <= 20 + ActivityFetcher::kMaxInFlight);
}

void TestActivityFetcher::emptyPagesThatPromiseMoreEndInAnError() {
    CannedServer server;
    server.on(kPaged, CannedServer::Responder([](const HttpRequest &r) {
                  const int p = r.queryValue(QStringLiteral("page")).toInt();
                  const QJsonArray rows =
                      p <= 2 ? QJsonArray{row("2025-02-03", p, 1, QString::number(p))} : QJsonArray{};
                  return CannedServer::Answer{200, page(rows, p, p + 1, true), 0, false};
              }));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    fetcher.start(februaryFirstWeek());
    QVERIFY(failed.wait(15000));
    const auto error = failed.first().first().value<ApiError>();
    QVERIFY2(error.message.contains(u"page 3 was empty"), qPrintable(error.message));
}

void TestActivityFetcher::repeatedPagesEndInAnError() {
    // A proxy that ignores `page` sends page 1 again and again: counting it twice would double the spend.
    CannedServer server;
    server.on(kPaged, 200, page({row("2025-02-03", 1.0, 1)}, 1, 3, true));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QVERIFY(failed.wait(15000));
    QCOMPARE(finished.size(), 0);
    const auto error = failed.first().first().value<ApiError>();
    QVERIFY2(error.message.contains(u"are the same"), qPrintable(error.message));
}

void TestActivityFetcher::cancelStopsTheFetch() {
    CannedServer server;
    CannedServer::Answer hang;
    hang.hang = true;
    server.on(kAggregated, hang);
    auto client = clientFor(server, 30000);
    ActivityFetcher fetcher(client.get());
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QTRY_COMPARE(server.received().size(), 1);
    fetcher.cancel();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<ApiError>().kind, ApiError::Kind::Canceled);
    QVERIFY(!fetcher.isRunning());
    QTRY_COMPARE(client->inFlight(), 0);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(finished.size(), 0);
    // unknown until a probe finishes
    QVERIFY(!api::clientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User)));
}

void TestActivityFetcher::anHttpErrorFailsTheFetch() {
    CannedServer server;
    server.on(kAggregated, 400, R"({"detail":{"error":"Please provide start_date and end_date"}})");
    auto client = clientFor(server);
    ActivityFetcher fetcher(client.get());
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    fetcher.start({});
    QVERIFY(failed.wait(5000));
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(error.message, QStringLiteral("Please provide start_date and end_date"));
}

// Some proxies send a total_pages that is too low (or none): has_more alone must keep the paging going.
void TestActivityFetcher::hasMoreIsFollowedWhateverTotalPagesSays_data() {
    QTest::addColumn<QString>("totalPages"); // the metadata's total_pages as JSON text; empty: absent
    QTest::newRow("total_pages 1") << QStringLiteral("1");
    QTest::newRow("total_pages missing") << QString();
    QTest::newRow("total_pages null") << QStringLiteral("null");
}

void TestActivityFetcher::hasMoreIsFollowedWhateverTotalPagesSays() {
    QFETCH(QString, totalPages);
    const int pages = 5;
    CannedServer server;
    server.on(kPaged, CannedServer::Responder([&](const HttpRequest &r) {
                  const int p = r.queryValue(QStringLiteral("page")).toInt();
                  QJsonObject meta{{"page", p}, {"has_more", p < pages}};
                  if (!totalPages.isEmpty())
                      meta.insert("total_pages", QJsonDocument::fromJson("[" + totalPages.toUtf8() + "]")[0]);
                  const QJsonArray rows{row("2025-02-03", 1.0, 1, QStringLiteral("m%1").arg(p))};
                  return CannedServer::Answer{
                      200, QJsonDocument(QJsonObject{{"results", rows}, {"metadata", meta}}).toJson(), 0,
                      false};
              }));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QVERIFY(finished.wait(10000));
    QCOMPARE(server.requestsTo(kPaged), pages);
    QCOMPARE(fetcher.report().totals().spend, 5.0);
    QCOMPARE(fetcher.report().table(UsageReport::Dimension::Model).size(), pages);
}

// A proxy without the route (FastAPI's 404, or 405) is paged instead and remembered for the connection;
// one refusing this query's parameters (422) is paged for this fetch only; LiteLLM's own not-found and any
// other error fail the fetch.
void TestActivityFetcher::aggregatedRefusedFallsBackToPaging_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("pages");
    QTest::addColumn<bool>("remembered");
    QTest::newRow("404, no route") << 404 << QByteArray(R"({"detail":"Not Found"})") << true << true;
    QTest::newRow("405") << 405 << QByteArray(R"({"detail":"Method Not Allowed"})") << true << true;
    QTest::newRow("422") << 422
                         << QByteArray(R"({"detail":[{"loc":["query","api_key_limit"],"msg":"too large"}]})")
                         << true << false;
    QTest::newRow("404 from LiteLLM")
        << 404
        << QByteArray(
               R"({"error":{"message":"Team not found, passed team id: t9","type":"not_found_error","code":"404"}})")
        << false << false;
    QTest::newRow("500") << 500 << QByteArray(R"({"detail":"boom"})") << false << false;
    QTest::newRow("403") << 403 << QByteArray(R"({"detail":"Forbidden"})") << false << false;
}

void TestActivityFetcher::aggregatedRefusedFallsBackToPaging() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, pages);
    QFETCH(bool, remembered);
    CannedServer server;
    server.on(kAggregated, status, body);
    server.on(kPaged, pagedActivity(2));
    auto client = clientFor(server);
    ActivityFetcher fetcher(client.get());
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    fetcher.start(februaryFirstWeek());
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, 10000);
    QCOMPARE(finished.size(), pages ? 1 : 0);
    QCOMPARE(server.requestsTo(kPaged), pages ? 2 : 0);
    if (pages)
        QCOMPARE(fetcher.report().totals().spend, 3.0);
    else
        QCOMPARE(failed.first().first().value<ApiError>().httpStatus, status);

    // The next fetch on the connection asks /aggregated again unless the route is known to be missing.
    ActivityFetcher again(client.get());
    QSignalSpy againEnded(&again, &ActivityFetcher::finished);
    QSignalSpy againFailed(&again, &ActivityFetcher::failed);
    again.start(februaryFirstWeek());
    QTRY_VERIFY_WITH_TIMEOUT(againEnded.size() + againFailed.size() == 1, 10000);
    QCOMPARE(server.requestsTo(kAggregated), remembered ? 1 : 2);
}

// Newer proxies' /aggregated keeps the top api_key_limit keys: the fetch asks for the most (1000) and,
// when keys are still cut off and keys are wanted, pages so that every key is there.
void TestActivityFetcher::keysCutOffByAggregatedArePaged_data() {
    QTest::addColumn<int>("totalKeys");
    QTest::addColumn<bool>("wantKeys");
    QTest::addColumn<bool>("paged");
    QTest::newRow("as many keys as the limit") << 1 << true << false;
    QTest::newRow("one key more than the limit") << 2 << true << true;
    QTest::newRow("cut off, but no keys wanted") << 2 << false << false;
}

void TestActivityFetcher::keysCutOffByAggregatedArePaged() {
    QFETCH(int, totalKeys);
    QFETCH(bool, wantKeys);
    QFETCH(bool, paged);
    CannedServer server;
    QJsonObject top =
        QJsonDocument::fromJson(page({row("2025-02-03", 3.0, 1, "gpt-4o", "hash-big")}, 1, 1, false))
            .object();
    QJsonObject meta = top.value("metadata").toObject();
    meta.insert("api_key_limit", 1);
    meta.insert("total_api_keys", totalKeys);
    top.insert("metadata", meta);
    server.on(kAggregated, 200, QJsonDocument(top).toJson());
    server.on(kPaged, 200,
              page({row("2025-02-03", 3.0, 1, "gpt-4o", "hash-big"),
                    row("2025-02-03", 1.0, 1, "gpt-4o", "hash-small")},
                   1, 1, false));
    auto client = clientFor(server);
    ActivityFetcher fetcher(client.get());
    if (!wantKeys)
        fetcher.setParts(UsageAggregator::Part::Days | UsageAggregator::Part::Models);
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    fetcher.start(februaryFirstWeek());
    QVERIFY(finished.wait(10000));
    QCOMPARE(server.requestsTo(kAggregated), 1);
    QCOMPARE(server.received().first().queryValue(QStringLiteral("api_key_limit")), QStringLiteral("1000"));
    QCOMPARE(server.requestsTo(kPaged), paged ? 1 : 0);
    QCOMPARE(fetcher.usedAggregated(), !paged);
    if (wantKeys)
        QCOMPARE(fetcher.report().table(UsageReport::Dimension::Key).size(), paged ? 2 : 1);
    QCOMPARE(fetcher.report().keyTruncation().has_value(), !paged && totalKeys > 1);
    QCOMPARE(fetcher.report().totals().spend, paged ? 4.0 : 3.0);
}

void TestActivityFetcher::aDecodeErrorNamesThePage() {
    CannedServer server;
    server.on(kPaged, CannedServer::Responder([](const HttpRequest &r) {
                  const int p = r.queryValue(QStringLiteral("page")).toInt();
                  QByteArray body =
                      page({row("2025-02-03", 1.0, 1, QStringLiteral("m%1").arg(p), "hash-a", "caf@")}, p, 2,
                           p < 2);
                  if (p == 2)
                      body.replace("caf@", "caf\xe9");
                  return CannedServer::Answer{200, body, 0, false};
              }));
    auto client = clientFor(server);
    api::setClientFeature(*client, ActivityFetcher::aggregatedFeature(ActivityQuery::Scope::User), false);
    ActivityFetcher fetcher(client.get());
    QSignalSpy failed(&fetcher, &ActivityFetcher::failed);
    fetcher.start(februaryFirstWeek());
    QVERIFY(failed.wait(10000));
    const auto error = failed.first().first().value<ApiError>();
    QVERIFY2(error.message.contains(u"page 2"), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"not UTF-8 (byte 0xe9)"), qPrintable(error.message));
    QVERIFY(!fetcher.isRunning());
}

// A public model name with two deployments: each deployment is what the proxy's filter matches.
void TestActivityFetcher::deploymentsAreFetchedInTurnAndSummed_data() {
    QTest::addColumn<bool>("aggregated");
    QTest::newRow("aggregated") << true;
    QTest::newRow("paged") << false;
}

void TestActivityFetcher::deploymentsAreFetchedInTurnAndSummed() {
    QFETCH(bool, aggregated);
    CannedServer server;
    const auto answer = [](const HttpRequest &r) {
        const QString model = r.queryValue(QStringLiteral("model"));
        const double spend = model == u"gpt-4o-2024-08-06" ? 2.0 : model == u"gpt-4o-eu" ? 0.5 : 100.0;
        return CannedServer::Answer{200, page({row("2025-02-03", spend, 1, model)}, 1, 1, false), 0, false};
    };
    server.on(aggregated ? kAggregated : kPaged, CannedServer::Responder(answer));
    auto client = clientFor(server);
    ActivityFetcher fetcher(client.get());
    QSignalSpy finished(&fetcher, &ActivityFetcher::finished);
    ActivityQuery q = februaryFirstWeek();
    q.model = QStringLiteral("gpt-4o");
    q.deployments = QStringList{QStringLiteral("gpt-4o-2024-08-06"), QStringLiteral("gpt-4o-eu")};
    fetcher.start(q);
    QVERIFY(finished.wait(10000));
    QStringList asked;
    for (const HttpRequest &r : server.received())
        if (r.path == (aggregated ? kAggregated : kPaged))
            asked << r.queryValue(QStringLiteral("model"));
    QCOMPARE(asked, q.deployments);
    QCOMPARE(fetcher.report().totals().spend, 2.5);
    QCOMPARE(fetcher.report().table(UsageReport::Dimension::Model).size(), 2);
}

QTEST_GUILESS_MAIN(TestActivityFetcher)
#include "tst_ActivityFetcher.moc"
