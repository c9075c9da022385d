#include "sim/SimActivity.h"
#include "sim/Simulator.h"

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

// What the injections changed, so each can be undone.
struct SimInjected {
    qint64 spikeKey = -1;
    double spikeSpend = 0;
    qint64 burnKey = -1;
    double burnSpend = 0;
    int burnTeam = -1;
    SimTeam savedTeam;
};

namespace {

constexpr int kWindow = 16;   // the days a watch pass reads with its default 14-day baseline
constexpr int kBaseline = 14; // the days before today that make a key's usual day

// Spend a day over the last kWindow days (oldest first) of each key, and of each model, from `rows`.
struct Recent {
    QHash<qint64, QList<double>> keys;
    QHash<int, QList<double>> models;
    QHash<qint64, int> keyModel; // the model a key used last
};

Recent recent(SimDataset &data) {
    Recent r;
    SimActivityQuery q;
    q.start = data.today().addDays(-(kWindow - 1));
    q.end = data.today();
    for (const SimActivityRow &row : data.activity().rows(q)) {
        const int at = int(q.start.daysTo(row.date));
        auto &k = r.keys[row.key];
        if (k.isEmpty())
            k = QList<double>(kWindow, 0.0);
        k[at] += row.metrics.spend;
        auto &m = r.models[row.model];
        if (m.isEmpty())
            m = QList<double>(kWindow, 0.0);
        m[at] += row.metrics.spend;
        r.keyModel.insert(row.key, row.model);
    }
    return r;
}

double median(QList<double> v) {
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

// No budget above the key besides (at most) its team's: its user has no budget of its own or in the team.
bool noBudgetsAround(const SimDataset &data, const SimKey &key) {
    if (key.maxBudget)
        return false;
    if (!key.userId.isEmpty()) {
        const int u = data.userIndex(key.userId);
        if (u >= 0 && data.users().at(u).maxBudget)
            return false;
        if (!key.teamId.isEmpty()) {
            const int t = data.teamIndex(key.teamId);
            if (t >= 0) {
                const SimTeam &team = data.teams().at(t);
                const int m = team.memberIndex(key.userId);
                if (m >= 0 && team.members.at(m).maxBudgetInTeam)
                    return false;
            }
        }
    }
    return true;
}

SimActivityRow row(QDate date, const SimKey &key, int model, double spend) {
    SimActivityRow r;
    r.date = date;
    r.entity = key.userId.isEmpty() ? QStringLiteral("default_user_id") : key.userId;
    r.key = key.index;
    r.model = model;
    r.metrics.spend = spend;
    r.metrics.successfulRequests = std::max<qint64>(1, qint64(spend * 20));
    r.metrics.promptTokens = r.metrics.successfulRequests * 1000;
    r.metrics.completionTokens = r.metrics.successfulRequests * 200;
    return r;
}

void addSpend(SimDataset &data, qint64 index, double spend) {
    SimKey k = data.keys().key(index);
    k.spend += spend;
    data.keys().put(k);
    data.keysChanged();
}

} // namespace

// A key without a team or budgets around it spends today well above its usual day, yet little enough
// for its model's day to stay usual (so only the key spikes).
QString Simulator::injectSpike() {
    clearSpike();
    if (!m_injected)
        m_injected = std::make_shared<SimInjected>();
    SimDataset &data = *m_data;
    const Recent r = recent(data);
    // Over the key's usual (1.25 times the most a watch's default rules let pass) and, with its model's
    // spend today, short of what would make the model's day unusual too (on the busiest model it may use).
    qint64 best = -1;
    double bestSpend = 0;
    double bestRoom = 0;
    int bestModel = -1;
    for (auto it = r.keys.cbegin(); it != r.keys.cend(); ++it) {
        const QList<double> before = it->mid(kWindow - 1 - kBaseline, kBaseline);
        const SimKey key = data.keys().key(it.key());
        if (!key.teamId.isEmpty() || !noBudgetsAround(data, key) || !data.keys().isLive(it.key()))
            continue;
        const double usual = median(before);
        QList<double> deviations;
        for (double d : before)
            deviations << std::abs(d - usual);
        const double spread = median(deviations);
        const bool history = std::any_of(before.begin(), before.end(), [](double d) { return d > 0; });
        const double bar = history ? std::max({usual + 5 * 1.4826 * spread, 3 * usual, usual + 10}) : 25.0;
        const double spend = std::round(1.25 * bar * 100) / 100;
        for (auto m = r.models.cbegin(); m != r.models.cend(); ++m) {
            if (!key.models.isEmpty() && !key.models.contains(data.models().at(m.key()).name))
                continue;
            const double modelUsual = median(m->mid(kWindow - 1 - kBaseline, kBaseline));
            const double room = std::max(2.8 * modelUsual, modelUsual + 10) - m->last() - spend;
            if (room > bestRoom)
                best = it.key(), bestSpend = spend, bestRoom = room, bestModel = m.key();
        }
    }
    if (best < 0)
        return {};
    const SimKey key = data.keys().key(best);
    data.activity().setExtraRows(QStringLiteral("spike"), {row(data.today(), key, bestModel, bestSpend)});
    addSpend(data, best, bestSpend);
    m_injected->spikeKey = best;
    m_injected->spikeSpend = bestSpend;
    return key.token;
}

void Simulator::clearSpike() {
    if (!m_injected || m_injected->spikeKey < 0)
        return;
    m_data->activity().setExtraRows(QStringLiteral("spike"), {});
    addSpend(*m_data, m_injected->spikeKey, -m_injected->spikeSpend);
    m_injected->spikeKey = -1;
}

// One of a team's keys (no budgets of its own or its user's) spends the same amount every day of the last
// two weeks, on top of its usual; the team's budget is set to what it has spent plus two such days, with
// no reset. At the recent rate it runs out in under two days; nothing spikes (the extra is steady).
QString Simulator::injectTeamBurn() {
    clearTeamBurn();
    if (!m_injected)
        m_injected = std::make_shared<SimInjected>();
    SimDataset &data = *m_data;
    const Recent r = recent(data);
    qint64 chosen = -1;
    for (auto it = r.keys.cbegin(); it != r.keys.cend() && chosen < 0; ++it) {
        const SimKey key = data.keys().key(it.key());
        if (key.teamId.isEmpty() || !data.keys().isLive(it.key()) || !noBudgetsAround(data, key))
            continue;
        if (data.teamIndex(key.teamId) >= 0)
            chosen = it.key();
    }
    if (chosen < 0)
        return {};
    const SimKey key = data.keys().key(chosen);
    const int t = data.teamIndex(key.teamId);
    const double perDay = 50;
    QList<SimActivityRow> rows;
    for (int back = 0; back < kWindow; ++back)
        rows << row(data.today().addDays(-back), key, r.keyModel.value(chosen), perDay);
    data.activity().setExtraRows(QStringLiteral("burn"), rows);
    addSpend(data, chosen, perDay * kWindow);
    m_injected->burnKey = chosen;
    m_injected->burnSpend = perDay * kWindow;
    m_injected->burnTeam = t;
    SimTeam &team = data.teams()[t];
    m_injected->savedTeam = team;
    team.maxBudget = data.teamTotals(team.teamId).spend + 2 * perDay;
    team.budgetDuration.clear();
    team.budgetResetAt.reset();
    return team.teamId;
}

void Simulator::clearTeamBurn() {
    if (!m_injected || m_injected->burnKey < 0)
        return;
    m_data->activity().setExtraRows(QStringLiteral("burn"), {});
    addSpend(*m_data, m_injected->burnKey, -m_injected->burnSpend);
    SimTeam &team = m_data->teams()[m_injected->burnTeam];
    team.maxBudget = m_injected->savedTeam.maxBudget;
    team.budgetDuration = m_injected->savedTeam.budgetDuration;
    team.budgetResetAt = m_injected->savedTeam.budgetResetAt;
    m_injected->burnKey = -1;
}

// A key issued from role "ci" 28 days ago for 30 days (at most 90): it expires in two days.
QString Simulator::injectExpiringLease() {
    SimDataset &data = *m_data;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    SimKey k;
    const QString raw = QStringLiteral("sk-lease-%1").arg(now, 0, 36);
    k.token = simTokenOf(raw);
    k.keyName = simKeyName(raw);
    k.alias = QStringLiteral("desk-ci-%1").arg(now % 100000, 5, 10, QLatin1Char('0'));
    const QDateTime issued = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).addDays(-28);
    k.metadata = QJsonObject{{QStringLiteral("desk_role"), QStringLiteral("ci")},
                             {QStringLiteral("desk_issued_at"), issued.toString(Qt::ISODate)},
                             {QStringLiteral("desk_ttl"), QStringLiteral("30d")},
                             {QStringLiteral("desk_max_ttl"), QStringLiteral("90d")}};
    k.expires = now + 2 * 86400000LL;
    k.createdAt = issued.toMSecsSinceEpoch();
    k.updatedAt = now;
    k.createdBy = QStringLiteral("default_user_id");
    data.keys().add(k);
    data.keysChanged();
    return k.token;
}
