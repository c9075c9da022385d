#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

// Everything that shapes the simulated proxy: the size of its data set and which LiteLLM version's
// behaviour it copies. The same seed and sizes always give the same data.
//
// Each behaviour that differs between LiteLLM versions is one switch below; a version profile sets
// them all as that version of LiteLLM behaves (forVersion()). The defaults are the v1.7x profile.
struct SimOptions {
    // LiteLLM releases whose behaviour differs in ways a client notices.
    enum class Profile {
        Oldest, // the first daily activity routes (about v1.65): no /aggregated, unwrapped breakdowns
        V17x,   // v1.7x: /aggregated with every key, model_groups in the breakdown
        Newest, // v1.80 and later: /aggregated keeps only the top api_key_limit keys by spend
    };

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
    // /health/readiness says only {"status":"healthy"}; its details (db, cache, version, callbacks) are
    // on the authenticated /health/readiness/details (newest profile). false: every field in public.
    bool readinessDetailsRoute = false;
    bool semanticCache = false; // readiness reports the cache as {"type":"redis-semantic","index_info":..}
    bool databaseDown = false;  // readiness answers 503 with its body and "db": "disconnected"
    // /user/info for an unknown user answers 200 with {"user_id": id, "user_info": {"spend": 0}, "keys": [],
    // "teams": []}, as LiteLLM did before v1.80 (PR #16850); false: 404 "User <id> not found" (newest).
    bool userInfoMissingAsEmpty = true;
    // /user/delete leaves the user in its teams' members_with_roles, as LiteLLM did before v1.75 (PR
    // #12926); false: it removes the user from the teams its row lists.
    bool userDeleteLeavesTeams = true;
    // /team/info takes key_limit (an integer >= 1) and sends at most that many of the team's keys (PR
    // #30006; in v1.95.0). false: the parameter is ignored and every key is sent.
    bool teamInfoKeyLimit = false;
    double proxyMaxBudget = 0; // litellm.max_budget, the proxy-wide budget; 0 = none (/global/spend)
    // /key/update answers the whole row (newer proxies) or, like LiteLLM's update_data before, the key as
    // sent plus only the fields it changed, dict fields (metadata) as JSON text.
    bool keyUpdateFullRow = false;
    // Daily activity breakdown entries are {metrics, metadata, api_key_breakdown} (false: the oldest
    // versions map each name straight to its metrics).
    bool activityBreakdownWrapped = true;
    bool activityModelGroups = true; // breakdown.model_groups (public model names) exists
    // The daily tables' model is the whole deployment, "openai/gpt-4o-2024-08-06" (newest), or the
    // deployment without its provider, "gpt-4o-2024-08-06" (older).
    bool activityModelWithProvider = false;
    // /…/aggregated keeps only this many keys by spend in api_keys and every api_key_breakdown, takes
    // api_key_limit up to activityKeyLimitMax and reports total_api_keys and api_key_limit in its
    // metadata. 0: every key, no such parameter (v1.7x).
    int activityKeyLimit = 0;
    int activityKeyLimitMax = 0;

    // The options of a whole profile (sizes, seed and key as the defaults).
    static SimOptions forVersion(Profile profile);
    // "oldest", "1.7x", "newest" or a LiteLLM version number ("1.65.4", "v1.81.0"): the profile that
    // version follows, reporting that version. Nothing for anything else.
    static std::optional<SimOptions> forVersion(const QString &version);
    // "oldest, 1.7x, newest or a version number such as 1.74.3", for help texts.
    static QString versionHelp();
};
