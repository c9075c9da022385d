#include "CallResult.h"
#include "core/api/ErrorReason.h"
#include "core/api/KeyApi.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace api;

namespace {

const QString kHash1 = QStringLiteral("5e1c0c0d9f8b7a6e5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6a7");
const QString kHash2 = QStringLiteral("aa1c0c0d9f8b7a6e5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6bb");

QJsonObject bodyOf(const HttpRequest &r) {
    return QJsonDocument::fromJson(r.body).object();
}

// One full key row with LiteLLM's quirks: numbers as strings, nulls, Python microseconds.
QByteArray fullRow() {
    return R"({"token":")" + kHash1.toUtf8() + R"(","key_name":"sk-...x9fQ","key_alias":"ci-bot",
        "spend":"0.42","max_budget":10.0,"soft_budget":null,"budget_duration":"30d",
        "budget_reset_at":"2025-03-01T00:00:00+00:00","expires":null,"models":[],"user_id":"u1",
        "team_id":"t1","team_alias":"Team 1","org_id":"o1","tpm_limit":"1000","rpm_limit":null,
        "max_parallel_requests":4,"metadata":{"tags":["ci"]},"blocked":null,
        "created_at":"2025-02-01T12:00:00.123456Z","updated_at":"2025-02-02 12:00:00",
        "created_by":"admin","last_active":"2025-02-03T08:00:00Z","key_type":"llm_api","total_spend":12.5,
        "unknown_future_field":{"x":1}})";
}

} // namespace

class TestKeyApi : public QObject {
    Q_OBJECT
private slots:
    void buildsTheKeyListQuery_data();
    void buildsTheKeyListQuery();
    void readsAFullKeyPage();
    void readsAHashOnlyKeyPage();
    void rejectsWrongShapes_data();
    void rejectsWrongShapes();
    void readsKeyInfoByRawKeyOrHash_data();
    void readsKeyInfoByRawKeyOrHash();
    void generatesFromARequest();
    void generatesFromAJsonBodyWithoutEmptyAlias();
    void aGenerateReplyWithoutKeyIsAnError();
    void updatesAKey();
    void readsAnUpdateReplyAsChangesOnly();
    void deletesByKeyOrAlias();
    void blocksAndUnblocks();
    void regeneratesWithAGracePeriod();
    void regenerateWithoutLicenceSaysEnterprise();
    void passesHttpErrorsThrough();
};

void TestKeyApi::buildsTheKeyListQuery_data() {
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("alias");
    QTest::addColumn<bool>("substring");
    QTest::addColumn<int>("expiry");
    QTest::addColumn<QString>("sortBy");
    QTest::addColumn<QString>("expected"); // extra items after page/size/return_full_object, in order
    QTest::newRow("defaults") << 50 << "" << false << 0 << ""
                              << "";
    QTest::newRow("size above 100 is capped") << 1000 << "" << false << 0 << ""
                                              << "";
    QTest::newRow("exact alias") << 10 << "ci-bot" << false << 0 << ""
                                 << "key_alias=ci-bot";
    QTest::newRow("alias substring") << 10 << "ci" << true << 0 << ""
                                     << "key_alias=ci&substring_matching=true";
    QTest::newRow("expired only") << 10 << "" << false << 1 << ""
                                  << "expires=expired";
    QTest::newRow("active only") << 10 << "" << false << 2 << ""
                                 << "expires=active";
    QTest::newRow("sort by spend") << 10 << "" << false << 0 << "spend"
                                   << "sort_by=spend&sort_order=desc";
}

