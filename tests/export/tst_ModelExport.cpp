#include "core/export/CsvReader.h"
#include "core/export/CsvWriter.h"
#include "core/export/ModelExport.h"

#include <QJsonDocument>
#include <QTest>

// The model list in JSON, CSV and table form, as `litellm-deskctl models list` prints it.
class TestModelExport : public QObject {
    Q_OBJECT

private:
    static ModelInfo priced() {
        ModelInfo m;
        m.modelName = u"gpt-4o"_qs;
        m.id = u"id-1"_qs;
        m.litellmModel = u"openai/gpt-4o"_qs;
        m.provider = u"openai"_qs;
        m.mode = u"chat"_qs;
        m.maxInputTokens = 128000;
        m.maxOutputTokens = 16384;
        m.inputCostPerToken = 2.5e-06;
        m.outputCostPerToken = 1e-05;
        return m;
    }
    static ModelInfo bare(const QString &name, const QString &id) {
        ModelInfo m;
        m.modelName = name;
        m.id = id;
        return m;
    }

private slots:
    void jsonKeepsLiteLlmNamesAndNulls() {
        const QJsonObject o = ModelExport::toJson(priced());
        QCOMPARE(o.keys().size(), ModelExport::fieldNames().size());
        for (const auto &name : ModelExport::fieldNames())
            QVERIFY2(o.contains(name), qPrintable(name));
        QCOMPARE(o.value(u"model_name").toString(), u"gpt-4o"_qs);
        QCOMPARE(o.value(u"model").toString(), u"openai/gpt-4o"_qs);
        QCOMPARE(o.value(u"max_input_tokens").toInteger(), 128000);
        QCOMPARE(o.value(u"input_cost_per_token").toDouble(), 2.5e-06);

        const QJsonObject empty = ModelExport::toJson(bare(u"local"_qs, u"x"_qs));
        QVERIFY(empty.value(u"input_cost_per_token").isNull());
        QVERIFY(empty.value(u"max_input_tokens").isNull());
        QVERIFY(empty.value(u"litellm_provider").isNull());
    }

    void csvRowRoundTrips() {
        QString text = CsvWriter::row(ModelExport::fieldNames());
        text += CsvWriter::row(ModelExport::csvFields(priced()));
        text += CsvWriter::row(ModelExport::csvFields(bare(u"odd, \"name\""_qs, u"2"_qs)));
        const auto rows = CsvReader::parse(text);
        QVERIFY(rows.has_value());
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(0), ModelExport::fieldNames());
        QCOMPARE(rows->at(1).at(7).toDouble(), 2.5e-06);
        QCOMPARE(rows->at(1).at(5), u"128000"_qs);
        QCOMPARE(rows->at(2).at(0), u"odd, \"name\""_qs);
        QCOMPARE(rows->at(2).at(7), QString());
    }

    void pricePerMillion_data() {
        QTest::addColumn<std::optional<double>>("price");
        QTest::addColumn<QString>("text");
        QTest::newRow("no price") << std::optional<double>() << u"-"_qs;
        QTest::newRow("two decimals") << std::optional<double>(2.5) << u"2.50"_qs;
        QTest::newRow("whole dollars") << std::optional<double>(15.0) << u"15.00"_qs;
        QTest::newRow("fractions of a cent kept") << std::optional<double>(0.075) << u"0.075"_qs;
        QTest::newRow("four decimals at most") << std::optional<double>(0.0375) << u"0.0375"_qs;
        QTest::newRow("free") << std::optional<double>(0.0) << u"0.00"_qs;
    }

    void pricePerMillion() {
        QFETCH(std::optional<double>, price);
        QFETCH(QString, text);
        QCOMPARE(ModelExport::pricePerMillion(price), text);
    }

    void tableShowsPricesPerMillion() {
        const QString text = ModelExport::table({priced(), bare(u"local"_qs, u"x"_qs)}).toString();
        const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith(u"NAME"));
        QVERIFY(lines.at(0).contains(u"INPUT $/1M"));
        QVERIFY(lines.at(1).endsWith(u"2.50        10.00"));
        QVERIFY(lines.at(2).startsWith(u"local "));
        QVERIFY(lines.at(2).endsWith(u"-"));
    }

    void sortsByNameThenId() {
        QList<ModelInfo> models{bare(u"gpt-4o"_qs, u"b"_qs), bare(u"Claude"_qs, u"z"_qs),
                                bare(u"gpt-4o"_qs, u"a"_qs), bare(u"azure"_qs, u"c"_qs)};
        ModelExport::sortByName(models);
        QStringList order;
        for (const auto &m : models)
            order << m.modelName + u'/' + m.id;
        QCOMPARE(order, (QStringList{u"azure/c"_qs, u"Claude/z"_qs, u"gpt-4o/a"_qs, u"gpt-4o/b"_qs}));
    }
};

QTEST_GUILESS_MAIN(TestModelExport)
#include "tst_ModelExport.moc"
