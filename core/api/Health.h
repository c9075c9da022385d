#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

// /health/readiness: {"status":"healthy", "db":"connected", "cache":null, "litellm_version":"1.x.y", ...}.
// Newer proxies answer only {"status":"healthy", "db":"connected"} there (some only the status) and keep
// the rest for the authenticated /health/readiness/details.
struct Readiness {
    QString status;
    QString db;    // empty: the proxy did not say
    QString cache; // "redis", "redis-semantic", ...; empty: no cache, or not said
    QString litellmVersion;
    QStringList successCallbacks;
    QDateTime lastUpdated;
    bool ready = true; // false: the proxy answered 503 (its database is down)

    bool dbReported() const { return !db.isEmpty(); }
    bool dbConnected() const { return db.compare(QStringLiteral("connected"), Qt::CaseInsensitive) == 0; }
    // The answer has the details (older proxies, or details allowed in public): it names the version.
    bool hasDetails() const { return !litellmVersion.isEmpty(); }
};

// The caller's role, as far as it could be found out (see api::probeCallerRole).
struct CallerIdentity {
    QString role;   // LiteLLM's user_role: proxy_admin, internal_user, ... or empty when unknown
    QString userId; // default_user_id for the master key
    QString teamId;
    bool isMasterKey = false;

    bool isAdmin() const { return role == u"proxy_admin"; }
    bool canWrite() const {
        return role == u"proxy_admin" || role == u"internal_user" || role == u"org_admin";
    }
};

QString roleLabel(const QString &role);
