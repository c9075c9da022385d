#include "CannedServer.h"
#include "core/api/ErrorReason.h"
#include "core/api/ProxyClient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace {

std::unique_ptr<ProxyClient> clientFor(const QUrl &url, int timeoutMs = 5000,
                                       AuthStyle style = AuthStyle::Bearer) {
    ClientConfig config;
    config.baseUrl = url;
    config.timeoutMs = timeoutMs;
    config.authStyle = style;
    return std::make_unique<ProxyClient>(config, QStringLiteral("sk-master-1234"));
}

// Sends `request` and waits for its one finished() signal; returns a copy of what the reply held.
struct Outcome {
    bool ok = false;
    int status = 0;
    QByteArray body;
    ApiError error;
    int finishedCount = 0;
};

Outcome run(ProxyClient &client, Request request, int waitMs = 10000) {
    auto out = std::make_shared<Outcome>();
    ApiReply *reply = client.send(std::move(request));
    QObject::connect(reply, &ApiReply::finished, reply, [reply, out] {
        ++out->finishedCount;
        out->ok = reply->isOk();
        out->status = reply->httpStatus();
        out->body = reply->body();
        out->error = reply->error();
    });
    (void)QTest::qWaitFor([&] { return out->finishedCount > 0; }, waitMs);
    return *out;
}

} // namespace

class TestProxyClient : public QObject {
    Q_OBJECT
private slots:
    void normalizesBaseUrls_data();
    void normalizesBaseUrls();
    void rejectsWhatIsNotAnHttpUrl_data();
    void rejectsWhatIsNotAnHttpUrl();
    void buildsRequestUrls_data();
    void buildsRequestUrls();
    void encodesPlusSignsInQueryValues();
    void sendsTheKeyInTheChosenHeader_data();
    void sendsTheKeyInTheChosenHeader();
    void sendsNoAuthAfterClearKey();
    void postsJsonBodies();
    void mapsHttpErrorsToApiError();
    void aHangingServerTimesOut();
    void cancelGivesCanceled();
    void cancelOfAQueuedRequestGivesCanceled();
    void keepsAtMostFourInFlight();
    void connectionRefusedIsANetworkErrorWithAHint();
    void retriesABusyReadAndSaysItWaits_data();
    void retriesABusyReadAndSaysItWaits();
    void honoursRetryAfterUpToTheCap_data();
    void honoursRetryAfterUpToTheCap();
    void neverSendsAWriteTwice();
    void aHealthProbesUnavailableIsItsAnswer();
    void cancelWhileWaitingSendsNothingMore();
    void refusesRepliesOverTheRouteLimit_data();
    void refusesRepliesOverTheRouteLimit();
};

void TestProxyClient::normalizesBaseUrls_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain host and port") << "http://localhost:4000"
                                         << "http://localhost:4000";
    QTest::newRow("one trailing slash") << "http://localhost:4000/"
                                        << "http://localhost:4000";
    QTest::newRow("several trailing slashes") << "http://localhost:4000///"
                                              << "http://localhost:4000";
    QTest::newRow("path prefix kept") << "https://gw.example.com/litellm/"
                                      << "https://gw.example.com/litellm";
    QTest::newRow("double slashes inside the prefix") << "https://gw.example.com//team//litellm//"
                                                      << "https://gw.example.com/team/litellm";
    QTest::newRow("no scheme means https") << "litellm.example.com"
                                           << "https://litellm.example.com";
    QTest::newRow("surrounding blanks") << "  http://h:1/  "
                                        << "http://h:1";
    QTest::newRow("upper-case scheme") << "HTTP://h:4000"
                                       << "http://h:4000";
    QTest::newRow("query and fragment dropped") << "http://h:4000/x?y=1#z"
                                                << "http://h:4000/x";
}

void TestProxyClient::normalizesBaseUrls() {
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QString why;
    const QUrl url = normalizeBaseUrl(input, &why);
    QVERIFY2(url.isValid(), qPrintable(why));
    QCOMPARE(url.toString(), expected);
}

