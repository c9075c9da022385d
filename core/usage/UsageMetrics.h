#pragma once

#include <QJsonObject>
#include <QtGlobal>

// LiteLLM's SpendMetrics, summed: spend in USD and token and request counts.
struct UsageMetrics {
    double spend = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 totalTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 cacheCreationTokens = 0;
    qint64 apiRequests = 0;
    qint64 successfulRequests = 0;
    qint64 failedRequests = 0;

    UsageMetrics &operator+=(const UsageMetrics &o) {
        spend += o.spend;
        promptTokens += o.promptTokens;
        completionTokens += o.completionTokens;
        totalTokens += o.totalTokens;
        cacheReadTokens += o.cacheReadTokens;
        cacheCreationTokens += o.cacheCreationTokens;
        apiRequests += o.apiRequests;
        successfulRequests += o.successfulRequests;
        failedRequests += o.failedRequests;
        return *this;
    }
    bool operator==(const UsageMetrics &) const = default;
    bool isZero() const { return *this == UsageMetrics(); }

    // LiteLLM's field names: spend, prompt_tokens, ..., api_requests.
    QJsonObject toJson() const;
};