void TestKeyApi::buildsTheKeyListQuery() {
    QFETCH(int, size);
    QFETCH(QString, alias);
    QFETCH(bool, substring);
    QFETCH(int, expiry);
    QFETCH(QString, sortBy);
    QFETCH(QString, expected);
    KeyListQuery query;
    query.page = 3;
    query.size = size;
    query.keyAlias = alias;
    query.aliasSubstring = substring;
    query.expires = KeyListQuery::Expiry(expiry);
    query.sortBy = sortBy;
    const QUrlQuery q = query.toQuery();
    QCOMPARE(q.queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
    QCOMPARE(q.queryItemValue(QStringLiteral("size")).toInt(), std::min(size, 100));
    QCOMPARE(q.queryItemValue(QStringLiteral("return_full_object")), QStringLiteral("true"));
    QUrlQuery rest = q;
    for (const auto name : {"page", "size", "return_full_object"})
        rest.removeQueryItem(QString::fromLatin1(name));
    QCOMPARE(rest.toString(), expected);
}

void TestKeyApi::readsAFullKeyPage() {
    CannedServer server;
    server.on(QStringLiteral("/key/list"), 200,
              R"({"keys":[)" + fullRow() + R"(],"total_count":"123","current_page":2,"total_pages":13})");
    auto client = clientFor(server);
    KeyListQuery query;
    query.page = 2;
    query.teamId = QStringLiteral("t1");
    query.userId = QStringLiteral("u1");
    query.deleted = true;
    const auto r =
        waitFor<KeyPage>([&](QObject *ctx, Handler<KeyPage> h) { listKeys(*client, query, ctx, h); });
    QVERIFY(r && r->has_value());
    const KeyPage &page = r->value();
    QCOMPARE(server.last().queryValue(QStringLiteral("team_id")), QStringLiteral("t1"));
    QCOMPARE(server.last().queryValue(QStringLiteral("user_id")), QStringLiteral("u1"));
    QCOMPARE(server.last().queryValue(QStringLiteral("status")), QStringLiteral("deleted"));
    QCOMPARE(server.last().queryValue(QStringLiteral("return_full_object")), QStringLiteral("true"));
    QVERIFY(!page.hashOnly);
    QCOMPARE(page.totalCount.value_or(-1), 123);
    QCOMPARE(page.currentPage, 2);
    QCOMPARE(page.totalPages, 13);
    QCOMPARE(page.keys.size(), 1);
    const KeyRecord &k = page.keys.first();
    QCOMPARE(k.token, kHash1);
    QCOMPARE(k.keyName, QStringLiteral("sk-...x9fQ"));
    QCOMPARE(k.keyAlias, QStringLiteral("ci-bot"));
    QCOMPARE(k.displayName(), QStringLiteral("ci-bot"));
    QCOMPARE(k.spend, 0.42);
    QCOMPARE(k.maxBudget.value_or(-1), 10.0);
    QVERIFY(!k.softBudget);
    QCOMPARE(k.budgetDuration, QStringLiteral("30d"));
    QCOMPARE(k.budgetResetAt, QDateTime(QDate(2025, 3, 1), QTime(0, 0), QTimeZone::utc()));
    QVERIFY(k.neverExpires());
    QVERIFY(!k.isExpired());
    QVERIFY(k.models.isEmpty());
    QCOMPARE(k.userId, QStringLiteral("u1"));
    QCOMPARE(k.teamId, QStringLiteral("t1"));
    QCOMPARE(k.teamAlias, QStringLiteral("Team 1"));
    QCOMPARE(k.orgId, QStringLiteral("o1"));
    QCOMPARE(k.tpmLimit.value_or(-1), 1000);
    QVERIFY(!k.rpmLimit);
    QCOMPARE(k.maxParallelRequests.value_or(-1), 4);
    QCOMPARE(k.metadata.value(u"tags").toArray().first().toString(), QStringLiteral("ci"));
    QVERIFY(!k.blocked);
    QVERIFY(!k.isBlocked());
    QCOMPARE(k.createdAt, QDateTime(QDate(2025, 2, 1), QTime(12, 0, 0, 123), QTimeZone::utc()));
    QCOMPARE(k.updatedAt, QDateTime(QDate(2025, 2, 2), QTime(12, 0), QTimeZone::utc()));
    QCOMPARE(k.createdBy, QStringLiteral("admin"));
    QCOMPARE(k.lastActive, QDateTime(QDate(2025, 2, 3), QTime(8, 0), QTimeZone::utc()));
    QCOMPARE(k.keyType, QStringLiteral("llm_api"));
    QCOMPARE(k.totalSpend.value_or(-1), 12.5);
    QVERIFY(k.raw.contains(u"unknown_future_field"));
}

void TestKeyApi::readsAHashOnlyKeyPage() {
    CannedServer server;
    server.on(QStringLiteral("/key/list"), 200,
              R"({"keys":[")" + kHash1.toUtf8() + R"(",")" + kHash2.toUtf8() +
                  R"("],"total_count":null,"current_page":null,"total_pages":null})");
    auto client = clientFor(server);
    const auto r = waitFor<KeyPage>([&](QObject *ctx, Handler<KeyPage> h) { listKeys(*client, {}, ctx, h); });
    QVERIFY(r && r->has_value());
    const KeyPage &page = r->value();
    QVERIFY(page.hashOnly);
    QVERIFY(!page.totalCount);
    QCOMPARE(page.currentPage, 1);
    QCOMPARE(page.totalPages, 1);
    QCOMPARE(page.keys.size(), 2);
    QCOMPARE(page.keys.at(1).token, kHash2);
    QVERIFY(page.keys.at(1).hashOnly);
    QVERIFY(page.keys.at(1).keyAlias.isEmpty());
    QCOMPARE(page.keys.at(1).displayName(), kHash2.left(12));
}

