#pragma once

#include "core/api/ApiError.h"
#include "core/roles/Lease.h"
#include "core/roles/Role.h"

#include <QObject>
#include <QPointer>

class ProxyClient;

// A key issued from a role, as the proxy knows it now.
struct LeasedKey {
    QString token;
    QString alias;
    QString userId;
    QString teamId;
    double spend = 0;
    Lease lease;
};

// The outcome for one key of a revoke or tidy.
struct KeyOutcome {
    QString token;
    QString alias;
    bool ok = false;
    QString message; // "revoked", "already gone", or the error
};

// Finds the keys issued from roles and renews or revokes them. Leases are found by their alias
// (<prefix>-<role>-…, a substring query on /key/list, all pages at most 4 at a time) and recognised by
// the role stamped in their metadata; nothing is crawled beyond that.
class LeaseManager : public QObject {
    Q_OBJECT
public:
    explicit LeaseManager(ProxyClient *client, QObject *parent = nullptr);

    void list(const QList<Role> &roles);
    void renew(const LeasedKey &key);
    void revoke(const QList<LeasedKey> &keys);
    // Revokes every expired lease of `role`.
    void tidy(const Role &role);
    void cancel();

signals:
    void listed(const QList<LeasedKey> &leases);
    void listFailed(const ApiError &error);
    void renewed(const LeasedKey &key, const RenewPlan &plan);
    void renewRefused(const LeasedKey &key, const QString &why);
    void renewFailed(const LeasedKey &key, const ApiError &error);
    void revoked(const QList<KeyOutcome> &outcomes);

private:
    void listRole(const Role &role, int page, std::shared_ptr<struct ListState> state);

    QPointer<ProxyClient> m_client;
    int m_generation = 0;
};