void TestProxyClient::rejectsWhatIsNotAnHttpUrl_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << ""
                           << "Enter the proxy's URL";
    QTest::newRow("blank") << "   "
                           << "Enter the proxy's URL";
    QTest::newRow("ftp scheme") << "ftp://h:21"
                                << "http:// or https://";
    QTest::newRow("no host") << "http://"
                             << "not a valid URL";
}

void TestProxyClient::rejectsWhatIsNotAnHttpUrl() {
    QFETCH(QString, input);
    QFETCH(QString, reason);
    QString why;
    QVERIFY(!normalizeBaseUrl(input, &why).isValid());
    QVERIFY2(why.contains(reason), qPrintable(why));
}

void TestProxyClient::buildsRequestUrls_data() {
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root base") << "http://h:4000"
                               << "/key/list"
                               << "http://h:4000/key/list";
    QTest::newRow("path without leading slash") << "http://h:4000"
                                                << "key/list"
                                                << "http://h:4000/key/list";
    QTest::newRow("prefix base") << "https://gw/litellm"
                                 << "/key/info"
                                 << "https://gw/litellm/key/info";
    QTest::newRow("base with trailing slash, not normalized") << "https://gw/litellm/"
                                                              << "/key/info"
                                                              << "https://gw/litellm/key/info";
    QTest::newRow("double leading slash in path") << "http://h:4000"
                                                  << "//health/liveliness"
                                                  << "http://h:4000/health/liveliness";
}

void TestProxyClient::buildsRequestUrls() {
    QFETCH(QString, base);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    ClientConfig config;
    config.baseUrl = QUrl(base);
    ProxyClient client(config, {});
    QCOMPARE(client.urlFor(path).toString(), expected);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("page"), QStringLiteral("2"));
    QCOMPARE(client.urlFor(path, q).toString(), expected + QStringLiteral("?page=2"));
}

void TestProxyClient::encodesPlusSignsInQueryValues() {
    // Python servers read '+' in a query as a space: "c++" must arrive as "c++", not "c  ".
    CannedServer server;
    server.on(QStringLiteral("/key/list"), 200, R"({"keys":[]})");
    auto client = clientFor(server.url());
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("key_alias"), QStringLiteral("c++ & co=1"));
    const QUrl url = client->urlFor(QStringLiteral("/key/list"), q);
    QVERIFY2(url.toString(QUrl::FullyEncoded).contains(u"%2B%2B"),
             qPrintable(url.toString(QUrl::FullyEncoded)));
    const auto out = run(*client, Request::get(QStringLiteral("/key/list"), q));
    QVERIFY(out.ok);
    const QString raw = server.last().query.toString(QUrl::FullyEncoded);
    QVERIFY2(!raw.contains(u'+'), qPrintable(raw));
    QCOMPARE(server.last().queryValue(QStringLiteral("key_alias")), QStringLiteral("c++ & co=1"));
}

void TestProxyClient::sendsTheKeyInTheChosenHeader_data() {
    QTest::addColumn<AuthStyle>("style");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("absent");
    QTest::newRow("Authorization: Bearer")
        << AuthStyle::Bearer << QByteArray("authorization") << QByteArray("Bearer sk-master-1234")
        << QByteArray("x-litellm-api-key");
    QTest::newRow("x-litellm-api-key") << AuthStyle::LiteLlmHeader << QByteArray("x-litellm-api-key")
                                       << QByteArray("sk-master-1234") << QByteArray("authorization");
}

void TestProxyClient::sendsTheKeyInTheChosenHeader() {
    QFETCH(AuthStyle, style);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, absent);
    CannedServer server;
    server.on(QStringLiteral("/health/readiness"), 200, R"({"status":"connected"})");
    auto client = clientFor(server.url(), 5000, style);
    const auto out = run(*client, Request::get(QStringLiteral("/health/readiness")));
    QVERIFY(out.ok);
    QCOMPARE(server.last().header(header), value);
    QVERIFY(!server.last().headers.contains(absent));
    QCOMPARE(server.last().header("accept"), QByteArray("application/json"));
}

