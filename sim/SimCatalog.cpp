#include "SimCatalog.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace {

struct Entry {
    const char *name;
    const char *model;
    const char *provider;
    const char *mode;
    qint64 maxIn;
    qint64 maxOut; // 0 = null
    double in;
    double out; // < 0 = null
};

// Public list prices (USD per token) and context windows, as in LiteLLM's cost map.
const Entry kCatalogue[] = {
    {"gpt-4o", "openai/gpt-4o", "openai", "chat", 128000, 16384, 2.5e-6, 1e-5},
    {"gpt-4o-mini", "openai/gpt-4o-mini", "openai", "chat", 128000, 16384, 1.5e-7, 6e-7},
    {"claude-3-5-sonnet", "anthropic/claude-3-5-sonnet-20241022", "anthropic", "chat", 200000, 8192, 3e-6,
     1.5e-5},
    {"gpt-4.1", "openai/gpt-4.1", "openai", "chat", 1047576, 32768, 2e-6, 8e-6},
    {"claude-3-5-haiku", "anthropic/claude-3-5-haiku-20241022", "anthropic", "chat", 200000, 8192, 8e-7,
     4e-6},
    {"gemini-2.0-flash", "gemini/gemini-2.0-flash", "gemini", "chat", 1048576, 8192, 1e-7, 4e-7},
    {"text-embedding-3-small", "openai/text-embedding-3-small", "openai", "embedding", 8191, 0, 2e-8, -1},
    {"o3-mini", "openai/o3-mini", "openai", "chat", 200000, 100000, 1.1e-6, 4.4e-6},
    {"gemini-1.5-pro", "vertex_ai/gemini-1.5-pro", "vertex_ai", "chat", 2097152, 8192, 1.25e-6, 5e-6},
    {"mistral-large", "mistral/mistral-large-latest", "mistral", "chat", 128000, 128000, 2e-6, 6e-6},
    {"llama-3.1-70b", "groq/llama-3.1-70b-versatile", "groq", "chat", 128000, 8192, 5.9e-7, 7.9e-7},
    {"deepseek-chat", "deepseek/deepseek-chat", "deepseek", "chat", 65536, 8192, 2.7e-7, 1.1e-6},
    {"claude-3-opus", "anthropic/claude-3-opus-20240229", "anthropic", "chat", 200000, 4096, 1.5e-5, 7.5e-5},
    {"command-r-plus", "cohere_chat/command-r-plus", "cohere_chat", "chat", 128000, 4096, 2.5e-6, 1e-5},
    {"text-embedding-3-large", "openai/text-embedding-3-large", "openai", "embedding", 8191, 0, 1.3e-7, -1},
    {"gpt-4.1-mini", "openai/gpt-4.1-mini", "openai", "chat", 1047576, 32768, 4e-7, 1.6e-6},
};
constexpr int kCatalogueSize = int(sizeof(kCatalogue) / sizeof(kCatalogue[0]));

QJsonValue optional(std::optional<double> v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
QJsonValue optional(std::optional<qint64> v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject SimModel::toModelInfoJson() const {
    QJsonObject params{{QStringLiteral("model"), litellmModel},
                       {QStringLiteral("custom_llm_provider"), QJsonValue::Null},
                       {QStringLiteral("api_base"), QJsonValue::Null},
                       {QStringLiteral("rpm"), QJsonValue::Null},
                       {QStringLiteral("tpm"), QJsonValue::Null}};
    QJsonObject info{{QStringLiteral("id"), id},
                     {QStringLiteral("db_model"), false},
                     {QStringLiteral("team_id"), QJsonValue::Null},
                     {QStringLiteral("access_groups"), QJsonValue::Null},
                     {QStringLiteral("created_at"), createdAt},
                     {QStringLiteral("created_by"), QJsonValue::Null},
                     {QStringLiteral("base_model"), QJsonValue::Null},
                     {QStringLiteral("key"), litellmModel.section(u'/', 1)},
                     {QStringLiteral("max_tokens"), optional(maxOutput ? maxOutput : maxInput)},
                     {QStringLiteral("max_input_tokens"), optional(maxInput)},
                     {QStringLiteral("max_output_tokens"), optional(maxOutput)},
                     {QStringLiteral("input_cost_per_token"), optional(inputCost)},
                     {QStringLiteral("output_cost_per_token"), optional(outputCost)},
                     {QStringLiteral("cache_read_input_token_cost"), QJsonValue::Null},
                     {QStringLiteral("litellm_provider"), provider},
                     {QStringLiteral("mode"), mode},
                     {QStringLiteral("supports_function_calling"), mode == u"chat"},
                     {QStringLiteral("supports_vision"), mode == u"chat" && !name.contains(u"mini")},
                     {QStringLiteral("supported_openai_params"),
                      QJsonArray{QStringLiteral("temperature"), QStringLiteral("max_tokens")}}};
    return QJsonObject{{QStringLiteral("model_name"), name},
                       {QStringLiteral("litellm_params"), params},
                       {QStringLiteral("model_info"), info}};
}

QList<SimModel> simCatalog(int count) {
    QList<SimModel> out;
    for (int i = 0; i < count; ++i) {
        const Entry &e = kCatalogue[i % kCatalogueSize];
        const int variant = i / kCatalogueSize;
        SimModel m;
        m.name = QString::fromLatin1(e.name);
        m.litellmModel = QString::fromLatin1(e.model);
        if (variant > 0) {
            m.name += QStringLiteral("-ft-%1").arg(variant);
            m.litellmModel += QStringLiteral("-ft-%1").arg(variant);
        }
        m.provider = QString::fromLatin1(e.provider);
        m.mode = QString::fromLatin1(e.mode);
        m.maxInput = e.maxIn;
        if (e.maxOut > 0)
            m.maxOutput = e.maxOut;
        m.inputCost = e.in;
        if (e.out >= 0)
            m.outputCost = e.out;
        m.id =
            QString::fromLatin1(QCryptographicHash::hash(m.name.toUtf8(), QCryptographicHash::Md5).toHex());
        m.createdAt = QStringLiteral("2025-01-%1T09:00:00.000000Z").arg(1 + i % 28, 2, 10, QLatin1Char('0'));
        out << m;
    }
    return out;
}
