#pragma once

#include <QJsonObject>
#include <QtGlobal>

#include <limits>

// a + b for counts, held at the largest qint64 instead of overflowing (a proxy's lifetime never gets
// there; a corrupt file may).
inline qint64 saturatedAdd(qint64 a, qint64 b) {
    qint64 sum = 0;
    if (!qAddOverflow(a, b, &sum))
        return sum;
    return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
}

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
        promptTokens = saturatedAdd(promptTokens, o.promptTokens);
        completionTokens = saturatedAdd(completionTokens, o.completionTokens);
        totalTokens = saturatedAdd(totalTokens, o.totalTokens);
        cacheReadTokens = saturatedAdd(cacheReadTokens, o.cacheReadTokens);
        cacheCreationTokens = saturatedAdd(cacheCreationTokens, o.cacheCreationTokens);
        apiRequests = saturatedAdd(apiRequests, o.apiRequests);
        successfulRequests = saturatedAdd(successfulRequests, o.successfulRequests);
        failedRequests = saturatedAdd(failedRequests, o.failedRequests);
        return *this;
    }
    bool operator==(const UsageMetrics &) const = default;
    bool isZero() const { return *this == UsageMetrics(); }

    // LiteLLM's field names: spend, prompt_tokens, ..., api_requests.
    QJsonObject toJson() const;
};