void TestProxyClient::sendsNoAuthAfterClearKey() {
    CannedServer server;
    server.on(QStringLiteral("/health/liveliness"), 200, R"("I'm alive!")");
    auto client = clientFor(server.url());
    client->clearKey();
    QVERIFY(run(*client, Request::get(QStringLiteral("/health/liveliness"))).ok);
    QVERIFY(!server.last().headers.contains("authorization"));
    QVERIFY(!server.last().headers.contains("x-litellm-api-key"));
}

void TestProxyClient::postsJsonBodies() {
    CannedServer server;
    server.on(QStringLiteral("/key/block"), 200, R"({"blocked":true})");
    auto client = clientFor(server.url());
    const auto out = run(*client, Request::post(QStringLiteral("/key/block"),
                                                {{QStringLiteral("key"), QStringLiteral("abc")}}));
    QVERIFY(out.ok);
    QCOMPARE(out.body, QByteArray(R"({"blocked":true})"));
    QCOMPARE(server.last().method, QByteArray("POST"));
    QCOMPARE(server.last().header("content-type"), QByteArray("application/json"));
    QCOMPARE(server.last().body, QByteArray(R"({"key":"abc"})"));
}

void TestProxyClient::mapsHttpErrorsToApiError() {
    CannedServer server;
    server.on(
        QStringLiteral("/key/info"), 404,
        R"({"error":{"message":"Key not found in database","type":"not_found_error","param":"None","code":"404"}})");
    auto client = clientFor(server.url());
    const auto out = run(*client, Request::get(QStringLiteral("/key/info")));
    QVERIFY(!out.ok);
    QCOMPARE(out.error.kind, ApiError::Kind::Http);
    QCOMPARE(out.error.httpStatus, 404);
    QCOMPARE(out.error.type, QStringLiteral("not_found_error"));
    QCOMPARE(out.error.message, QStringLiteral("Key not found in database"));
    QVERIFY(!out.error.message.contains(u"sk-master-1234"));
}

void TestProxyClient::aHangingServerTimesOut() {
    CannedServer server;
    CannedServer::Answer hang;
    hang.hang = true;
    server.on(QStringLiteral("/key/list"), hang);
    auto client = clientFor(server.url(), 300);
    QElapsedTimer clock;
    clock.start();
    const auto out = run(*client, Request::get(QStringLiteral("/key/list")));
    QVERIFY(!out.ok);
    QCOMPARE(out.error.kind, ApiError::Kind::Timeout);
    QCOMPARE(out.finishedCount, 1);
    QVERIFY(!out.error.hint.isEmpty());
    QVERIFY2(clock.elapsed() < 5000, "the timeout did not fire in time");
    QVERIFY(out.error.isTransient());
}

void TestProxyClient::cancelGivesCanceled() {
    CannedServer server;
    CannedServer::Answer hang;
    hang.hang = true;
    server.on(QStringLiteral("/key/list"), hang);
    auto client = clientFor(server.url(), 10000);
    ApiReply *reply = client->send(Request::get(QStringLiteral("/key/list")));
    QSignalSpy finished(reply, &ApiReply::finished);
    QPointer<ApiReply> guard(reply);
    ApiError error;
    connect(reply, &ApiReply::finished, this, [&] { error = reply->error(); });
    QTRY_COMPARE(server.received().size(), 1); // on the wire
    reply->cancel();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(error.kind, ApiError::Kind::Canceled);
    QTRY_VERIFY(guard.isNull()); // the client releases it
    QCOMPARE(client->inFlight(), 0);
}

void TestProxyClient::cancelOfAQueuedRequestGivesCanceled() {
    CannedServer server;
    CannedServer::Answer hang;
    hang.hang = true;
    server.on(QStringLiteral("/key/list"), hang);
    auto client = clientFor(server.url(), 10000);
    QList<ApiReply *> replies;
    for (int i = 0; i < 5; ++i)
        replies << client->send(Request::get(QStringLiteral("/key/list")));
    ApiReply *last = replies.last();
    ApiError error;
    int finished = 0;
    connect(last, &ApiReply::finished, this, [&] {
        ++finished;
        error = last->error();
    });
    QTRY_COMPARE(client->inFlight(), 4);
    QCOMPARE(client->queued(), 1);
    last->cancel();
    QTRY_COMPARE(finished, 1);
    QCOMPARE(error.kind, ApiError::Kind::Canceled);
    QCOMPARE(client->queued(), 0);
    client->cancelAll();
    QTRY_COMPARE(client->inFlight(), 0);
}

void TestProxyClient::keepsAtMostFourInFlight() {
    CannedServer server;
    CannedServer::Answer slow;
    slow.body = R"({"ok":true})";
    slow.delayMs = 150;
    server.on(QStringLiteral("/slow"), slow);
    auto client = clientFor(server.url());
    QSignalSpy busy(client.get(), &ProxyClient::busyChanged);
    int done = 0;
    int ok = 0;
    for (int i = 0; i < 14; ++i) { // 4 on the wire, 10 queued
        ApiReply *reply = client->send(Request::get(QStringLiteral("/slow")));
        connect(reply, &ApiReply::finished, this, [&, reply] {
            ++done;
            ok += reply->isOk() ? 1 : 0;
        });
    }
    QTRY_VERIFY(client->inFlight() == 4);
    QCOMPARE(client->queued(), 10);
    QTRY_COMPARE_WITH_TIMEOUT(done, 14, 15000);
    QCOMPARE(ok, 14);
    QCOMPARE(server.received().size(), 14);
    QCOMPARE(server.peakConcurrent(), 4);
    QCOMPARE(client->peakInFlight(), 4);
    QCOMPARE(client->inFlight(), 0);
    QCOMPARE(busy.size(), 2);
    QCOMPARE(busy.first().first().toBool(), true);
    QCOMPARE(busy.last().first().toBool(), false);
}

void TestProxyClient::connectionRefusedIsANetworkErrorWithAHint() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there now
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    auto client = clientFor(url);
    const auto out = run(*client, Request::get(QStringLiteral("/health/liveliness")));
    QVERIFY(!out.ok);
    QCOMPARE(out.error.kind, ApiError::Kind::Network);
    QCOMPARE(out.error.httpStatus, 0);
    QVERIFY2(out.error.message.contains(u"connection refused"), qPrintable(out.error.message));
    QVERIFY(out.error.message.contains(QString::number(port)));
    QVERIFY(!out.error.hint.isEmpty());
    QVERIFY(out.error.isTransient());
}

