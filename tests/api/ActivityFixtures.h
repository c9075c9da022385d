#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Builds SpendAnalyticsPaginatedResponse bodies shaped like LiteLLM's.
namespace fixtures {

inline QJsonObject metrics(double spend, int requests, int tokens = 100) {
    return {{"spend", spend},           {"prompt_tokens", tokens * 4 / 5}, {"completion_tokens", tokens / 5},
            {"total_tokens", tokens},   {"cache_read_input_tokens", 0},    {"cache_creation_input_tokens", 0},
            {"api_requests", requests}, {"successful_requests", requests}, {"failed_requests", 0}};
}

// One raw row: a date with one model, one key, one provider and one team.
inline QJsonObject row(const QString &date, double spend, int requests, const QString &model = "gpt-4o",
                       const QString &key = "hash-a", const QString &alias = "ci") {
    const QJsonObject m = metrics(spend, requests);
    const QJsonObject keyEntry{{"metrics", m},
                               {"metadata", QJsonObject{{"key_alias", alias}, {"team_id", "t1"}}}};
    const QJsonObject keyBreakdown{{key, keyEntry}};
    const QJsonObject item{{"metrics", m}, {"metadata", QJsonObject{}}, {"api_key_breakdown", keyBreakdown}};
    const QJsonObject entity{{"metrics", m},
                             {"metadata", QJsonObject{{"team_alias", "Team 1"}}},
                             {"api_key_breakdown", keyBreakdown}};
    return {{"date", date},
            {"metrics", m},
            {"breakdown", QJsonObject{{"models", QJsonObject{{model, item}}},
                                      {"model_groups", QJsonObject{{model, item}}},
                                      {"providers", QJsonObject{{"openai", item}}},
                                      {"api_keys", keyBreakdown},
                                      {"entities", QJsonObject{{"t1", entity}}}}}};
}

// A page; its metadata totals are deliberately wrong, as a client must never trust them for the range.
inline QByteArray page(const QJsonArray &rows, int page, int totalPages, bool hasMore) {
    const QJsonObject meta{{"total_spend", 999999.0},
                           {"total_api_requests", 1},
                           {"page", page},
                           {"total_pages", totalPages},
                           {"has_more", hasMore}};
    return QJsonDocument(QJsonObject{{"results", rows}, {"metadata", meta}}).toJson(QJsonDocument::Compact);
}

} // namespace fixtures
