#include "core/api/ApiError.h"
#include "core/api/ErrorReason.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <QTest>

class TestApiError : public QObject {
    Q_OBJECT
private slots:
    void readsEveryErrorShape_data();
    void readsEveryErrorShape();
    void saysWhenEnterpriseIsNeeded_data();
    void saysWhenEnterpriseIsNeeded();
    void tellsTransientFailuresApart_data();
    void tellsTransientFailuresApart();
    void decodeErrorsSayWhatWasWrong();
    void printsOneLine();
    void tellsARouteMissFromAnItemMiss_data();
    void tellsARouteMissFromAnItemMiss();
    void namesTheRoleThatWasRefused_data();
    void namesTheRoleThatWasRefused();
    void unwrapsPythonReprsWithSeveralKeys_data();
    void unwrapsPythonReprsWithSeveralKeys();
    void showsWhatAnUnhealthyProxyReports();
    void tellsATakenNameFromOtherBadRequests_data();
    void tellsATakenNameFromOtherBadRequests();
};

void TestApiError::readsEveryErrorShape_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("hint"); // a part of the hint

    QTest::newRow("ProxyException envelope, string code, param None")
        << 401
        << QByteArray(
               R"({"error":{"message":"Authentication Error, Invalid proxy server token passed.","type":"auth_error","param":"None","code":"401"}})")
        << "Authentication Error, Invalid proxy server token passed."
        << "auth_error"
        << "master key";
    QTest::newRow("envelope with null param and numeric code")
        << 404
        << QByteArray(
               R"({"error":{"message":"Key not found in database","type":"not_found_error","param":null,"code":404}})")
        << "Key not found in database"
        << "not_found_error"
        << "does not exist";
    QTest::newRow("envelope with a Python-repr message")
        << 404
        << QByteArray(
               R"({"error":{"message":"{'error': 'Key not found'}","type":"not_found_error","param":"None","code":"404"}})")
        << "Key not found"
        << "not_found_error"
        << "does not exist";
    QTest::newRow("Python repr with double quotes inside")
        << 400
        << QByteArray(
               R"({"error":{"message":"{'error': \"Key with alias 'ci' already exists\"}","type":"bad_request_error","param":"None","code":"400"}})")
        << "Key with alias 'ci' already exists"
        << "bad_request_error"
        << "";
    QTest::newRow("envelope whose message is an object")
        << 400
        << QByteArray(
               R"({"error":{"message":{"error":"Team not found, passed team_id=t9"},"type":"None","code":"400"}})")
        << "Team not found, passed team_id=t9"
        << ""
        << "";
    QTest::newRow("FastAPI detail string")
        << 503 << QByteArray(R"x({"detail":"Service Unhealthy (database down)"})x")
        << "Service Unhealthy (database down)"
        << ""
        << "logs";
    QTest::newRow("FastAPI detail object with error")
        << 400 << QByteArray(R"({"detail":{"error":"Please provide start_date and end_date"}})")
        << "Please provide start_date and end_date"
        << ""
        << "";
    QTest::newRow("FastAPI detail object with a Python repr inside")
        << 403
        << QByteArray(R"({"detail":{"error":"{'error': 'Only proxy admin can be used to generate keys'}"}})")
        << "Only proxy admin can be used to generate keys"
        << "auth_error"
        << "not allowed";
    QTest::newRow("422 validation list")
        << 422
        << QByteArray(
               R"({"detail":[{"type":"missing","loc":["body","key"],"msg":"Field required","input":{}}]})")
        << "key: Field required"
        << ""
        << "rejected the request";
    QTest::newRow("422 list with two items and an index")
        << 422
        << QByteArray(
               R"({"detail":[{"loc":["query","page"],"msg":"Input should be greater than 0"},{"loc":["body","keys",0],"msg":"bad"}]})")
        << "page: Input should be greater than 0; keys.0: bad"
        << ""
        << "rejected the request";
    QTest::newRow("error as a bare string")
        << 500 << QByteArray(R"({"error":"DB not connected"})") << "DB not connected"
        << ""
        << "database";
    QTest::newRow("HTML page from a gateway")
        << 502 << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>")
        << "The proxy answered with HTTP status 502."
        << ""
        << "logs";
    QTest::newRow("plain text body") << 500 << QByteArray("Internal Server Error") << "Internal Server Error"
                                     << ""
                                     << "logs";
    QTest::newRow("empty body") << 500 << QByteArray() << "The proxy answered with HTTP status 500."
                                << ""
                                << "logs";
    QTest::newRow("empty JSON object")
        << 429 << QByteArray("{}") << "The proxy answered with HTTP status 429."
        << ""
        << "rate limiting";
    QTest::newRow("403 without a type is an auth error")
        << 403 << QByteArray(R"({"detail":"Only proxy admin can view keys. Your role=internal_user"})")
        << "Only proxy admin can view keys. Your role=internal_user"
        << "auth_error"
        << "not allowed";
}

