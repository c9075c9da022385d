#include "CallResult.h"
#include "core/api/ModelApi.h"

using namespace api;

class TestModelApi : public QObject {
    Q_OBJECT
private slots:
    void readsThePagedV2Shape();
    void readsTheOldUnpagedV2Shape();
    void readsASingleObjectFromModelInfo();
    void rejectsAListWithoutData();
};

void TestModelApi::readsThePagedV2Shape() {
    CannedServer server;
    server.on(QStringLiteral("/v2/model/info"), 200,
              R"({"data":[{"model_name":"gpt-4o","litellm_params":{"model":"openai/gpt-4o"},
        "model_info":{"id":"m1","input_cost_per_token":"0.0000025","max_input_tokens":null,"max_tokens":128000}}],
        "total_count":"51","current_page":2,"total_pages":2,"size":50})");
    auto client = clientFor(server);
    ModelQuery query;
    query.page = 2;
    query.search = "gpt";
    const auto r =
        waitFor<ModelPage>([&](QObject *ctx, Handler<ModelPage> h) { modelInfoV2(*client, query, ctx, h); });
    QVERIFY(r && r->has_value());
    QCOMPARE(server.last().queryValue("page"), QStringLiteral("2"));
    QCOMPARE(server.last().queryValue("search"), QStringLiteral("gpt"));
    QVERIFY(r->value().paged);
    QCOMPARE(r->value().totalCount, 51);
    QCOMPARE(r->value().totalPages, 2);
    const ModelInfo &m = r->value().models.first();
    QCOMPARE(m.provider, QStringLiteral("openai"));
    QCOMPARE(m.inputCostPerMillion().value_or(0), 2.5);
    QCOMPARE(m.maxInputTokens.value_or(0), 128000);
}

void TestModelApi::readsTheOldUnpagedV2Shape() {
    const auto r = decodeModelPage(R"({"data":[{"model_name":"a"},{"model_name":"b"},{"model_name":"c"}]})");
    QVERIFY(r);
    QVERIFY(!r->paged);
    QCOMPARE(r->models.size(), 3);
    QCOMPARE(r->totalCount, 3);
    QCOMPARE(r->totalPages, 1);
}

void TestModelApi::readsASingleObjectFromModelInfo() {
    const auto r = decodeModelPage(R"({"data":{"model_name":"gpt-4o","model_info":{"id":"m1"}}})");
    QVERIFY(r);
    QCOMPARE(r->models.size(), 1);
    QCOMPARE(r->models.first().id, QStringLiteral("m1"));
}

void TestModelApi::rejectsAListWithoutData() {
    QVERIFY(!decodeModelPage(R"({"models":[]})"));
    QCOMPARE(decodeModelPage("[]").error().kind, ApiError::Kind::Decode);
    QVERIFY(!decodeModelIds(R"({"data":null})"));
    QCOMPARE(decodeModelIds(R"({"data":[{"id":"a"},{"id":null},{"id":"b"}],"object":"list"})").value(),
             (QStringList{"a", "b"}));
}

QTEST_GUILESS_MAIN(TestModelApi)
#include "tst_ModelApi.moc"