void TestKeyApi::rejectsWrongShapes_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("keys is a number") << QByteArray(R"({"keys":5})");
    QTest::newRow("keys missing") << QByteArray(R"({"data":[]})");
    QTest::newRow("an entry is a number") << QByteArray(R"({"keys":[1]})");
    QTest::newRow("a list instead of an object") << QByteArray(R"([])");
    QTest::newRow("cut off JSON") << QByteArray(R"({"keys":[{"token":"ab)");
    QTest::newRow("HTML from a gateway") << QByteArray("<html>login</html>");
}

void TestKeyApi::rejectsWrongShapes() {
    QFETCH(QByteArray, body);
    const auto page = decodeKeyPage(body);
    QVERIFY(!page);
    QCOMPARE(page.error().kind, ApiError::Kind::Decode);
}

void TestKeyApi::readsKeyInfoByRawKeyOrHash_data() {
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("token");
    QTest::newRow("by hash") << kHash1 << kHash1;
    // sha256("sk-test") as the proxy would store it
    QTest::newRow("by raw key")
        << "sk-test"
        << QString::fromLatin1(QCryptographicHash::hash("sk-test", QCryptographicHash::Sha256).toHex());
}

void TestKeyApi::readsKeyInfoByRawKeyOrHash() {
    QFETCH(QString, asked);
    QFETCH(QString, token);
    CannedServer server;
    server.on(QStringLiteral("/key/info"), 200,
              R"({"key":")" + asked.toUtf8() +
                  R"(","info":{"key_name":"sk-...x9fQ","key_alias":"ci-bot","spend":0.42,
                 "max_budget":10.0,"expires":"2025-03-01T12:00:00Z","user_id":"u1","team_id":null,"models":["gpt-4o"],
                 "blocked":true,"litellm_budget_table":null}})");
    auto client = clientFor(server);
    const auto r =
        waitFor<KeyRecord>([&](QObject *ctx, Handler<KeyRecord> h) { keyInfo(*client, asked, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(server.last().queryValue(QStringLiteral("key")), asked);
    const KeyRecord &k = r->value();
    QCOMPARE(k.token, token);
    QCOMPARE(k.keyAlias, QStringLiteral("ci-bot"));
    QCOMPARE(k.expires, QDateTime(QDate(2025, 3, 1), QTime(12, 0), QTimeZone::utc()));
    QVERIFY(k.isExpired(QDateTime(QDate(2025, 3, 2), QTime(0, 0), QTimeZone::utc())));
    QVERIFY(!k.isExpired(QDateTime(QDate(2025, 2, 2), QTime(0, 0), QTimeZone::utc())));
    QCOMPARE(k.models, QStringList{QStringLiteral("gpt-4o")});
    QVERIFY(k.isBlocked());
    QVERIFY(k.teamId.isEmpty());
    QVERIFY(!QJsonDocument(k.raw).toJson().contains("sk-test"));
}

void TestKeyApi::generatesFromARequest() {
    CannedServer server;
    server.on(QStringLiteral("/key/generate"), 200,
              R"({"key":"sk-2bXnew","key_name":"sk-...xnew","token_id":")" + kHash1.toUtf8() +
                  R"(","token":")" + kHash1.toUtf8() +
                  R"(","key_alias":"ci-bot","expires":"2025-03-01T12:00:00Z","models":["gpt-4o"],
                  "spend":0.0,"max_budget":"10","budget_duration":"30d","user_id":"u1","team_id":null,"metadata":{},
                  "created_at":"2025-02-01T12:00:00Z"})");
    auto client = clientFor(server);
    KeyGenerateRequest request;
    request.keyAlias = QStringLiteral("ci-bot");
    request.duration = QStringLiteral("30d");
    request.models = {QStringLiteral("gpt-4o")};
    request.maxBudget = 10;
    request.budgetDuration = QStringLiteral("30d");
    request.userId = QStringLiteral("u1");
    request.rpmLimit = 60;
    request.extra.insert(QStringLiteral("tags"), QJsonArray{QStringLiteral("ci")});
    const auto r = waitFor<GeneratedKey>(
        [&](QObject *ctx, Handler<GeneratedKey> h) { generateKey(*client, request, ctx, h); });
    QVERIFY(r && r->has_value());
    const QJsonObject sent = bodyOf(server.last());
    QCOMPARE(sent, QJsonObject({{"key_alias", "ci-bot"},
                                {"duration", "30d"},
                                {"models", QJsonArray{"gpt-4o"}},
                                {"max_budget", 10.0},
                                {"budget_duration", "30d"},
                                {"user_id", "u1"},
                                {"rpm_limit", 60},
                                {"tags", QJsonArray{"ci"}}}));
    const GeneratedKey &g = r->value();
    QCOMPARE(g.key, QStringLiteral("sk-2bXnew"));
    QCOMPARE(g.token, kHash1);
    QCOMPARE(g.keyName, QStringLiteral("sk-...xnew"));
    QCOMPARE(g.expires, QDateTime(QDate(2025, 3, 1), QTime(12, 0), QTimeZone::utc()));
    QCOMPARE(g.record.token, kHash1);
    QCOMPARE(g.record.keyAlias, QStringLiteral("ci-bot"));
    QCOMPARE(g.record.maxBudget.value_or(-1), 10.0);
    QCOMPARE(g.record.models, QStringList{QStringLiteral("gpt-4o")});
    QCOMPARE(g.raw.value(u"key").toString(), QStringLiteral("sk-2bXnew"));
    QVERIFY(!g.record.raw.contains(u"key")); // the raw key stays out of the record
}

