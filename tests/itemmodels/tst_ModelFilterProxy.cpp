#include "ModelFixtures.h"
#include "core/itemmodels/ModelFilterProxy.h"
#include "core/itemmodels/ModelTableModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using Column = ModelTableModel::Column;

class TestModelFilterProxy : public QObject {
    Q_OBJECT
private slots:
    void init();
    void passesTheModelTester();
    void sortsPricesWithMissingLast_data();
    void sortsPricesWithMissingLast();
    void sortsNamesNumerically();
    void sortsContextAsNumbers();
    void filtersByText_data();
    void filtersByText();
    void filtersByMode();
    void clearingTheFilterShowsEverything();

private:
    QStringList namesInOrder() const;

    std::unique_ptr<ModelTableModel> m_model;
    std::unique_ptr<ModelFilterProxy> m_proxy;
};

void TestModelFilterProxy::init() {
    m_model = std::make_unique<ModelTableModel>();
    m_model->setModels(fixtureModels());
    m_proxy = std::make_unique<ModelFilterProxy>();
    m_proxy->setSourceModel(m_model.get());
}

QStringList TestModelFilterProxy::namesInOrder() const {
    QStringList names;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        names << m_proxy->index(row, int(Column::Name)).data().toString();
    return names;
}

void TestModelFilterProxy::passesTheModelTester() {
    QAbstractItemModelTester tester(m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_proxy->sort(int(Column::InputPrice));
    m_proxy->setTextFilter(QStringLiteral("gpt"));
    m_proxy->setModeFilter(QStringLiteral("chat"));
    m_model->setModels(fixtureModels().mid(0, 3));
    m_proxy->setTextFilter({});
    m_proxy->setModeFilter({});
    QCOMPARE(m_proxy->rowCount(), 3);
}

void TestModelFilterProxy::sortsPricesWithMissingLast_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QStringList>("last"); // rows with no value, in any order
    QTest::newRow("input price, cheapest first")
        << int(Column::InputPrice) << Qt::AscendingOrder << QStringLiteral("text-embedding-3-small")
        << QStringList{QStringLiteral("local-llama")};
    QTest::newRow("input price, dearest first")
        << int(Column::InputPrice) << Qt::DescendingOrder << QStringLiteral("gpt-4")
        << QStringList{QStringLiteral("local-llama")};
    QTest::newRow("output price, cheapest first")
        << int(Column::OutputPrice) << Qt::AscendingOrder << QStringLiteral("gpt-40-mini")
        << QStringList{QStringLiteral("local-llama"), QStringLiteral("text-embedding-3-small")};
    QTest::newRow("output price, dearest first")
        << int(Column::OutputPrice) << Qt::DescendingOrder << QStringLiteral("gpt-4")
        << QStringList{QStringLiteral("local-llama"), QStringLiteral("text-embedding-3-small")};
}

void TestModelFilterProxy::sortsPricesWithMissingLast() {
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QString, first);
    QFETCH(QStringList, last);
    m_proxy->sort(column, order);
    const QStringList names = namesInOrder();
    QCOMPARE(names.first(), first);
    QStringList tail = names.mid(names.size() - last.size());
    tail.sort();
    QCOMPARE(tail, last);
    // The priced rows are in order.
    for (int row = 1; row < names.size() - last.size(); ++row) {
        const double prev = m_proxy->index(row - 1, column).data(ModelTableModel::SortRole).toDouble();
        const double here = m_proxy->index(row, column).data(ModelTableModel::SortRole).toDouble();
        QVERIFY2(order == Qt::AscendingOrder ? prev <= here : prev >= here, qPrintable(names.join(u", ")));
    }
}

void TestModelFilterProxy::sortsNamesNumerically() {
    m_proxy->sort(int(Column::Name), Qt::AscendingOrder);
    QCOMPARE(namesInOrder(),
             (QStringList{QStringLiteral("claude-3-5-sonnet"), QStringLiteral("gpt-4"),
                          QStringLiteral("gpt-4o"), QStringLiteral("gpt-40-mini"),
                          QStringLiteral("local-llama"), QStringLiteral("text-embedding-3-small")}));
}

void TestModelFilterProxy::sortsContextAsNumbers() {
    m_proxy->sort(int(Column::ContextWindow), Qt::DescendingOrder);
    const QStringList names = namesInOrder();
    // 1,000,000 before 200,000 before 128,000 (text order would put "8,192" first), the unknown one last.
    QCOMPARE(names.mid(0, 3), (QStringList{QStringLiteral("gpt-40-mini"), QStringLiteral("claude-3-5-sonnet"),
                                           QStringLiteral("gpt-4o")}));
    QCOMPARE(names.last(), QStringLiteral("local-llama"));
}

void TestModelFilterProxy::filtersByText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("rows");
    QTest::newRow("name part") << QStringLiteral("gpt") << 3;
    QTest::newRow("case does not matter") << QStringLiteral("CLAUDE") << 1;
    QTest::newRow("provider") << QStringLiteral("anthropic") << 1;
    QTest::newRow("mode") << QStringLiteral("embedding") << 1;
    QTest::newRow("every word must match") << QStringLiteral("openai chat") << 3;
    QTest::newRow("words in any field") << QStringLiteral("ollama llama") << 1;
    QTest::newRow("nothing matches") << QStringLiteral("mistral") << 0;
    QTest::newRow("blank keeps all") << QStringLiteral("   ") << 6;
}

void TestModelFilterProxy::filtersByText() {
    QFETCH(QString, text);
    QFETCH(int, rows);
    m_proxy->setTextFilter(text);
    QCOMPARE(m_proxy->rowCount(), rows);
}

void TestModelFilterProxy::filtersByMode() {
    m_proxy->setModeFilter(QStringLiteral("embedding"));
    QCOMPARE(namesInOrder(), QStringList{QStringLiteral("text-embedding-3-small")});
    m_proxy->setTextFilter(QStringLiteral("gpt"));
    QCOMPARE(m_proxy->rowCount(), 0);
}

void TestModelFilterProxy::clearingTheFilterShowsEverything() {
    m_proxy->setTextFilter(QStringLiteral("claude"));
    QCOMPARE(m_proxy->rowCount(), 1);
    m_proxy->setTextFilter({});
    QCOMPARE(m_proxy->rowCount(), 6);
    QCOMPARE(m_proxy->textFilter(), QString());
}

QTEST_GUILESS_MAIN(TestModelFilterProxy)
#include "tst_ModelFilterProxy.moc"
