#pragma once

#include "core/export/TextTable.h"

#include "core/api/ModelInfo.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

// The model list as people and scripts read it. JSON and CSV keep LiteLLM's field names in one flat
// record per deployment (model_name, id, model, litellm_provider, mode, max_input_tokens,
// max_output_tokens, input_cost_per_token, output_cost_per_token); absent values are null / empty.
// The table shows prices per million tokens.
class ModelExport {
public:
    static QStringList fieldNames();
    static QJsonObject toJson(const ModelInfo &model);
    static QJsonArray toJson(const QList<ModelInfo> &models);
    static QStringList csvFields(const ModelInfo &model); // in fieldNames() order
    static TextTable table(const QList<ModelInfo> &models);

    // "2.50", "0.075", "0.0375", "-" when the proxy has no price.
    static QString pricePerMillion(std::optional<double> perMillion);
    // Sorts by public name (case-insensitive), then by deployment id.
    static void sortByName(QList<ModelInfo> &models);
};
