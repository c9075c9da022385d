#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Which models a key may call, by LiteLLM's rules (SpecialModelNames in litellm/proxy/_types.py).
enum class ModelScope {
    Listed,         // only the models listed
    TeamModels,     // [] on a team key, or "all-team-models": whatever its team may use
    AllProxyModels, // [] on a key without a team, or "all-proxy-models": every model on the proxy
    Unknown,        // models null, missing or not a list of names: never taken for "all models"
};

// One virtual key as the proxy describes it (/key/list full objects, /key/info, /key/update, /key/block).
// Null and missing fields are alike: optional numbers are nullopt, strings empty, dates invalid.
struct KeyRecord {
    QString token;   // sha256 hex of the raw key: the key's id
    QString keyName; // masked, "sk-...abcd"
    QString keyAlias;
    double spend = 0;                 // current budget period
    std::optional<double> totalSpend; // lifetime (newest proxies only)
    std::optional<double> maxBudget;
    std::optional<double> softBudget;
    QString budgetDuration; // "30d"
    QDateTime budgetResetAt;
    QDateTime expires;       // invalid = never expires
    QStringList models;      // as listed; what an empty list means depends on the team (modelScope())
    bool modelsKnown = true; // false when the proxy sent no list of names (null, missing, wrong type)
    QString userId;
    QString userEmail; // flattened join on full objects, often empty
    QString teamId;
    QString teamAlias;
    QString orgId;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    std::optional<qint64> maxParallelRequests;
    QJsonObject metadata;
    std::optional<bool> blocked; // null = not blocked
    QDateTime createdAt;
    QDateTime updatedAt;
    QString createdBy;
    QDateTime lastActive; // invalid when the proxy does not track it
    QString keyType;      // llm_api, management, read_only, default
    QDateTime deletedAt;  // only for /key/list?status=deleted
    QString deletedBy;
    bool hashOnly = false; // from a key list that sent only hashes: every other field is unknown
    QJsonObject raw;       // the row as the proxy sent it, for JSON output

    bool isBlocked() const { return blocked.value_or(false); }
    bool neverExpires() const { return !expires.isValid(); }
    bool isExpired(const QDateTime &now = QDateTime::currentDateTimeUtc()) const {
        return expires.isValid() && expires <= now;
    }
    // What to call the key in a list: its alias, else its masked name, else the start of its hash.
    QString displayName() const;
    ModelScope modelScope() const;
    // "Team models", "All proxy models", "Unknown" or the models listed, for tables and text exports.
    QString modelsText() const;
};

// Reads a key row. `fallbackKey` is the "key" a route echoed next to the row (/key/info, /key/update):
// when the row has no token, a hash there becomes the token, and a raw key is hashed into one.
KeyRecord keyRecordFromJson(const QJsonObject &row, const QString &fallbackKey = {});
// A key list entry that is only a hash string (return_full_object ignored or false).
KeyRecord keyRecordFromHash(const QString &token);

inline constexpr auto kAllProxyModels = "all-proxy-models";
inline constexpr auto kAllTeamModels = "all-team-models";

// True for a 64-digit hex string, the form of a key's token.
bool isKeyHash(const QString &text);
// The token of a raw key "sk-...": sha256 hex, as the proxy stores it.
QString hashKey(const QString &rawKey);