void TestKeyApi::generatesFromAJsonBodyWithoutEmptyAlias() {
    CannedServer server;
    server.on(QStringLiteral("/key/generate"), 200,
              R"({"key":"sk-abc","token":")" + kHash2.toUtf8() + R"("})");
    auto client = clientFor(server);
    const QJsonObject body{{"key_alias", ""}, {"models", QJsonArray{}}};
    const auto r = waitFor<GeneratedKey>(
        [&](QObject *ctx, Handler<GeneratedKey> h) { generateKey(*client, body, ctx, h); });
    QVERIFY(r && r->has_value());
    const QJsonObject sent = bodyOf(server.last());
    QVERIFY(sent.contains(u"key_alias"));
    QVERIFY(sent.value(u"key_alias").isNull());
    QCOMPARE(r->value().token, kHash2);
    QVERIFY(r->value().expires.isValid() == false);

    KeyGenerateRequest empty;
    empty.keyAlias = QStringLiteral("  ");
    QVERIFY(!empty.toJson().contains(u"key_alias"));
    QVERIFY(empty.toJson().isEmpty());
}

void TestKeyApi::aGenerateReplyWithoutKeyIsAnError() {
    const auto r = decodeGeneratedKey(R"({"key_name":"sk-...abcd","token":")" + kHash1.toUtf8() + R"("})");
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Decode);
    const auto cut = decodeGeneratedKey(R"({"key":"sk-secret-raw-key","tok)");
    QVERIFY(!cut);
    QVERIFY(!cut.error().detail.contains(u"sk-secret-raw-key"));
    QVERIFY(!cut.error().message.contains(u"sk-secret-raw-key"));
}