void TestApiError::readsEveryErrorShape() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    QFETCH(QString, type);
    QFETCH(QString, hint);
    const ApiError e = ApiError::fromHttp(status, body);
    QCOMPARE(e.kind, ApiError::Kind::Http);
    QCOMPARE(e.httpStatus, status);
    QCOMPARE(e.message, message);
    QCOMPARE(e.type, type);
    if (hint.isEmpty())
        QVERIFY2(!e.needsEnterprise(), qPrintable(e.hint));
    else
        QVERIFY2(e.hint.contains(hint), qPrintable(e.hint));
    QCOMPARE(e.detail, QString::fromUtf8(body));
}

void TestApiError::saysWhenEnterpriseIsNeeded_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("enterprise");
    QTest::newRow("regenerate without a licence")
        << 400
        << QByteArray(
               R"({"error":{"message":"Regenerating Virtual Keys is an Enterprise feature, https://www.litellm.ai/enterprise","type":"bad_request_error","param":"None","code":"400"}})")
        << true;
    QTest::newRow("premium user message as detail")
        << 403
        << QByteArray(
               R"({"detail":"You must be a LiteLLM premium user to use tags. You are not a premium user."})")
        << true;
    QTest::newRow("ordinary bad request")
        << 400
        << QByteArray(
               R"({"error":{"message":"Key with alias 'x' already exists","type":"bad_request_error","code":"400"}})")
        << false;
    QTest::newRow("enterprise word in a 500 is not a licence error")
        << 500
        << QByteArray(
               R"({"error":{"message":"enterprise hook crashed","type":"internal_server_error","code":"500"}})")
        << false;
}

void TestApiError::saysWhenEnterpriseIsNeeded() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, enterprise);
    const ApiError e = ApiError::fromHttp(status, body);
    QCOMPARE(e.needsEnterprise(), enterprise);
    QCOMPARE(e.hint.contains(u"needs LiteLLM Enterprise"), enterprise);
}

void TestApiError::tellsTransientFailuresApart_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("transient");
    QTest::newRow("network") << int(ApiError::Kind::Network) << 0 << true;
    QTest::newRow("timeout") << int(ApiError::Kind::Timeout) << 0 << true;
    QTest::newRow("canceled") << int(ApiError::Kind::Canceled) << 0 << false;
    QTest::newRow("decode") << int(ApiError::Kind::Decode) << 0 << false;
    QTest::newRow("tls") << int(ApiError::Kind::Tls) << 0 << false;
    QTest::newRow("http 503") << int(ApiError::Kind::Http) << 503 << true;
    QTest::newRow("http 429") << int(ApiError::Kind::Http) << 429 << true;
    QTest::newRow("http 401 is never retried") << int(ApiError::Kind::Http) << 401 << false;
    QTest::newRow("http 500") << int(ApiError::Kind::Http) << 500 << false;
}

void TestApiError::tellsTransientFailuresApart() {
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(bool, transient);
    ApiError e;
    e.kind = ApiError::Kind(kind);
    e.httpStatus = status;
    QCOMPARE(e.isTransient(), transient);
}

void TestApiError::decodeErrorsSayWhatWasWrong() {
    const ApiError e =
        ApiError::decode(QStringLiteral("\"keys\" is not a list"), QStringLiteral("{\"keys\":1}"));
    QCOMPARE(e.kind, ApiError::Kind::Decode);
    QCOMPARE(e.httpStatus, 0);
    QVERIFY(e.message.contains(u"\"keys\" is not a list"));
    QVERIFY(!e.hint.isEmpty());
    QCOMPARE(e.detail, QStringLiteral("{\"keys\":1}"));
    QCOMPARE(kindName(e.kind), QStringLiteral("decode"));
}

