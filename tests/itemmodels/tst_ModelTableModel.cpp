#include "ModelFixtures.h"
#include "core/itemmodels/ModelTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using Column = ModelTableModel::Column;

class TestModelTableModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void passesTheModelTester();
    void hasNoChildrenUnderAValidParent();
    void formatsPrices_data();
    void formatsPrices();
    void formatsTokens_data();
    void formatsTokens();
    void showsFormattedCells_data();
    void showsFormattedCells();
    void sortRoleGivesRawValues();
    void numbersAreRightAligned();
    void tooltipNamesTheLitellmModelAndId();
    void settingModelsResets();
};

void TestModelTableModel::passesTheModelTester() {
    ModelTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setModels(fixtureModels());
    model.setModels({});
    model.setModels(fixtureModels());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), ModelTableModel::kColumnCount);
}

void TestModelTableModel::hasNoChildrenUnderAValidParent() {
    ModelTableModel model;
    model.setModels(fixtureModels());
    const QModelIndex first = model.index(0, 0);
    QVERIFY(first.isValid());
    QCOMPARE(model.rowCount(first), 0);
    QCOMPARE(model.columnCount(first), 0);
}

void TestModelTableModel::formatsPrices_data() {
    QTest::addColumn<std::optional<double>>("perMillion");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole dollars get cents") << std::optional<double>(10.0) << QStringLiteral("$10.00");
    QTest::newRow("cents") << std::optional<double>(2.5) << QStringLiteral("$2.50");
    QTest::newRow("fractions of a cent are kept") << std::optional<double>(0.075) << QStringLiteral("$0.075");
    QTest::newRow("free") << std::optional<double>(0.0) << QStringLiteral("$0.00");
    QTest::newRow("thousands are grouped") << std::optional<double>(1500.0) << QStringLiteral("$1,500.00");
    QTest::newRow("unknown is a dash") << std::optional<double>() << QStringLiteral("—");
}

void TestModelTableModel::formatsPrices() {
    QFETCH(std::optional<double>, perMillion);
    QFETCH(QString, text);
    QCOMPARE(ModelTableModel::formatPrice(perMillion), text);
}

void TestModelTableModel::formatsTokens_data() {
    QTest::addColumn<std::optional<qint64>>("tokens");
    QTest::addColumn<QString>("text");
    // One format for every count: round ones are not abbreviated beside odd ones written in full.
    QTest::newRow("round thousands") << std::optional<qint64>(128000) << QStringLiteral("128,000");
    QTest::newRow("a million") << std::optional<qint64>(1000000) << QStringLiteral("1,000,000");
    QTest::newRow("two million and odd") << std::optional<qint64>(2097152) << QStringLiteral("2,097,152");
    QTest::newRow("odd counts in full") << std::optional<qint64>(8191) << QStringLiteral("8,191");
    QTest::newRow("powers of two in full") << std::optional<qint64>(131072) << QStringLiteral("131,072");
    QTest::newRow("small") << std::optional<qint64>(512) << QStringLiteral("512");
    QTest::newRow("unknown is a dash") << std::optional<qint64>() << QStringLiteral("—");
}

void TestModelTableModel::formatsTokens() {
    QFETCH(std::optional<qint64>, tokens);
    QFETCH(QString, text);
    QCOMPARE(ModelTableModel::formatTokens(tokens), text);
}

void TestModelTableModel::showsFormattedCells_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("name") << 0 << int(Column::Name) << QStringLiteral("gpt-4o");
    QTest::newRow("provider") << 1 << int(Column::Provider) << QStringLiteral("anthropic");
    QTest::newRow("mode") << 3 << int(Column::Mode) << QStringLiteral("embedding");
    QTest::newRow("context") << 0 << int(Column::ContextWindow) << QStringLiteral("128,000");
    QTest::newRow("input price per 1M") << 0 << int(Column::InputPrice) << QStringLiteral("$2.50");
    QTest::newRow("output price per 1M") << 1 << int(Column::OutputPrice) << QStringLiteral("$15.00");
    QTest::newRow("missing context") << 2 << int(Column::ContextWindow) << QStringLiteral("—");
    QTest::newRow("missing output price") << 3 << int(Column::OutputPrice) << QStringLiteral("—");
}

void TestModelTableModel::showsFormattedCells() {
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    ModelTableModel model;
    model.setModels(fixtureModels());
    QCOMPARE(model.index(row, column).data().toString(), text);
}

void TestModelTableModel::sortRoleGivesRawValues() {
    ModelTableModel model;
    model.setModels(fixtureModels());
    const auto sortValue = [&](int row, Column c) {
        return model.index(row, int(c)).data(ModelTableModel::SortRole);
    };
    QCOMPARE(sortValue(0, Column::ContextWindow).value<qint64>(), 128000);
    QCOMPARE(sortValue(0, Column::InputPrice).toDouble(), 2.5);
    QCOMPARE(sortValue(0, Column::Name).toString(), QStringLiteral("gpt-4o"));
    QVERIFY(!sortValue(2, Column::InputPrice).isValid());
    QVERIFY(!sortValue(2, Column::ContextWindow).isValid());
}

void TestModelTableModel::numbersAreRightAligned() {
    ModelTableModel model;
    model.setModels(fixtureModels());
    const auto align = [&](Column c) {
        return model.index(0, int(c)).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
    };
    QVERIFY(align(Column::InputPrice) & Qt::AlignRight);
    QVERIFY(align(Column::ContextWindow) & Qt::AlignRight);
    QVERIFY(align(Column::Name) & Qt::AlignLeft);
    const auto header = model.headerData(int(Column::OutputPrice), Qt::Horizontal, Qt::TextAlignmentRole);
    QVERIFY(header.value<Qt::Alignment>() & Qt::AlignRight);
    QCOMPARE(model.headerData(int(Column::InputPrice), Qt::Horizontal).toString(),
             QStringLiteral("Input / 1M"));
}

void TestModelTableModel::tooltipNamesTheLitellmModelAndId() {
    ModelTableModel model;
    model.setModels(fixtureModels());
    const QString tip = model.index(0, int(Column::Name)).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"openai/gpt-4o"), qPrintable(tip));
    QVERIFY2(tip.contains(u"id-gpt-4o"), qPrintable(tip));
    QCOMPARE(model.index(0, 0).data(ModelTableModel::ModelIdRole).toString(), QStringLiteral("id-gpt-4o"));
}

void TestModelTableModel::settingModelsResets() {
    ModelTableModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setModels(fixtureModels());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.modelAt(1)->modelName, QStringLiteral("claude-3-5-sonnet"));
    QCOMPARE(model.modelAt(6), nullptr);
}

QTEST_GUILESS_MAIN(TestModelTableModel)
#include "tst_ModelTableModel.moc"
