#include "core/api/ProxyClient.h"
#include "core/catalog/ModelCatalog.h"
#include "sim/Simulator.h"

#include <QSignalSpy>
#include <QTest>

namespace {

std::unique_ptr<Simulator> startSimulator(SimOptions options) {
    auto sim = std::make_unique<Simulator>(options);
    if (!sim->listen(0))
        qFatal("simulator did not start: %s", qPrintable(sim->errorString()));
    return sim;
}

std::unique_ptr<ProxyClient> clientFor(Simulator &sim) {
    ClientConfig config;
    config.baseUrl = sim.url();
    config.timeoutMs = 10000;
    return std::make_unique<ProxyClient>(config, sim.masterKey());
}

QStringList ids(const QList<ModelInfo> &models) {
    QStringList out;
    for (const auto &m : models)
        out << m.id;
    return out;
}

QStringList ids(const QList<SimModel> &models) {
    QStringList out;
    for (const auto &m : models)
        out << m.id;
    return out;
}

int requestsTo(const Simulator &sim, const QString &path) {
    int n = 0;
    for (const auto &line : sim.requestLog())
        if (line.section(u'?', 0, 0) == path)
            ++n;
    return n;
}

} // namespace

class TestModelCatalog : public QObject {
    Q_OBJECT
private slots:
    void loadsEveryPageInOrder_data();
    void loadsEveryPageInOrder();
    void keepsAtMostFourRequestsInFlight();
    void readsTheOldUnpagedShape();
    void fallsBackToModelInfoWithoutV2();
    void reportsAnHttpError();
    void reloadingAbandonsTheEarlierLoad();
    void publicNamesMapToTheirDeployments();
    void deploymentsMapBackToOnePublicName();
};

void TestModelCatalog::loadsEveryPageInOrder_data() {
    QTest::addColumn<int>("models");
    QTest::addColumn<int>("pages");
    QTest::newRow("one page") << 12 << 1;
    QTest::newRow("exactly one full page") << ModelCatalog::kPageSize << 1;
    QTest::newRow("three pages, last one short") << 2 * ModelCatalog::kPageSize + 30 << 3;
}

void TestModelCatalog::loadsEveryPageInOrder() {
    QFETCH(int, models);
    QFETCH(int, pages);
    SimOptions options;
    options.models = models;
    auto sim = startSimulator(options);
    auto client = clientFor(*sim);
    ModelCatalog catalog(client.get());
    QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
    QSignalSpy failed(&catalog, &ModelCatalog::failed);
    catalog.load();
    QVERIFY(catalog.isLoading());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!catalog.isLoading());
    QCOMPARE(catalog.models().size(), models);
    QCOMPARE(ids(catalog.models()), ids(sim->data().models()));
    QCOMPARE(requestsTo(*sim, QStringLiteral("/v2/model/info")), pages);
}

void TestModelCatalog::keepsAtMostFourRequestsInFlight() {
    SimOptions options;
    options.models = 12 * ModelCatalog::kPageSize;
    auto sim = startSimulator(options);
    sim->addFault(*SimFault::parse(QStringLiteral("/v2/model/info=delay:50")));
    auto client = clientFor(*sim);
    ModelCatalog catalog(client.get());
    QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
    catalog.load();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(catalog.models().size(), options.models);
    QCOMPARE(requestsTo(*sim, QStringLiteral("/v2/model/info")), 12);
    QVERIFY2(sim->peakConcurrent() <= 4, qPrintable(QString::number(sim->peakConcurrent())));
    QVERIFY2(sim->peakConcurrent() > 1, "later pages should be fetched side by side");
}

void TestModelCatalog::readsTheOldUnpagedShape() {
    SimOptions options;
    options.models = 3 * ModelCatalog::kPageSize;
    options.pagedModelInfo = false;
    auto sim = startSimulator(options);
    auto client = clientFor(*sim);
    ModelCatalog catalog(client.get());
    QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
    catalog.load();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(catalog.models().size(), options.models);
    QCOMPARE(requestsTo(*sim, QStringLiteral("/v2/model/info")), 1);
}

void TestModelCatalog::fallsBackToModelInfoWithoutV2() {
    auto sim = startSimulator({});
    sim->addFault(*SimFault::parse(QStringLiteral("/v2/model/info=status:404")));
    auto client = clientFor(*sim);
    ModelCatalog catalog(client.get());
    QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
    QSignalSpy failed(&catalog, &ModelCatalog::failed);
    catalog.load();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(catalog.models().size(), sim->data().models().size());
    QCOMPARE(requestsTo(*sim, QStringLiteral("/model/info")), 1);
}