void TestApiError::printsOneLine() {
    const ApiError e = ApiError::fromHttp(
        401, R"({"error":{"message":"No api key passed in.","type":"auth_error","code":"401"}})");
    QCOMPARE(e.toString(),
             QStringLiteral("HTTP 401: No api key passed in. (Check the master key for this connection.)"));
    QCOMPARE(errorReason(e), ErrorReason::Unauthenticated);
}

void TestApiError::tellsARouteMissFromAnItemMiss_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("reason");

    const int notFound = int(ErrorReason::NotFound);
    const int noRoute = int(ErrorReason::NoRoute);
    // LiteLLM's own answers (newer versions str() the HTTPException detail into the envelope).
    QTest::newRow("/key/delete: no keys found")
        << "/key/delete"
        << QByteArray(
               R"({"error":{"message":"{'error': 'No keys found'}","type":"internal_server_error","param":"None","code":"404"}})")
        << notFound;
    QTest::newRow("/key/info: key not found in database")
        << "/key/info"
        << QByteArray(
               R"({"error":{"message":"Key not found in database","type":"not_found_error","param":"key","code":"404"}})")
        << notFound;
    QTest::newRow("/team/info: team not found")
        << "/team/info"
        << QByteArray(
               R"({"error":{"message":"{'message': 'Team not found, passed team id: t9.'}","type":"auth_error","param":"None","code":"404"}})")
        << notFound;
    QTest::newRow("/user/info: user not found, raw detail object")
        << "/user/info" << QByteArray(R"({"detail":{"error":"User not found, passed user_id=u9"}})")
        << notFound;
    QTest::newRow("/key/update: its not-found talks about a team")
        << "/key/update" << QByteArray(R"({"detail":{"error":"Team not found, passed team_id=None"}})")
        << notFound;
    QTest::newRow("/key/delete of a team key whose team is gone: the key is still there")
        << "/key/delete"
        << QByteArray(
               R"({"error":{"message":"{'error': 'Team not found in db, and user not proxy admin. Team id = t1'}","type":"internal_server_error","param":"None","code":"404"}})")
        << int(ErrorReason::Other);
    // Not LiteLLM's answer about the key: the route is wrong.
    QTest::newRow("FastAPI's unknown path")
        << "/key/delete" << QByteArray(R"({"detail":"Not Found"})") << noRoute;
    QTest::newRow("a gateway's HTML page")
        << "/key/delete" << QByteArray("<html><body><h1>404 Not Found</h1></body></html>") << noRoute;
    QTest::newRow("an empty body") << "/key/info" << QByteArray() << noRoute;
}

void TestApiError::tellsARouteMissFromAnItemMiss() {
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, reason);
    ApiError e = ApiError::fromHttp(404, body);
    describeForRoute(e, path);
    QCOMPARE(int(errorReason(e)), reason);
    QCOMPARE(isGone(e), reason == int(ErrorReason::NotFound));
    if (isNoRoute(e)) {
        QVERIFY2(e.hint.contains(path), qPrintable(e.hint));
        QVERIFY2(e.hint.contains(u"check the proxy URL"), qPrintable(e.hint));
    } else {
        QVERIFY2(!e.hint.contains(u"proxy URL"), qPrintable(e.hint));
    }
}

void TestApiError::namesTheRoleThatWasRefused_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role"); // empty: no role named
    QTest::addColumn<QString>("hint"); // a part of the hint

    QTest::newRow("viewer deleting a key")
        << 403
        << QByteArray(
               R"({"error":{"message":"Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=/key/delete. Your role=proxy_admin_viewer","type":"auth_error","param":"None","code":"403"}})")
        << "/key/delete"
        << "proxy_admin_viewer"
        << "Admin (View Only), may not delete keys";
    QTest::newRow("401 that names the role is a refusal, not a wrong key")
        << 401
        << QByteArray(
               R"({"error":{"message":"user not allowed to access this route, role= internal_user_viewer. Trying to access: /user/new","type":"auth_error","param":"None","code":"401"}})")
        << "/user/new"
        << "internal_user_viewer"
        << "Internal User (View Only), may not create users";
    QTest::newRow("403 without a role still is a refusal")
        << 403 << QByteArray(R"({"detail":{"error":"You are not authorized to delete this key"}})")
        << "/key/delete"
        << ""
        << "not allowed to delete keys";
    QTest::newRow("invalid token is a wrong key")
        << 401
        << QByteArray(
               R"({"error":{"message":"Authentication Error, Invalid proxy server token passed.","type":"auth_error","param":"None","code":"401"}})")
        << "/key/list"
        << ""
        << "Check the master key";
}

