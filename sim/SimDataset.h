#pragma once

#include "sim/SimCaller.h"
#include "sim/SimCatalog.h"
#include "sim/SimHttp.h"
#include "sim/SimKeyStore.h"
#include "sim/SimOptions.h"
#include "sim/SimPeople.h"

#include <QDate>

#include <expected>
#include <memory>
#include <optional>

class SimActivity;

// The simulated proxy's data: generated from the options' seed, changed by write routes. Keys are
// computed on demand (see SimKeyStore); users, teams and models are small and kept whole.
class SimDataset {
public:
    explicit SimDataset(const SimOptions &options);
    ~SimDataset();

    const SimOptions &options() const { return m_options; }
    // A database outage starts or ends (readiness answers 503 while it lasts).
    void setDatabaseDown(bool down) { m_options.databaseDown = down; }
    const QList<SimModel> &models() const { return m_models; }
    const SimModel *model(const QString &name) const;
    qint64 nowMs() const { return m_now; }
    QDate today() const { return m_today; }

    SimKeyStore &keys() { return *m_keys; }
    const SimKeyStore &keys() const { return *m_keys; }
    QList<SimUser> &users() { return m_users; }
    const QList<SimUser> &users() const { return m_users; }
    QList<SimTeam> &teams() { return m_teams; }
    const QList<SimTeam> &teams() const { return m_teams; }
    SimActivity &activity();

    int userIndex(const QString &userId) const; // -1 if unknown or deleted
    int userIndexByEmail(const QString &email) const;
    int teamIndex(const QString &teamId) const; // -1 if unknown or deleted

    struct Totals {
        qint64 keyCount = 0;
        double spend = 0;
    };
    Totals userTotals(const QString &userId) const;
    Totals teamTotals(const QString &teamId) const;
    // The spend of a member's keys in one team: their spend within the team (LiteLLM_TeamMembership).
    Totals memberTotals(const QString &teamId, const QString &userId) const;
    // Call after any key write: the per-user and per-team totals are recomputed on next use.
    void keysChanged() { m_totalsValid = false; }

    // The caller a raw virtual key (not the master key) stands for, or LiteLLM's 401 answer when the key
    // is unknown, blocked or expired.
    std::expected<SimCaller, SimReply> authenticate(const QString &rawKey) const;

private:
    void computeTotals() const;

    SimOptions m_options;
    qint64 m_now = 0;
    QDate m_today;
    QList<SimModel> m_models;
    QList<SimTeam> m_teams;
    QList<SimUser> m_users;
    std::unique_ptr<SimKeyStore> m_keys;
    std::unique_ptr<SimActivity> m_activity;
    mutable bool m_totalsValid = false;
    mutable QHash<QString, Totals> m_userTotals;
    mutable QHash<QString, Totals> m_teamTotals;
    mutable QHash<QString, Totals> m_memberTotals; // "team\nuser"
};