namespace {

// Answers `busy` times with `status` and `headers`, then 200 {"ok":true}.
CannedServer::Responder busyThenOk(int busy, int status, QByteArray headers) {
    auto count = std::make_shared<int>(0);
    return [=](const HttpRequest &) {
        if ((*count)++ < busy)
            return CannedServer::Answer{status, R"({"error":{"message":"busy","type":"x","code":"503"}})", 0,
                                        false, headers};
        return CannedServer::Answer{200, R"({"ok":true})"};
    };
}

} // namespace

void TestProxyClient::retriesABusyReadAndSaysItWaits_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("busy");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("requests");
    // maxRetries is 2 below: a third busy answer is one too many.
    QTest::newRow("503 once") << 503 << 1 << true << 2;
    QTest::newRow("429 twice: the last retry") << 429 << 2 << true << 3;
    QTest::newRow("503 three times: out of retries") << 503 << 3 << false << 3;
    QTest::newRow("500 is not retried") << 500 << 1 << false << 1;
}

void TestProxyClient::retriesABusyReadAndSaysItWaits() {
    QFETCH(int, status);
    QFETCH(int, busy);
    QFETCH(bool, ok);
    QFETCH(int, requests);
    CannedServer server;
    server.on(u"/key/list"_qs, busyThenOk(busy, status, "Retry-After: 0\r\n"));
    ClientConfig config;
    config.baseUrl = server.url();
    config.maxRetries = 2;
    ProxyClient client(config, u"sk-master-1234"_qs);
    QSignalSpy waits(&client, &ProxyClient::retrying);
    QSignalSpy busySpy(&client, &ProxyClient::busyChanged);
    const Outcome o = run(client, Request::get(u"/key/list"_qs));
    QCOMPARE(o.finishedCount, 1);
    QCOMPARE(o.ok, ok);
    QCOMPARE(server.requestsTo(u"/key/list"_qs), requests);
    QCOMPARE(waits.size(), requests - 1);
    if (!waits.isEmpty())
        QVERIFY2(waits.first().first().toString().contains(u"/key/list again in 0 second(s), try 2 of 3"),
                 qPrintable(waits.first().first().toString()));
    if (!ok && requests > 1)
        QVERIFY2(o.error.hint.contains(u"asked 2 more time(s)"), qPrintable(o.error.hint));
    // Busy once from the first request to the last answer, never idle while waiting to retry.
    QCOMPARE(busySpy.size(), 2);
    QCOMPARE(busySpy.at(0).first().toBool(), true);
    QCOMPARE(busySpy.at(1).first().toBool(), false);
}