void TestApiError::namesTheRoleThatWasRefused() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    QFETCH(QString, role);
    QFETCH(QString, hint);
    ApiError e = ApiError::fromHttp(status, body);
    describeForRoute(e, path);
    QVERIFY(isRefused(e));
    const bool wrongKey = hint.startsWith(u"Check");
    QCOMPARE(errorReason(e), wrongKey ? ErrorReason::Unauthenticated : ErrorReason::Forbidden);
    QCOMPARE(refusedRole(e), role);
    QVERIFY2(e.hint.contains(hint), qPrintable(e.hint));
    if (!wrongKey)
        QVERIFY2(!e.hint.contains(u"master key"), qPrintable(e.hint));
}

void TestApiError::unwrapsPythonReprsWithSeveralKeys_data() {
    QTest::addColumn<QString>("repr");
    QTest::addColumn<QString>("message");
    QTest::newRow("error and code") << "{'error': 'DB not connected', 'code': 500}"
                                    << "DB not connected";
    QTest::newRow("code first") << "{'code': 500, 'message': 'Budget exceeded'}"
                                << "Budget exceeded";
    QTest::newRow("double-quoted value with an apostrophe")
        << R"({'error': "Key with alias 'ci' already exists", 'type': 'bad_request'})"
        << "Key with alias 'ci' already exists";
    QTest::newRow("escaped quote") << R"({'detail': 'it\'s gone', 'status': 404})"
                                   << "it's gone";
    QTest::newRow("not a repr stays as it is") << "{braces} in plain text"
                                               << "{braces} in plain text";
}

void TestApiError::unwrapsPythonReprsWithSeveralKeys() {
    QFETCH(QString, repr);
    QFETCH(QString, message);
    const QJsonObject err{{QStringLiteral("message"), repr}, {QStringLiteral("type"), QStringLiteral("x")}};
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error"), err}}).toJson();
    QCOMPARE(ApiError::fromHttp(500, body).message, message);
}

void TestApiError::showsWhatAnUnhealthyProxyReports() {
    const ApiError e = ApiError::fromHttp(
        503, R"({"status":"unhealthy","db":"disconnected","cache":null,"litellm_version":"1.80.0"})");
    QCOMPARE(e.message, QStringLiteral("The proxy is not ready: its database is disconnected."));
    QCOMPARE(errorReason(e), ErrorReason::Unavailable);
}

// Only LiteLLM's own answer that a name is in use is "taken" (a retry with another suffix may follow);
// other bad requests, or a proxy's plain text that happens to say "already exists", are not.
void TestApiError::tellsATakenNameFromOtherBadRequests_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("taken");
    QTest::newRow("key alias")
        << 400
        << QByteArray(
               R"({"error":{"message":"Key with alias 'ci' already exists. Unique key aliases across all keys are required.","type":"bad_request_error","param":"key_alias","code":"400"}})")
        << true;
    QTest::newRow("in a python repr")
        << 400
        << QByteArray(
               R"({"error":{"message":"{'error': \"Key with alias 'ci' already exists\"}","type":"bad_request_error","code":"400"}})")
        << true;
    QTest::newRow("another bad request")
        << 400
        << QByteArray(R"({"error":{"message":"Invalid duration","type":"bad_request_error","code":"400"}})")
        << false;
    QTest::newRow("plain text") << 400 << QByteArray("Bad request: already exists") << false;
    QTest::newRow("not a 400")
        << 500 << QByteArray(R"({"error":{"message":"Key with alias 'ci' already exists","code":"500"}})")
        << false;
}

void TestApiError::tellsATakenNameFromOtherBadRequests() {
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, taken);
    QCOMPARE(isTaken(ApiError::fromHttp(status, body)), taken);
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_ApiError.moc"
