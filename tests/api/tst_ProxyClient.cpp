#include "CannedServer.h"
#include "core/api/ProxyClient.h"

#include <QElapsedTimer>
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

QTEST_GUILESS_MAIN(TestProxyClient)
#include "tst_ProxyClient.moc"
