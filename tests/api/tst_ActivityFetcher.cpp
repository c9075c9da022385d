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

QTEST_GUILESS_MAIN(TestActivityFetcher)
#include "tst_ActivityFetcher.moc"
