#include "ModelInfo.h"

#include "core/api/Json.h"

std::optional<double> ModelInfo::inputCostPerMillion() const {
    if (!inputCostPerToken)
        return std::nullopt;
    return *inputCostPerToken * 1e6;
}

std::optional<double> ModelInfo::outputCostPerMillion() const {
    if (!outputCostPerToken)
        return std::nullopt;
    return *outputCostPerToken * 1e6;
}

ModelInfo modelInfoFromJson(const QJsonObject &entry) {
    ModelInfo m;
    m.raw = entry;
    m.modelName = json::str(entry.value(u"model_name"));
    const auto params = json::obj(entry.value(u"litellm_params"));
    const auto info = json::obj(entry.value(u"model_info"));
    m.id = json::str(info.value(u"id"));
    m.litellmModel = json::str(params.value(u"model"));
    m.provider = json::str(info.value(u"litellm_provider"));
    if (m.provider.isEmpty())
        m.provider = json::str(params.value(u"custom_llm_provider"));
    if (m.provider.isEmpty() && m.litellmModel.contains(u'/'))
        m.provider = m.litellmModel.section(u'/', 0, 0);
    m.mode = json::str(info.value(u"mode"));
    m.maxInputTokens = json::optInt(info.value(u"max_input_tokens"));
    if (!m.maxInputTokens)
        m.maxInputTokens = json::optInt(info.value(u"max_tokens"));
    m.maxOutputTokens = json::optInt(info.value(u"max_output_tokens"));
    m.inputCostPerToken = json::optNum(info.value(u"input_cost_per_token"));
    m.outputCostPerToken = json::optNum(info.value(u"output_cost_per_token"));
    m.accessGroups = json::strList(info.value(u"access_groups"));
    m.teamId = json::str(info.value(u"team_id"));
    m.dbModel = json::boolean(info.value(u"db_model"));
    return m;
}
