#pragma once

#include "sim/SimKey.h"
#include "sim/SimPeople.h"

#include <QHash>
#include <QList>

#include <functional>
#include <memory>
#include <vector>

struct SimOptions;

// What /key/list asks for. Null strings are "no filter".
struct SimKeyQuery {
    enum class Expiry { Any, Expired, Active };
    QString userId;
    QString teamId;
    QString orgId;
    QString alias;
    bool aliasSubstring = false;
    QString keyHash;
    bool deletedOnly = false;
    Expiry expiry = Expiry::Any;
    QString sortBy; // spend, max_budget, created_at, updated_at, token, key_alias; empty = created_at
    bool descending = true;
};

struct SimKeyPage {
    QList<SimKey> rows;
    qint64 total = 0;
};

// The keys table of a data set of up to millions of keys in little memory. Base rows are computed from
// their index on demand (a hash of seed and index); only rows that were written (updated, deleted,
// created) are kept. Sorted orders are built on first use per sort field and dropped on every write.
class SimKeyStore {
public:
    SimKeyStore(const SimOptions &options, const QList<SimUser> &users, const QList<SimTeam> &teams,
                const QStringList &modelNames, qint64 nowMs);
    ~SimKeyStore();

    qint64 baseCount() const { return m_base; }
    qint64 size() const { return m_size; }
    qint64 nowMs() const { return m_now; }
    // The raw key of base row i: "sk-sim-<seed>-<i>". Its token is the sha256 hex of it.
    QString baseRawKey(qint64 index) const;

    SimKey key(qint64 index) const; // the current row (base or written)
    bool isLive(qint64 index) const;
    // A live or deleted row by raw key or by token hash.
    std::optional<qint64> find(const QString &rawOrHash) const;
    std::optional<qint64> findLiveByAlias(const QString &alias) const;

    void put(const SimKey &row); // replaces row.index
    qint64 add(SimKey row);      // a new row; returns its index

    SimKeyPage list(const SimKeyQuery &query, qint64 offset, qint64 limit) const;
    // Every live row's owner and spend, cheaply (no full rows for base keys).
    void forEachLive(const std::function<void(qint64 index, const QString &userId, const QString &teamId,
                                              double spend)> &visit) const;
    // All indices in ascending order of a sort field (nulls last), built once per field until a write.
    const std::vector<quint32> &order(const QString &sortBy) const;
    // The base key with the given spend rank (0 = the biggest spender among base keys).
    qint64 baseIndexOfSpendRank(qint64 rank) const;

private:
    struct Core;
    struct Filter;
    Core core(qint64 index) const;
    SimKey fromCore(qint64 index, const Core &c) const;
    const SimKey *written(qint64 index) const;
    std::optional<qint64> findBaseByToken(const QString &hash) const;
    void invalidate();

    const SimOptions &m_options;
    const QList<SimUser> &m_users;
    const QList<SimTeam> &m_teams;
    qsizetype m_baseTeams = 0; // teams made later (/team/new) own no base keys
    QStringList m_modelNames;
    std::vector<std::vector<int>> m_userTeams;
    qint64 m_now = 0;
    qint64 m_base = 0;
    qint64 m_size = 0;
    quint64 m_permMul = 1;
    quint64 m_permAdd = 0;
    quint64 m_permInv = 1;
    QHash<qint64, SimKey> m_written;
    QHash<QString, qint64> m_writtenTokens; // tokens of written rows that differ from the base token
    mutable std::vector<quint32> m_baseTokenOrder;
    mutable QHash<QString, std::shared_ptr<std::vector<quint32>>> m_orders;
};
