#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

// Everything that shapes the simulated proxy: the size of its data set and which LiteLLM version's
// behaviour it copies. The same seed and sizes always give the same data.
struct SimOptions {
    quint64 seed = 42;
    int keys = 250;
    int models = 12;
    int teams = 8;
    int users = 40;
    int days = 30;
    QDate today; // the last day of activity (UTC); invalid = the current date
    QString masterKey = QStringLiteral("sk-desk-demo-master");
    QString litellmVersion = QStringLiteral("1.74.3");
    bool aggregatedActivity = true; // /…/daily/activity/aggregated exists (newer proxies)
    bool pagedModelInfo = true;     // /v2/model/info pages (newer) or sends only {"data": [...]} (older)
    bool v2TeamList = true;         // /v2/team/list exists
    bool enterprise = false;        // regenerate, tags, model_max_budget allowed
    bool dropUserRoleOnNew = false; // copies a LiteLLM bug: /user/new ignores user_role
    double proxyMaxBudget = 0;      // litellm.max_budget, the proxy-wide budget; 0 = none (/global/spend)
    // /key/update answers the whole row (newer proxies) or, like LiteLLM's update_data before, the key as
    // sent plus only the fields it changed, dict fields (metadata) as JSON text.
    bool keyUpdateFullRow = false;
};
