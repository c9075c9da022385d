#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One deployment from /model/info or /v2/model/info (a public model name may have several).
struct ModelInfo {
    QString modelName;    // public name / model group
    QString id;           // model_info.id
    QString litellmModel; // litellm_params.model, e.g. "openai/gpt-4o"
    QString
        provider; // model_info.litellm_provider, else litellm_params.custom_llm_provider, else model prefix
    QString mode; // chat, embedding, ...
    std::optional<qint64> maxInputTokens;
    std::optional<qint64> maxOutputTokens;
    std::optional<double> inputCostPerToken;
    std::optional<double> outputCostPerToken;
    QStringList accessGroups;
    QString teamId;
    bool dbModel = false;
    QJsonObject raw; // the entry as the proxy sent it, for the CLI's JSON output and the details view

    std::optional<double> inputCostPerMillion() const;
    std::optional<double> outputCostPerMillion() const;
};

// A page of /v2/model/info. Old proxies send only `data`: then the page holds everything.
struct ModelPage {
    QList<ModelInfo> models;
    qint64 totalCount = 0;
    int currentPage = 1;
    int totalPages = 1;
    bool paged = false; // the proxy sent paging fields
};

ModelInfo modelInfoFromJson(const QJsonObject &entry);