void TestKeyApi::updatesAKey() {
    CannedServer server;
    server.on(QStringLiteral("/key/update"), 200,
              R"({"key":")" + kHash1.toUtf8() + R"(","token":")" + kHash1.toUtf8() +
                  R"(","key_alias":"renamed","max_budget":25.5,"models":["a","b"]})");
    auto client = clientFor(server);
    const QJsonObject fields{{"key_alias", "renamed"}, {"max_budget", 25.5}};
    const auto r = waitFor<QJsonObject>(
        [&](QObject *ctx, Handler<QJsonObject> h) { updateKey(*client, kHash1, fields, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(bodyOf(server.last()),
             QJsonObject({{"key", kHash1}, {"key_alias", "renamed"}, {"max_budget", 25.5}}));
    QCOMPARE(r->value().value(u"key_alias").toString(), QStringLiteral("renamed"));
    QCOMPARE(r->value().value(u"max_budget").toDouble(), 25.5);
    QVERIFY(!decodeKeyRow(R"({"detail":"x"})"));
    QVERIFY(!decodeKeyUpdate(R"({"detail":"x"})"));
}

void TestKeyApi::readsAnUpdateReplyAsChangesOnly() {
    // LiteLLM's update_data echoes the key as sent and only what changed, metadata as JSON text.
    const QByteArray reply = R"({"key":"sk-raw-secret-key","token":")" + kHash1.toUtf8() +
                             R"(","metadata":"{\"owner\": \"ops\", \"role\": \"ci\"}","max_budget":30.0})";
    const auto changes = decodeKeyUpdate(reply);
    QVERIFY(changes);
    QVERIFY(!changes->contains(u"key")); // the raw key is not kept
    QCOMPARE(changes->value(u"metadata").toObject().value(u"owner").toString(), QStringLiteral("ops"));

    // Laid over the row it belongs to, nothing the reply lacks is lost.
    KeyRecord row = keyRecordFromJson(QJsonDocument::fromJson(R"({"token":")" + kHash1.toUtf8() + R"(",
        "key_alias":"ci-bot","spend":4.5,"max_budget":10,"expires":"2030-01-01T00:00:00Z","team_id":"t1",
        "user_id":"u1","tpm_limit":1000,"rpm_limit":60,"models":["gpt-4o"],"metadata":{"owner":"dev"}})")
                                          .object());
    const KeyRecord merged = mergeKeyUpdate(row, *changes);
    QCOMPARE(merged.token, kHash1);
    QCOMPARE(merged.keyAlias, QStringLiteral("ci-bot"));
    QCOMPARE(merged.spend, 4.5);
    QCOMPARE(merged.maxBudget.value_or(0), 30.0);
    QCOMPARE(merged.expires, QDateTime(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(merged.teamId, QStringLiteral("t1"));
    QCOMPARE(merged.userId, QStringLiteral("u1"));
    QCOMPARE(merged.tpmLimit.value_or(0), 1000);
    QCOMPARE(merged.rpmLimit.value_or(0), 60);
    QCOMPARE(merged.models, QStringList{QStringLiteral("gpt-4o")});
    QCOMPARE(merged.metadata.value(u"owner").toString(), QStringLiteral("ops"));
    QCOMPARE(merged.metadata.value(u"role").toString(), QStringLiteral("ci"));

    // Metadata text that is not an object is never laid over the known metadata.
    const auto garbled = decodeKeyUpdate(R"({"token":")" + kHash1.toUtf8() + R"(","metadata":"{not json"})");
    QVERIFY(garbled);
    QCOMPARE(mergeKeyUpdate(row, *garbled).metadata.value(u"owner").toString(), QStringLiteral("dev"));
}

void TestKeyApi::deletesByKeyOrAlias() {
    CannedServer server;
    server.on(QStringLiteral("/key/delete"), 200, R"({"deleted_keys":["sk-one","abc"]})");
    auto client = clientFor(server);
    const QStringList keys{QStringLiteral("sk-one"), QStringLiteral("abc")};
    auto r = waitFor<QStringList>(
        [&](QObject *ctx, Handler<QStringList> h) { deleteKeys(*client, keys, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(r->value(), keys);
    QCOMPARE(bodyOf(server.last()), QJsonObject({{"keys", QJsonArray{"sk-one", "abc"}}}));

    server.on(QStringLiteral("/key/delete"), 200, R"({"deleted_keys":["ci-bot"]})");
    r = waitFor<QStringList>([&](QObject *ctx, Handler<QStringList> h) {
        deleteKeysByAlias(*client, {QStringLiteral("ci-bot")}, ctx, h);
    });
    QVERIFY(r && r->has_value());
    QCOMPARE(r->value(), QStringList{QStringLiteral("ci-bot")});
    QCOMPARE(bodyOf(server.last()), QJsonObject({{"key_aliases", QJsonArray{"ci-bot"}}}));
    QVERIFY(!decodeDeletedKeys(R"({"deleted":1})"));
}

void TestKeyApi::blocksAndUnblocks() {
    CannedServer server;
    server.on(QStringLiteral("/key/block"), 200, R"({"token":")" + kHash1.toUtf8() + R"(","blocked":true})");
    server.on(QStringLiteral("/key/unblock"), 200,
              R"({"token":")" + kHash1.toUtf8() + R"(","blocked":false})");
    auto client = clientFor(server);
    auto r =
        waitFor<KeyRecord>([&](QObject *ctx, Handler<KeyRecord> h) { blockKey(*client, kHash1, ctx, h); });
    QVERIFY(r && r->has_value());
    QVERIFY(r->value().isBlocked());
    QCOMPARE(server.last().path, QStringLiteral("/key/block"));
    QCOMPARE(bodyOf(server.last()), QJsonObject({{"key", kHash1}}));
    r = waitFor<KeyRecord>([&](QObject *ctx, Handler<KeyRecord> h) { unblockKey(*client, kHash1, ctx, h); });
    QVERIFY(r && r->has_value());
    QVERIFY(!r->value().isBlocked());
    QCOMPARE(r->value().blocked, std::optional<bool>(false));
    QCOMPARE(server.last().path, QStringLiteral("/key/unblock"));
}

void TestKeyApi::regeneratesWithAGracePeriod() {
    CannedServer server;
    server.on(QStringLiteral("/key/regenerate"), 200,
              R"({"key":"sk-rotated","key_name":"sk-...ated","token_id":")" + kHash2.toUtf8() +
                  R"(","key_alias":"ci-bot","max_budget":5})");
    auto client = clientFor(server);
    KeyRegenerateRequest request;
    request.key = kHash1;
    request.gracePeriod = QStringLiteral("24h");
    request.fields.insert(QStringLiteral("max_budget"), 5);
    const auto r = waitFor<GeneratedKey>(
        [&](QObject *ctx, Handler<GeneratedKey> h) { regenerateKey(*client, request, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(bodyOf(server.last()),
             QJsonObject({{"key", kHash1}, {"grace_period", "24h"}, {"max_budget", 5}}));
    QCOMPARE(r->value().key, QStringLiteral("sk-rotated"));
    QCOMPARE(r->value().token, kHash2); // the key id changes
    QCOMPARE(r->value().record.maxBudget.value_or(0), 5.0);
}

void TestKeyApi::regenerateWithoutLicenceSaysEnterprise() {
    CannedServer server;
    server.on(
        QStringLiteral("/key/regenerate"), 400,
        R"({"error":{"message":"Regenerating Virtual Keys is an Enterprise feature, https://www.litellm.ai/enterprise","type":"bad_request_error","param":"None","code":"400"}})");
    auto client = clientFor(server);
    const auto r = waitFor<GeneratedKey>([&](QObject *ctx, Handler<GeneratedKey> h) {
        regenerateKey(*client, {kHash1, {}, {}, {}}, ctx, h);
    });
    QVERIFY(r && !r->has_value());
    QVERIFY(r->error().needsEnterprise());
    QVERIFY(r->error().hint.contains(u"Enterprise"));
}

void TestKeyApi::passesHttpErrorsThrough() {
    CannedServer server;
    server.on(
        QStringLiteral("/key/info"), 404,
        R"({"error":{"message":"{'error': 'Key not found'}","type":"not_found_error","param":"None","code":"404"}})");
    auto client = clientFor(server);
    const auto r =
        waitFor<KeyRecord>([&](QObject *ctx, Handler<KeyRecord> h) { keyInfo(*client, kHash1, ctx, h); });
    QVERIFY(r && !r->has_value());
    QVERIFY(isGone(r->error()));
    QCOMPARE(r->error().message, QStringLiteral("Key not found"));
}

QTEST_GUILESS_MAIN(TestKeyApi)
#include "tst_KeyApi.moc"
