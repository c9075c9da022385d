#pragma once

#include <QDate>
#include <QStringList>
#include <QUrlQuery>

// One daily activity request: whose usage (user, team or tag), which UTC days, optional model and key
// filters. The paged routes take page and page_size; the /aggregated ones answer the whole range at once.
struct ActivityQuery {
    enum class Scope { User, Team, Tag };

    Scope scope = Scope::User;
    QStringList ids; // user_id (one; empty = everyone, for admins), team_ids or tags
    QDate start;     // UTC days, both inclusive and both required by the proxy
    QDate end;
    QString model; // the route's "model" filter: a deployment name (LiteLLM matches nothing else)
    // A public name's deployments (ModelCatalog::deploymentNames): each is fetched as `model` and the
    // answers summed. Empty: `model` as it is.
    QStringList deployments;
    QString apiKey; // a key's token (hash)
    int page = 1;
    int pageSize = 1000; // the proxy's maximum, as LiteLLM's UI uses

    static constexpr int kMaxPageSize = 1000;
    // The most keys newer proxies' /aggregated keeps (api_key_limit, by spend); older ones ignore it.
    static constexpr int kMaxApiKeyLimit = 1000;

    // "/user/daily/activity" or "/user/daily/activity/aggregated"
    QString path(bool aggregated = false) const;
    // The aggregated routes take no paging parameters, and api_key_limit instead.
    QUrlQuery toQuery(bool aggregated = false) const;
    static QString scopeName(Scope scope); // user, team, tag
};