void TestModelCatalog::reportsAnHttpError() {
    auto sim = startSimulator({});
    sim->addFault(*SimFault::parse(QStringLiteral("/v2/model/info=status:500")));
    auto client = clientFor(*sim);
    ModelCatalog catalog(client.get());
    QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
    QSignalSpy failed(&catalog, &ModelCatalog::failed);
    QSignalSpy loading(&catalog, &ModelCatalog::loadingChanged);
    catalog.load();
    QVERIFY(failed.wait(10000));
    QCOMPARE(loaded.count(), 0);
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.httpStatus, 500);
    QVERIFY2(error.message.contains(u"Simulated failure"), qPrintable(error.message));
    QVERIFY(!catalog.isLoading());
    QCOMPARE(loading.count(), 2); // on, then off

    sim->clearFaults();
    catalog.load();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(catalog.models().size(), sim->data().models().size());
}

void TestModelCatalog::reloadingAbandonsTheEarlierLoad() {
    SimOptions options;
    options.models = 3 * ModelCatalog::kPageSize;
    auto sim = startSimulator(options);
    sim->addFault(*SimFault::parse(QStringLiteral("/v2/model/info=delay:100")));
    auto client = clientFor(*sim);
    ModelCatalog catalog(client.get());
    QSignalSpy loaded(&catalog, &ModelCatalog::loaded);
    QSignalSpy failed(&catalog, &ModelCatalog::failed);
    catalog.load();
    catalog.load();
    QVERIFY(loaded.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(client->inFlight() + client->queued(), 0, 5000);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(catalog.models().size(), options.models);
}

// Daily activity records a deployment under litellm_params.model without its provider prefix (older
// proxies) or with it (newer ones): a public name maps to both forms of each of its deployments.
void TestModelCatalog::publicNamesMapToTheirDeployments() {
    const auto deployment = [](const QString &name, const QString &litellmModel) {
        ModelInfo m;
        m.modelName = name;
        m.litellmModel = litellmModel;
        return m;
    };
    const QList<ModelInfo> models = {deployment(u"gpt-4o"_qs, u"openai/gpt-4o-2024-08-06"_qs),
                                     deployment(u"gpt-4o"_qs, u"azure/gpt-4o-eu"_qs),
                                     deployment(u"gpt-4o"_qs, u"openai/gpt-4o-2024-08-06"_qs),
                                     deployment(u"local"_qs, u"llama3"_qs),
                                     deployment(u"router"_qs, QString()),
                                     deployment(QString(), u"openai/orphan"_qs)};
    const auto names = ModelCatalog::deploymentNames(models);
    QCOMPARE(names.value(u"gpt-4o"_qs), (QStringList{u"gpt-4o-2024-08-06"_qs, u"openai/gpt-4o-2024-08-06"_qs,
                                                     u"gpt-4o-eu"_qs, u"azure/gpt-4o-eu"_qs}));
    QCOMPARE(names.value(u"local"_qs), QStringList{u"llama3"_qs});
    QCOMPARE(names.value(u"router"_qs), QStringList{u"router"_qs});
    QCOMPARE(names.size(), 3);

    // --model takes a deployment in either form, and asks for both.
    const QStringList both{u"gpt-4o-eu"_qs, u"azure/gpt-4o-eu"_qs};
    QCOMPARE(ModelCatalog::recordedNames(models, u"gpt-4o-eu"_qs), both);
    QCOMPARE(ModelCatalog::recordedNames(models, u"azure/gpt-4o-eu"_qs), both);
    QCOMPARE(ModelCatalog::recordedNames(models, u"gpt-4o"_qs).size(), 4);
    QCOMPARE(ModelCatalog::recordedNames(models, u"llama3"_qs), QStringList{u"llama3"_qs});
    QVERIFY(ModelCatalog::recordedNames(models, u"no-such-model"_qs).isEmpty());
}

// The Usage page sums each deployment under its public name; a deployment serving two public names
// keeps its own name (its usage cannot be split between them).
void TestModelCatalog::deploymentsMapBackToOnePublicName() {
    const QHash<QString, QStringList> deployments{
        {u"gpt-4o"_qs, {u"gpt-4o-2024-08-06"_qs, u"openai/gpt-4o-2024-08-06"_qs, u"shared"_qs}},
        {u"gpt-4o-fast"_qs, {u"gpt-4o-mini"_qs, u"openai/gpt-4o-mini"_qs, u"shared"_qs}},
        {u"local"_qs, {u"llama3"_qs}}};
    const QHash<QString, QString> back = ModelCatalog::publicNames(deployments);
    QCOMPARE(back.value(u"gpt-4o-2024-08-06"_qs), u"gpt-4o"_qs);
    QCOMPARE(back.value(u"openai/gpt-4o-2024-08-06"_qs), u"gpt-4o"_qs);
    QCOMPARE(back.value(u"openai/gpt-4o-mini"_qs), u"gpt-4o-fast"_qs);
    QCOMPARE(back.value(u"llama3"_qs), u"local"_qs);
    QVERIFY(!back.contains(u"shared"_qs));
    QCOMPARE(back.size(), 5);
}

QTEST_GUILESS_MAIN(TestModelCatalog)
#include "tst_ModelCatalog.moc"