void TestProxyClient::honoursRetryAfterUpToTheCap_data() {
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<bool>("retried");
    QTest::addColumn<int>("minWaitMs");
    // The cap is 1 s below.
    QTest::newRow("1 s: at the cap, waited for") << QByteArray("1") << true << 950;
    QTest::newRow("2 s: over the cap, not waited for") << QByteArray("2") << false << 0;
    QTest::newRow("0.9 s, as LiteLLM's older limiter writes it") << QByteArray("0.9") << true << 850;
    QTest::newRow("1.5 s: over the cap") << QByteArray("1.5") << false << 0;
    QTest::newRow("negative: a short pause") << QByteArray("-3") << true << 950;
    QTest::newRow("an HTTP date in GMT a day away")
        << QDateTime::currentDateTimeUtc().addDays(1).toString(u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1()
        << false << 0;
    QTest::newRow("an HTTP date a day away")
        << QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::RFC2822Date).toLatin1() << false << 0;
    QTest::newRow("no Retry-After: a short pause") << QByteArray() << true << 950;
}

void TestProxyClient::honoursRetryAfterUpToTheCap() {
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, retried);
    QFETCH(int, minWaitMs);
    CannedServer server;
    server.on(
        u"/key/list"_qs,
        busyThenOk(1, 503, retryAfter.isEmpty() ? QByteArray() : "Retry-After: " + retryAfter + "\r\n"));
    ClientConfig config;
    config.baseUrl = server.url();
    config.maxRetryWaitMs = 1000;
    ProxyClient client(config, u"sk-master-1234"_qs);
    QElapsedTimer t;
    t.start();
    const Outcome o = run(client, Request::get(u"/key/list"_qs));
    QCOMPARE(o.ok, retried);
    QCOMPARE(server.requestsTo(u"/key/list"_qs), retried ? 2 : 1);
    QVERIFY2(t.elapsed() >= minWaitMs, qPrintable(QString::number(t.elapsed())));
    if (!retried) {
        QCOMPARE(errorReason(o.error), ErrorReason::Unavailable);
        QVERIFY2(o.error.hint.contains(u"The proxy asks to wait"), qPrintable(o.error.hint));
        QVERIFY(t.elapsed() < 900);
    }
}

