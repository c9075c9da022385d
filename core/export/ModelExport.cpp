#include "ModelExport.h"

#include "core/export/JsonWriter.h"

#include <algorithm>

namespace {

QString optionalNumber(const std::optional<double> &v) {
    return v ? JsonWriter::number(*v) : QString();
}
QString optionalNumber(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QString();
}

} // namespace

QStringList ModelExport::fieldNames() {
    return {QStringLiteral("model_name"),
            QStringLiteral("id"),
            QStringLiteral("model"),
            QStringLiteral("litellm_provider"),
            QStringLiteral("mode"),
            QStringLiteral("max_input_tokens"),
            QStringLiteral("max_output_tokens"),
            QStringLiteral("input_cost_per_token"),
            QStringLiteral("output_cost_per_token")};
}

QJsonObject ModelExport::toJson(const ModelInfo &m) {
    return QJsonObject{
        {QStringLiteral("model_name"), JsonWriter::text(m.modelName)},
        {QStringLiteral("id"), JsonWriter::text(m.id)},
        {QStringLiteral("model"), JsonWriter::text(m.litellmModel)},
        {QStringLiteral("litellm_provider"), JsonWriter::text(m.provider)},
        {QStringLiteral("mode"), JsonWriter::text(m.mode)},
        {QStringLiteral("max_input_tokens"), JsonWriter::value(m.maxInputTokens)},
        {QStringLiteral("max_output_tokens"), JsonWriter::value(m.maxOutputTokens)},
        {QStringLiteral("input_cost_per_token"), JsonWriter::value(m.inputCostPerToken)},
        {QStringLiteral("output_cost_per_token"), JsonWriter::value(m.outputCostPerToken)},
    };
}

QJsonArray ModelExport::toJson(const QList<ModelInfo> &models) {
    QJsonArray out;
    for (const auto &m : models)
        out.append(toJson(m));
    return out;
}

QStringList ModelExport::csvFields(const ModelInfo &m) {
    return {m.modelName,
            m.id,
            m.litellmModel,
            m.provider,
            m.mode,
            optionalNumber(m.maxInputTokens),
            optionalNumber(m.maxOutputTokens),
            optionalNumber(m.inputCostPerToken),
            optionalNumber(m.outputCostPerToken)};
}

TextTable ModelExport::table(const QList<ModelInfo> &models) {
    TextTable t;
    t.addColumn(QStringLiteral("NAME"));
    t.addColumn(QStringLiteral("PROVIDER"));
    t.addColumn(QStringLiteral("MODE"));
    t.addColumn(QStringLiteral("CONTEXT"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("INPUT $/1M"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("OUTPUT $/1M"), TextTable::Align::Right);
    const QString none = QStringLiteral("-");
    for (const auto &m : models)
        t.addRow({m.modelName, m.provider.isEmpty() ? none : m.provider, m.mode.isEmpty() ? none : m.mode,
                  m.maxInputTokens ? QString::number(*m.maxInputTokens) : none,
                  pricePerMillion(m.inputCostPerMillion()), pricePerMillion(m.outputCostPerMillion())});
    return t;
}

QString ModelExport::pricePerMillion(std::optional<double> perMillion) {
    if (!perMillion)
        return QStringLiteral("-");
    QString s = QString::number(*perMillion, 'f', 4);
    // Keep two decimals, and more only where they carry something ("0.075", not "0.0750").
    while (s.endsWith(u'0') && s.indexOf(u'.') < s.size() - 3)
        s.chop(1);
    return s;
}

void ModelExport::sortByName(QList<ModelInfo> &models) {
    std::stable_sort(models.begin(), models.end(), [](const ModelInfo &a, const ModelInfo &b) {
        if (const int c = a.modelName.compare(b.modelName, Qt::CaseInsensitive); c != 0)
            return c < 0;
        return a.id < b.id;
    });
}
