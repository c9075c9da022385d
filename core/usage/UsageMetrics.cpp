#include "UsageMetrics.h"

QJsonObject UsageMetrics::toJson() const {
    return QJsonObject{{QStringLiteral("spend"), spend},
                       {QStringLiteral("prompt_tokens"), promptTokens},
                       {QStringLiteral("completion_tokens"), completionTokens},
                       {QStringLiteral("total_tokens"), totalTokens},
                       {QStringLiteral("cache_read_input_tokens"), cacheReadTokens},
                       {QStringLiteral("cache_creation_input_tokens"), cacheCreationTokens},
                       {QStringLiteral("api_requests"), apiRequests},
                       {QStringLiteral("successful_requests"), successfulRequests},
                       {QStringLiteral("failed_requests"), failedRequests}};
}