void TestProxyClient::neverSendsAWriteTwice() {
    CannedServer server;
    server.on(u"/key/generate"_qs, busyThenOk(1, 503, "Retry-After: 0\r\n"));
    auto client = clientFor(server.url());
    QSignalSpy waits(client.get(), &ProxyClient::retrying);
    const Outcome o =
        run(*client, Request::post(u"/key/generate"_qs, QJsonObject{{u"key_alias"_qs, u"a"_qs}}));
    QVERIFY(!o.ok);
    QCOMPARE(o.error.httpStatus, 503);
    QCOMPARE(server.requestsTo(u"/key/generate"_qs), 1);
    QCOMPARE(waits.size(), 0);
}

// A readiness probe's 503 says the database is down: it is the answer, at once, not a reason to wait.
// The same probe answered 429 is still asked again.
void TestProxyClient::aHealthProbesUnavailableIsItsAnswer() {
    CannedServer server;
    server.on(u"/health/readiness"_qs, busyThenOk(1, 503, "Retry-After: 0\r\n"));
    server.on(u"/health/liveliness"_qs, busyThenOk(1, 429, "Retry-After: 0\r\n"));
    auto client = clientFor(server.url());
    const Outcome ready = run(*client, Request::get(u"/health/readiness"_qs));
    QVERIFY(!ready.ok);
    QCOMPARE(server.requestsTo(u"/health/readiness"_qs), 1);
    const Outcome alive = run(*client, Request::get(u"/health/liveliness"_qs));
    QVERIFY(alive.ok);
    QCOMPARE(server.requestsTo(u"/health/liveliness"_qs), 2);
}

void TestProxyClient::cancelWhileWaitingSendsNothingMore() {
    CannedServer server;
    server.on(u"/key/list"_qs, busyThenOk(1, 429, "Retry-After: 1\r\n"));
    auto client = clientFor(server.url());
    QSignalSpy waits(client.get(), &ProxyClient::retrying);
    QSignalSpy busy(client.get(), &ProxyClient::busyChanged);
    ApiReply *reply = client->send(Request::get(u"/key/list"_qs));
    QSignalSpy finished(reply, &ApiReply::finished);
    QVERIFY(waits.wait(5000));
    client->cancelAll();
    QVERIFY(finished.wait(2000));
    QTest::qWait(1300); // past the Retry-After
    QCOMPARE(server.requestsTo(u"/key/list"_qs), 1);
    QCOMPARE(busy.last().first().toBool(), false);
}

void TestProxyClient::refusesRepliesOverTheRouteLimit_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("ok");
    // /key/list is capped at 1000 bytes below, /user/daily/activity keeps its own larger limit.
    QTest::newRow("at the limit") << u"/key/list"_qs << 1000 << true;
    QTest::newRow("one byte over") << u"/key/list"_qs << 1001 << false;
    QTest::newRow("another route with its own limit") << u"/user/daily/activity"_qs << 5000 << true;
}

void TestProxyClient::refusesRepliesOverTheRouteLimit() {
    QFETCH(QString, path);
    QFETCH(int, size);
    QFETCH(bool, ok);
    CannedServer server;
    QByteArray body = R"({"pad":")" + QByteArray(size - 10, 'x') + R"("})";
    QCOMPARE(body.size(), size);
    server.on(path, 200, body);
    ClientConfig config;
    config.baseUrl = server.url();
    config.maxReplyBytes = 1000;
    QCOMPARE(config.replyLimit(u"/user/daily/activity"_qs), ClientConfig::kActivityReplyLimit);
    ProxyClient client(config, u"sk-master-1234"_qs);
    const Outcome o = run(client, Request::get(path));
    QCOMPARE(o.ok, ok);
    if (ok) {
        QCOMPARE(o.body, body);
        return;
    }
    QCOMPARE(o.error.kind, ApiError::Kind::TooLarge);
    QVERIFY(o.body.isEmpty());
    QVERIFY2(o.error.message.contains(path), qPrintable(o.error.message));
    QVERIFY2(o.error.message.contains(QLocale().formattedDataSize(1000)), qPrintable(o.error.message));
    QVERIFY(!o.error.hint.isEmpty());
}

QTEST_GUILESS_MAIN(TestProxyClient)
#include "tst_ProxyClient.moc"
