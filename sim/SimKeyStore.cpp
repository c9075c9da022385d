#include "SimKeyStore.h"

#include "sim/SimOptions.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr double kNull =
    std::numeric_limits<double>::infinity(); // nulls sort last ascending, first descending
const char *const kPurposes[] = {"ci",      "prod", "batch",    "chatbot", "eval",
                                 "staging", "etl",  "notebook", "support", "agent"};
constexpr int kPurposeCount = int(sizeof(kPurposes) / sizeof(kPurposes[0]));
const char *const kTags[] = {"prod", "batch", "chatbot", "research", "internal", "customer-facing"};
constexpr int kTagCount = int(sizeof(kTags) / sizeof(kTags[0]));
const char *const kEnvs[] = {"prod", "staging", "dev"};
const char *const kDurations[] = {"30d", "7d", "1d"};

quint64 modInverse(quint64 a, quint64 m) {
    qint64 t = 0, newT = 1;
    qint64 r = qint64(m), newR = qint64(a % m);
    while (newR != 0) {
        const qint64 q = r / newR;
        t = std::exchange(newT, t - q * newT);
        r = std::exchange(newR, r - q * newR);
    }
    return quint64(t < 0 ? t + qint64(m) : t);
}

QByteArray sha(const QString &raw) {
    return QCryptographicHash::hash(raw.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace

struct SimKeyStore::Core {
    int user = -1;
    int team = -1;
    int purpose = -1;
    double spend = 0;
    double maxBudget = kNull;
    int budgetDuration = -1;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 lastActive = 0; // 0 = null
    qint64 expires = 0;    // 0 = null
    SimTimeStyle style = SimTimeStyle::Zulu;
    int blocked = -1;
    quint32 modelMask = 0;
    qint64 tpm = -1;
    qint64 rpm = -1;
    int env = -1;
    quint32 tagMask = 0;
};

// Filters of a query, resolved once so base rows compare numbers rather than strings.
struct SimKeyStore::Filter {
    const SimKeyQuery &q;
    int user = -1; // base user index wanted; -2 = no base row can match
    int team = -1;
    qint64 now = 0;

    bool matches(const SimKey &row) const {
        if (!q.userId.isNull() && row.userId != q.userId)
            return false;
        if (!q.teamId.isNull() && row.teamId != q.teamId)
            return false;
        if (!q.orgId.isNull() && row.orgId != q.orgId)
            return false;
        if (!q.alias.isNull() &&
            !(q.aliasSubstring ? row.alias.contains(q.alias, Qt::CaseInsensitive) : row.alias == q.alias))
            return false;
        if (!q.keyHash.isNull() && row.token != q.keyHash)
            return false;
        if (q.expiry == SimKeyQuery::Expiry::Expired && !row.isExpired(now))
            return false;
        if (q.expiry == SimKeyQuery::Expiry::Active && row.isExpired(now))
            return false;
        return true;
    }
};

SimKeyStore::SimKeyStore(const SimOptions &options, const QList<SimUser> &users, const QList<SimTeam> &teams,
                         const QStringList &modelNames, qint64 nowMs)
    : m_options(options)
    , m_users(users)
    , m_teams(teams)
    , m_baseTeams(teams.size())
    , m_modelNames(modelNames)
    , m_now(nowMs)
    , m_base(std::max(0, options.keys))
    , m_size(m_base) {
    QHash<QString, int> teamIndex;
    for (int t = 0; t < teams.size(); ++t)
        teamIndex.insert(teams.at(t).teamId, t);
    for (const auto &u : users) {
        std::vector<int> ts;
        for (const auto &id : u.teams)
            ts.push_back(teamIndex.value(id, -1));
        m_userTeams.push_back(std::move(ts));
    }
    if (m_base > 1) {
        quint64 mul = (simMix(options.seed) % quint64(m_base)) | 1;
        while (std::gcd(mul, quint64(m_base)) != 1)
            mul += 2;
        m_permMul = mul % quint64(m_base);
        m_permAdd = simMix(options.seed + 1) % quint64(m_base);
        m_permInv = modInverse(m_permMul, quint64(m_base));
    }
}

SimKeyStore::~SimKeyStore() = default;

QString SimKeyStore::baseRawKey(qint64 index) const {
    return QStringLiteral("sk-sim-%1-%2").arg(m_options.seed).arg(index);
}

qint64 SimKeyStore::baseIndexOfSpendRank(qint64 rank) const {
    if (m_base <= 1)
        return 0;
    const quint64 n = quint64(m_base);
    const quint64 shifted = (quint64(rank) % n + n - m_permAdd) % n;
    return qint64(shifted * m_permInv % n); // n < 2^31: no overflow
}

SimKeyStore::Core SimKeyStore::core(qint64 i) const {
    Core c;
    const quint64 h = simMix(m_options.seed * 0x100000001b3ULL ^ (quint64(i) * 0x9e3779b97f4a7c15ULL));
    auto unit = [h](int k) { return simUnit(h + quint64(k) * 0x632be59bd9b4e019ULL); };
    const quint64 n = quint64(std::max<qint64>(1, m_base));

    // Who owns it: a few heavy users own many keys; some keys belong to no user (service keys).
    const int users = int(m_userTeams.size());
    if (users > 0 && unit(1) >= 0.08) {
        c.user = std::min(users - 1, int(users * std::pow(unit(2), 1.6)));
        const auto &ts = m_userTeams[size_t(c.user)];
        if (!ts.empty() && unit(3) < 0.8)
            c.team = ts[size_t(unit(4) * double(ts.size()))];
    } else if (m_baseTeams > 0 && unit(3) < 0.6) {
        c.team = int(unit(4) * double(m_baseTeams));
    }
    if (unit(5) >= 0.12)
        c.purpose = int(h % kPurposeCount);

    // Zipf-like spend over a permutation of the keys: rank 0 spends most, the last fifth spends nothing.
    const quint64 rank = (quint64(i) % n * m_permMul + m_permAdd) % n;
    if (double(rank) < 0.8 * double(n))
        c.spend = std::round(1800.0 / std::pow(double(rank + 1), 0.85) * (0.75 + 0.5 * unit(6)) * 10000.0) /
                  10000.0;
    if (unit(7) >= 0.35) {
        static constexpr double budgets[] = {10, 25, 50, 100, 250, 500, 1000};
        c.maxBudget = budgets[size_t(unit(8) * 7)];
    }
    const double bd = unit(9);
    c.budgetDuration = bd < 0.5 ? -1 : bd < 0.75 ? 0 : bd < 0.9 ? 1 : 2;

    // Created one after another over the last year, so created_at order is index order.
    const qint64 span = 365 * kDayMs;
    const qint64 start = m_now - span - kDayMs;
    const double step = double(span) / double(n);
    c.created = start + qint64(double(i) * step + unit(10) * step * 0.9);
    c.updated = c.created + qint64(unit(11) * 0.5 * double(m_now - c.created));
    if (unit(12) >= 0.25)
        c.lastActive = c.updated + qint64(unit(13) * double(m_now - c.updated));
    c.style = SimTimeStyle(h % 3);
    const double ex = unit(14);
    if (ex >= 0.45 && ex < 0.6)
        c.expires = m_now - qint64(1 + unit(15) * 60) * kDayMs / 2;
    else if (ex >= 0.6)
        c.expires = m_now + qint64((1 + unit(15) * 180) * double(kDayMs));
    if (c.style != SimTimeStyle::Microseconds) { // whole seconds for the formats without fractions
        for (qint64 *t : {&c.created, &c.updated, &c.expires, &c.lastActive})
            *t -= *t % 1000;
    }
    const double b = unit(16);
    c.blocked = b < 0.85 ? -1 : b < 0.95 ? 0 : 1;
    const int models = int(std::min<qsizetype>(m_modelNames.size(), 8));
    if (models > 0 && unit(17) >= 0.55) {
        const int count = 1 + int(unit(18) * 3);
        for (int k = 0; k < count; ++k)
            c.modelMask |= 1U << int(unit(19 + k) * models);
    }
    if (unit(23) >= 0.6) {
        c.tpm = 10000 * (1 + qint64(unit(24) * 20));
        c.rpm = 10 * (1 + qint64(unit(25) * 50));
    }
    if (unit(26) < 0.6)
        c.env = int(unit(27) * 3);
    if (unit(28) < 0.35)
        c.tagMask =
            (1U << int(unit(29) * kTagCount)) | (unit(30) < 0.3 ? 1U << int(unit(31) * kTagCount) : 0U);
    return c;
}

SimKey SimKeyStore::fromCore(qint64 i, const Core &c) const {
    SimKey k;
    k.index = i;
    const QString raw = baseRawKey(i);
    k.token = simTokenOf(raw);
    k.keyName = simKeyName(raw);
    if (c.purpose >= 0)
        k.alias = QString::fromLatin1(kPurposes[c.purpose]) + u'-' + QString::number(i);
    k.spend = c.spend;
    if (c.maxBudget != kNull)
        k.maxBudget = c.maxBudget;
    if (c.budgetDuration >= 0) {
        k.budgetDuration = QString::fromLatin1(kDurations[c.budgetDuration]);
        static constexpr int days[] = {30, 7, 1};
        k.budgetResetAt = m_now + (c.created % (days[c.budgetDuration] * kDayMs));
        *k.budgetResetAt -= *k.budgetResetAt % 1000;
    }
    if (c.expires != 0)
        k.expires = c.expires;
    k.timeStyle = c.style;
    for (int m = 0; m < 32; ++m)
        if (c.modelMask & (1U << m))
            k.models << m_modelNames.at(m);
    if (c.user >= 0)
        k.userId = m_users.at(c.user).userId;
    if (c.team >= 0) {
        k.teamId = m_teams.at(c.team).teamId;
        k.orgId = m_teams.at(c.team).orgId;
    }
    if (c.blocked >= 0)
        k.blocked = c.blocked == 1;
    if (c.tpm >= 0) {
        k.tpmLimit = c.tpm;
        k.rpmLimit = c.rpm;
    }
    if (c.env >= 0)
        k.metadata.insert(QStringLiteral("env"), QString::fromLatin1(kEnvs[c.env]));
    if (c.tagMask) {
        QJsonArray tags;
        for (int t = 0; t < kTagCount; ++t)
            if (c.tagMask & (1U << t))
                tags << QString::fromLatin1(kTags[t]);
        k.metadata.insert(QStringLiteral("tags"), tags);
    }
    k.createdAt = c.created;
    k.updatedAt = c.updated;
    if (c.lastActive)
        k.lastActive = c.lastActive;
    k.createdBy = c.user >= 0 && (i % 3) != 0 ? k.userId : QStringLiteral("default_user_id");
    k.updatedBy = k.createdBy;
    return k;
}

const SimKey *SimKeyStore::written(qint64 index) const {
    if (m_written.isEmpty())
        return nullptr;
    const auto it = m_written.constFind(index);
    return it == m_written.cend() ? nullptr : &*it;
}

SimKey SimKeyStore::key(qint64 index) const {
    if (const SimKey *w = written(index))
        return *w;
    return fromCore(index, core(index));
}

bool SimKeyStore::isLive(qint64 index) const {
    if (index < 0 || index >= m_size)
        return false;
    const SimKey *w = written(index);
    return !w || !w->deleted;
}

std::optional<qint64> SimKeyStore::findBaseByToken(const QString &hash) const {
    if (m_base == 0)
        return std::nullopt;
    if (m_baseTokenOrder.empty()) {
        std::vector<std::pair<QByteArray, quint32>> all;
        all.reserve(size_t(m_base));
        for (qint64 i = 0; i < m_base; ++i)
            all.emplace_back(sha(baseRawKey(i)).left(8), quint32(i));
        std::sort(all.begin(), all.end());
        m_baseTokenOrder.reserve(all.size());
        for (const auto &p : all)
            m_baseTokenOrder.push_back(p.second);
    }
    const QByteArray want = QByteArray::fromHex(hash.toLatin1());
    const auto it =
        std::lower_bound(m_baseTokenOrder.begin(), m_baseTokenOrder.end(), want,
                         [this](quint32 i, const QByteArray &w) { return sha(baseRawKey(i)) < w; });
    if (it != m_baseTokenOrder.end() && sha(baseRawKey(*it)) == want)
        return *it;
    return std::nullopt;
}

std::optional<qint64> SimKeyStore::find(const QString &rawOrHash) const {
    if (rawOrHash.isEmpty())
        return std::nullopt;
    const bool isHash = rawOrHash.size() == 64 && !rawOrHash.startsWith(u"sk-");
    const QString token = isHash ? rawOrHash.toLower() : simTokenOf(rawOrHash);
    if (const auto it = m_writtenTokens.constFind(token); it != m_writtenTokens.cend())
        return *it;
    std::optional<qint64> base;
    const QString prefix = QStringLiteral("sk-sim-%1-").arg(m_options.seed);
    if (!isHash && rawOrHash.startsWith(prefix)) {
        bool ok = false;
        const qint64 i = rawOrHash.mid(prefix.size()).toLongLong(&ok);
        if (ok && i >= 0 && i < m_base && baseRawKey(i) == rawOrHash)
            base = i;
    } else if (isHash) {
        base = findBaseByToken(token);
    }
    if (base) {
        const SimKey *w = written(*base);
        if (w && w->token != token) // regenerated: the old key is gone
            return std::nullopt;
    }
    return base;
}

std::optional<qint64> SimKeyStore::findLiveByAlias(const QString &alias) const {
    for (auto it = m_written.cbegin(); it != m_written.cend(); ++it)
        if (!it->deleted && it->alias == alias)
            return it.key();
    const qsizetype dash = alias.lastIndexOf(u'-');
    if (dash <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 i = alias.mid(dash + 1).toLongLong(&ok);
    if (!ok || i < 0 || i >= m_base || written(i))
        return std::nullopt;
    const Core c = core(i);
    if (c.purpose < 0 || QLatin1String(kPurposes[c.purpose]) != QStringView(alias).left(dash))
        return std::nullopt;
    return i;
}

void SimKeyStore::invalidate() {
    m_orders.clear();
}

void SimKeyStore::put(const SimKey &row) {
    if (row.index < 0 || row.index >= m_size)
        return;
    if (const SimKey *old = written(row.index))
        m_writtenTokens.remove(old->token);
    m_written.insert(row.index, row);
    if (row.index >= m_base || row.token != simTokenOf(baseRawKey(row.index)))
        m_writtenTokens.insert(row.token, row.index);
    invalidate();
}

qint64 SimKeyStore::add(SimKey row) {
    row.index = m_size++;
    put(row);
    return row.index;
}

const std::vector<quint32> &SimKeyStore::order(const QString &sortBy) const {
    if (const auto it = m_orders.constFind(sortBy); it != m_orders.cend())
        return **it;
    auto out = std::make_shared<std::vector<quint32>>(size_t(m_size));
    std::iota(out->begin(), out->end(), 0U);
    auto &idx = *out;
    const auto byNumber = [&](auto value) {
        std::vector<double> v(static_cast<size_t>(m_size));
        for (qint64 i = 0; i < m_size; ++i)
            v[size_t(i)] = value(i);
        std::stable_sort(idx.begin(), idx.end(), [&v](quint32 a, quint32 b) { return v[a] < v[b]; });
    };
    if (sortBy == u"spend") {
        byNumber([this](qint64 i) {
            const SimKey *w = written(i);
            return w ? w->spend : core(i).spend;
        });
    } else if (sortBy == u"max_budget") {
        byNumber([this](qint64 i) {
            const SimKey *w = written(i);
            return w ? w->maxBudget.value_or(kNull) : core(i).maxBudget;
        });
    } else if (sortBy == u"updated_at") {
        byNumber([this](qint64 i) {
            const SimKey *w = written(i);
            return double(w ? w->updatedAt : core(i).updated);
        });
    } else if (sortBy == u"key_alias" || sortBy == u"token") {
        const bool alias = sortBy == u"key_alias";
        std::vector<std::string> v(static_cast<size_t>(m_size));
        std::vector<char> isNull(static_cast<size_t>(m_size), 0);
        for (qint64 i = 0; i < m_size; ++i) {
            const SimKey *w = written(i);
            if (alias) {
                const Core c = w ? Core() : core(i);
                if (w ? w->alias.isNull() : c.purpose < 0)
                    isNull[size_t(i)] = 1;
                else
                    v[size_t(i)] = w ? w->alias.toStdString()
                                     : std::string(kPurposes[c.purpose]) + '-' + std::to_string(i);
            } else {
                v[size_t(i)] = w ? QByteArray::fromHex(w->token.toLatin1()).left(12).toStdString()
                                 : sha(baseRawKey(i)).left(12).toStdString();
            }
        }
        std::stable_sort(idx.begin(), idx.end(), [&](quint32 a, quint32 b) {
            if (isNull[a] != isNull[b])
                return isNull[b] != 0;
            return v[a] < v[b];
        });
    } // created_at: rows are created in index order
    m_orders.insert(sortBy, out);
    return *out;
}

SimKeyPage SimKeyStore::list(const SimKeyQuery &q, qint64 offset, qint64 limit) const {
    SimKeyPage page;
    Filter f{q, -1, -1, QDateTime::currentMSecsSinceEpoch()};
    if (!q.userId.isNull()) {
        f.user = -2;
        for (int u = 0; u < int(m_userTeams.size()); ++u)
            if (m_users.at(u).userId == q.userId)
                f.user = u;
    }
    if (!q.teamId.isNull()) {
        f.team = -2;
        for (int t = 0; t < m_teams.size(); ++t)
            if (m_teams.at(t).teamId == q.teamId)
                f.team = t;
    }
    const bool needsCore = !q.userId.isNull() || !q.teamId.isNull() || !q.orgId.isNull() ||
                           !q.alias.isNull() || q.expiry != SimKeyQuery::Expiry::Any;
    const auto baseMatches = [&](qint64 i) {
        if (!needsCore)
            return true;
        if (f.user == -2 || f.team == -2)
            return false;
        const Core c = core(i);
        if (f.user >= 0 && c.user != f.user)
            return false;
        if (f.team >= 0 && c.team != f.team)
            return false;
        if (!q.orgId.isNull() && (c.team < 0 || m_teams.at(c.team).orgId != q.orgId))
            return false;
        if (!q.alias.isNull()) {
            if (c.purpose < 0)
                return false;
            const QString alias = QString::fromLatin1(kPurposes[c.purpose]) + u'-' + QString::number(i);
            if (q.aliasSubstring ? !alias.contains(q.alias, Qt::CaseInsensitive) : alias != q.alias)
                return false;
        }
        if (q.expiry == SimKeyQuery::Expiry::Expired && !(c.expires != 0 && c.expires < f.now))
            return false;
        if (q.expiry == SimKeyQuery::Expiry::Active && c.expires != 0 && c.expires < f.now)
            return false;
        return true;
    };
    const auto take = [&](const SimKey &row) {
        if (page.total >= offset && page.total < offset + limit)
            page.rows << row;
        ++page.total;
    };

    if (q.deletedOnly || !q.keyHash.isNull()) { // few candidates: sort them directly
        QList<SimKey> rows;
        if (q.deletedOnly) {
            for (const auto &row : m_written)
                if (row.deleted && f.matches(row))
                    rows << row;
        } else if (const auto i = find(q.keyHash); i && isLive(*i)) {
            const SimKey row = key(*i);
            if (f.matches(row))
                rows << row;
        }
        const QString by = q.sortBy.isEmpty() ? QStringLiteral("created_at") : q.sortBy;
        std::sort(rows.begin(), rows.end(), [&](const SimKey &a, const SimKey &b) {
            const auto less = [&](const SimKey &x, const SimKey &y) {
                if (by == u"spend")
                    return x.spend < y.spend;
                if (by == u"max_budget")
                    return x.maxBudget.value_or(kNull) < y.maxBudget.value_or(kNull);
                if (by == u"updated_at")
                    return x.updatedAt < y.updatedAt;
                if (by == u"key_alias")
                    return !x.alias.isNull() && (y.alias.isNull() || x.alias < y.alias);
                if (by == u"token")
                    return x.token < y.token;
                return x.createdAt < y.createdAt || (x.createdAt == y.createdAt && x.token < y.token);
            };
            return q.descending ? less(b, a) : less(a, b);
        });
        for (const auto &row : rows)
            take(row);
        return page;
    }

    const std::vector<quint32> *ord =
        q.sortBy.isEmpty() || q.sortBy == u"created_at" ? nullptr : &order(q.sortBy);
    for (qint64 n = 0; n < m_size; ++n) {
        const qint64 pos = q.descending ? m_size - 1 - n : n;
        const qint64 i = ord ? qint64((*ord)[size_t(pos)]) : pos;
        if (const SimKey *w = written(i)) {
            if (!w->deleted && f.matches(*w))
                take(*w);
        } else if (baseMatches(i)) {
            if (page.total >= offset && page.total < offset + limit)
                page.rows << fromCore(i, core(i));
            ++page.total;
        }
    }
    return page;
}

void SimKeyStore::forEachLive(
    const std::function<void(qint64, const QString &, const QString &, double)> &visit) const {
    static const QString none;
    for (qint64 i = 0; i < m_size; ++i) {
        if (const SimKey *w = written(i)) {
            if (!w->deleted)
                visit(i, w->userId, w->teamId, w->spend);
            continue;
        }
        const Core c = core(i);
        visit(i, c.user >= 0 ? m_users.at(c.user).userId : none,
              c.team >= 0 ? m_teams.at(c.team).teamId : none, c.spend);
    }
}
