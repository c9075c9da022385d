#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

// /health/readiness: {"status":"connected", "db":"connected", "cache":null, "litellm_version":"1.x.y", ...}
struct Readiness {
    QString status;
    QString db;
    QString cache;
    QString litellmVersion;
    QStringList successCallbacks;
    QDateTime lastUpdated;

    bool dbConnected() const { return db.compare(QStringLiteral("connected"), Qt::CaseInsensitive) == 0; }
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
