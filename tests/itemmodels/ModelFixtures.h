#pragma once

#include "core/api/ModelInfo.h"

#include <QList>

// Hand-made deployments covering the shapes the proxy sends: full cost data, missing prices and
// context, an embedding model, names that only sort right numerically.
inline ModelInfo fixtureModel(const QString &name, const QString &provider, const QString &mode,
                              std::optional<qint64> context, std::optional<double> inPerM,
                              std::optional<double> outPerM) {
    ModelInfo m;
    m.modelName = name;
    m.provider = provider;
    m.mode = mode;
    m.id = QStringLiteral("id-") + name;
    m.litellmModel = provider + u'/' + name;
    m.maxInputTokens = context;
    if (inPerM)
        m.inputCostPerToken = *inPerM / 1e6;
    if (outPerM)
        m.outputCostPerToken = *outPerM / 1e6;
    return m;
}

inline QList<ModelInfo> fixtureModels() {
    return {
        fixtureModel(QStringLiteral("gpt-4o"), QStringLiteral("openai"), QStringLiteral("chat"), 128000, 2.5,
                     10.0),
        fixtureModel(QStringLiteral("claude-3-5-sonnet"), QStringLiteral("anthropic"), QStringLiteral("chat"),
                     200000, 3.0, 15.0),
        fixtureModel(QStringLiteral("local-llama"), QStringLiteral("ollama"), QStringLiteral("chat"),
                     std::nullopt, std::nullopt, std::nullopt),
        fixtureModel(QStringLiteral("text-embedding-3-small"), QStringLiteral("openai"),
                     QStringLiteral("embedding"), 8191, 0.02, std::nullopt),
        fixtureModel(QStringLiteral("gpt-40-mini"), QStringLiteral("openai"), QStringLiteral("chat"), 1000000,
                     0.15, 0.6),
        fixtureModel(QStringLiteral("gpt-4"), QStringLiteral("openai"), QStringLiteral("chat"), 8192, 30.0,
                     60.0),
    };
}
