#include "core/watch/WatchEvaluator.h"

#include "core/budget/BudgetLadder.h"
#include "core/format/Money.h"
#include "core/roles/Lease.h"

#include <algorithm>
#include <cmath>

namespace {

using watchstats::Baseline;

// Spend a day for each subject over [from, today], oldest first.
using Series = QHash<QString, QList<double>>;

struct Days {
    QDate from;
    QDate today;
    int count() const { return int(from.daysTo(today)) + 1; }
    int at(QDate d) const { return int(from.daysTo(d)); }
    bool holds(QDate d) const { return d >= from && d <= today; }
};

void add(Series &s, const QString &name, const Days &days, QDate date, double spend) {
    auto it = s.find(name);
    if (it == s.end())
        it = s.insert(name, QList<double>(days.count(), 0.0));
    (*it)[days.at(date)] += spend;
}

Series cellSeries(const UsageReport &report, UsageReport::Dimension d, const Days &days) {
    Series s;
    for (const UsageCell &c : report.cells(d))
        if (days.holds(c.date))
            add(s, c.name, days, c.date, c.metrics.spend);
    return s;
}

QString money(double v) {
    return formatUsd(v);
}

QString dayWord(const QDate &day, const QDate &today) {
    return day == today ? QStringLiteral("today") : QStringLiteral("yesterday");
}

struct Spike {
    QDate day;
    double value = 0;
    double threshold = 0;
    Baseline base;
};

// Today's and yesterday's spend, each against the baseline of the days before it; the larger of the
// two (by how far it is over) when either is a spike.
std::optional<Spike> findSpike(const QList<double> &s, const Days &days, const WatchRules &rules) {
    std::optional<Spike> best;
    for (int back = 0; back < 2; ++back) {
        const int at = int(s.size()) - 1 - back;
        if (at - rules.baselineDays < 0)
            continue;
        const Baseline base = watchstats::baseline(s.mid(at - rules.baselineDays, rules.baselineDays));
        const double threshold = watchstats::spikeThreshold(base, rules.spike);
        if (!(s.at(at) > threshold))
            continue;
        Spike spike{days.today.addDays(-back), s.at(at), threshold, base};
        if (!best || spike.value / std::max(threshold, 1e-9) > best->value / std::max(best->threshold, 1e-9))
            best = spike;
    }
    return best;
}

struct Evaluation {
    const WatchInput &in;
    const WatchRules &rules;
    Days days;
    QList<Alert> alerts;

    Alert make(Alert::Kind kind, Alert::Subject type, const QString &subject, const QString &name) const {
        Alert a;
        a.kind = kind;
        a.subjectType = type;
        a.subject = subject;
        a.subjectName = name;
        a.since = in.now;
        return a;
    }

    void spikes(const Series &series, Alert::Subject type,
                const std::function<QString(const QString &)> &nameOf) {
        for (auto it = series.begin(); it != series.end(); ++it) {
            const auto spike = findSpike(it.value(), days, rules);
            if (!spike)
                continue;
            const QString name = nameOf(it.key());
            Alert a = make(Alert::Kind::SpendSpike, type, it.key(), name == it.key() ? QString() : name);
            a.value = spike->value;
            a.threshold = spike->threshold;
            a.day = spike->day;
            const QString who = Alert::subjectTypeName(type) + u' ' + name;
            if (!spike->base.hasHistory()) {
                a.message = QStringLiteral("%1 spent %2 %3 with no spend in the %4 days before (more than %5 "
                                           "a day is unusual for new spenders)")
                                .arg(who, money(spike->value), dayWord(spike->day, days.today))
                                .arg(rules.baselineDays)
                                .arg(money(spike->threshold));
            } else {
                const double times = spike->base.median > 0 ? spike->value / spike->base.median : 0;
                a.message = times > 0
                                ? QStringLiteral("%1 spent %2 %3, %4× its usual %5 a day (alert above %6)")
                                      .arg(who, money(spike->value), dayWord(spike->day, days.today))
                                      .arg(times, 0, 'f', 1)
                                      .arg(money(spike->base.median), money(spike->threshold))
                                : QStringLiteral("%1 spent %2 %3; on most of the %4 days before it spent "
                                                 "nothing (alert above %5)")
                                      .arg(who, money(spike->value), dayWord(spike->day, days.today))
                                      .arg(rules.baselineDays)
                                      .arg(money(spike->threshold));
            }
            alerts << a;
        }
    }

    // A budget: exhausted now, or running out within forecastDays at the recent burn rate and before it
    // resets.
    void budget(const Budget &b, Alert::Subject type, const QString &subject, const QList<double> *series) {
        const QString name = b.name.isEmpty() ? subject : b.name;
        const QString label = budgetladder::kindLabel(b.kind) + u' ' + name;
        if (b.isExhausted()) {
            Alert a = make(Alert::Kind::BudgetExhausted, type, subject, name == subject ? QString() : name);
            a.value = b.spend;
            a.threshold = b.maxBudget;
            a.message = QStringLiteral("%1 has spent %2 of its %3 budget%4: LiteLLM refuses its requests")
                            .arg(label, money(b.spend), money(b.maxBudget),
                                 b.resetAt.isValid()
                                     ? QStringLiteral(" (it resets %1)").arg(b.resetAt.toString(Qt::ISODate))
                                     : QString());
            alerts << a;
            return;
        }
        if (!series)
            return;
        const double rate = watchstats::burnRate(*series, rules.burnDays);
        const auto out = watchstats::runsOutAt(b.remaining(), rate, in.now);
        if (!out || *out > in.now.addDays(rules.forecastDays))
            return;
        if (b.resetAt.isValid() && b.resetAt <= *out)
            return; // it resets before it runs out
        Alert a = make(Alert::Kind::BudgetForecast, type, subject, name == subject ? QString() : name);
        const double daysLeft = double(in.now.secsTo(*out)) / 86400.0;
        a.value = std::round(daysLeft * 10) / 10;
        a.threshold = rules.forecastDays;
        a.message =
            QStringLiteral("%1 runs out in %2 days (about %3) at %4 a day over the last %5 days: %6 "
                           "of %7 left")
                .arg(label, QString::number(daysLeft, 'f', 1), out->toString(Qt::ISODate), money(rate))
                .arg(rules.burnDays)
                .arg(money(b.remaining()), money(b.maxBudget));
        alerts << a;
    }

    void health() {
        const WatchHealth &h = in.health;
        if (!h.checked)
            return;
        auto add = [this](const QString &what, const QString &message) {
            Alert a = make(Alert::Kind::ProxyUnhealthy, Alert::Subject::Proxy, what, QString());
            a.message = message;
            alerts << a;
        };
        if (!h.reachable) {
            add(QStringLiteral("unreachable"),
                QStringLiteral("The proxy is not reachable: %1").arg(h.unreachable));
            return;
        }
        if (h.dbReported && !h.dbConnected)
            add(QStringLiteral("database"),
                QStringLiteral(
                    "The proxy's database is disconnected: keys cannot be checked or spend recorded"));
        else if (!h.ready)
            add(QStringLiteral("not_ready"),
                QStringLiteral("The proxy is not ready (/health/readiness answered 503)"));
        if (!h.previousVersion.isEmpty() && !h.version.isEmpty() && h.previousVersion != h.version)
            add(QStringLiteral("version"), QStringLiteral("The proxy's LiteLLM version changed from %1 to %2")
                                               .arg(h.previousVersion, h.version));
    }

    void expiring() {
        for (const KeyRecord &key : in.expiring) {
            if (!key.expires.isValid() || key.expires <= in.now ||
                key.expires > in.now.addDays(rules.expiryDays))
                continue;
            Alert a = make(Alert::Kind::Expiring, Alert::Subject::Key, key.token, key.displayName());
            const qint64 secs = in.now.secsTo(key.expires);
            a.value = std::round(double(secs) / 86400.0 * 10) / 10;
            a.threshold = rules.expiryDays;
            const auto lease = Lease::fromKey(key.metadata, key.expires);
            if (lease)
                a.leaseRole = lease->role;
            a.message =
                QStringLiteral("%1 %2 expires in %3 (%4)%5")
                    .arg(
                        lease ? QStringLiteral("Lease") : QStringLiteral("Key"), key.displayName(),
                        formatTimeLeft(secs), key.expires.toString(Qt::ISODate),
                        lease
                            ? QStringLiteral(", issued from role %1: renew it or let it end").arg(lease->role)
                            : QString());
            alerts << a;
        }
    }

    void run() {
        health();
        if (!in.health.reachable)
            return;
        const Series keySeries =
            in.usage ? cellSeries(*in.usage, UsageReport::Dimension::Key, days) : Series();
        Series teamSeries, userSeries, memberSeries;
        if (in.teams)
            teamSeries = cellSeries(*in.teams, UsageReport::Dimension::Entity, days);
        for (auto it = keySeries.begin(); it != keySeries.end(); ++it) {
            const auto key = in.keys.constFind(it.key());
            if (key == in.keys.cend())
                continue;
            auto sum = [&](Series &into, const QString &name) {
                auto &s = into[name];
                if (s.isEmpty())
                    s = QList<double>(days.count(), 0.0);
                for (int i = 0; i < days.count(); ++i)
                    s[i] += it.value().at(i);
            };
            if (!in.teams && !key->teamId.isEmpty())
                sum(teamSeries, key->teamId);
            if (!key->userId.isEmpty()) {
                sum(userSeries, key->userId);
                if (!key->teamId.isEmpty())
                    sum(memberSeries, key->teamId + u'/' + key->userId);
            }
        }
        if (rules.spikes && in.usage) {
            spikes(keySeries, Alert::Subject::Key, [this](const QString &token) {
                const auto key = in.keys.constFind(token);
                if (key != in.keys.cend())
                    return key->displayName();
                const UsageTable &t = in.usage->table(UsageReport::Dimension::Key);
                const int id = t.indexOf(token);
                const QString label = id >= 0 ? t.item(id).label : QString();
                return label.isEmpty() ? token.left(12) : label;
            });
            spikes(teamSeries, Alert::Subject::Team, [this](const QString &team) {
                if (in.budgets)
                    if (const auto t = in.budgets->teams.constFind(team); t != in.budgets->teams.cend())
                        return t->displayName();
                if (in.teams) {
                    const UsageTable &t = in.teams->table(UsageReport::Dimension::Entity);
                    if (const int id = t.indexOf(team); id >= 0 && !t.item(id).label.isEmpty())
                        return t.item(id).label;
                }
                return team;
            });
            spikes(cellSeries(*in.usage, UsageReport::Dimension::Model, days), Alert::Subject::Model,
                   [](const QString &model) { return model; });
        }
        if (rules.budgets)
            budgets(keySeries, teamSeries, userSeries, memberSeries);
        if (rules.expiry)
            expiring();
    }

    void budgets(const Series &keys, const Series &teams, const Series &users, const Series &members) {
        auto seriesOf = [](const Series &s, const QString &name) {
            const auto it = s.constFind(name);
            return it == s.cend() ? nullptr : &it.value();
        };
        // Keys: those with usage in the range (an exhausted key nobody uses is the Keys page's news).
        for (auto it = in.keys.begin(); it != in.keys.end(); ++it) {
            const KeyRecord &k = it.value();
            if (!(k.maxBudget.value_or(0) > 0))
                continue;
            Budget b{BudgetKind::Key, k.token,          k.displayName(), k.spend,
                     *k.maxBudget,    k.budgetDuration, k.budgetResetAt};
            budget(b, Alert::Subject::Key, k.token, seriesOf(keys, k.token));
        }
        if (!in.budgets)
            return;
        const BudgetBook &book = *in.budgets;
        for (const TeamRecord &t : book.teams) {
            if (t.maxBudget.value_or(0) > 0) {
                Budget b{BudgetKind::Team, t.teamId,         t.displayName(), t.spend,
                         *t.maxBudget,     t.budgetDuration, t.budgetResetAt};
                budget(b, Alert::Subject::Team, t.teamId, seriesOf(teams, t.teamId));
            }
            for (const TeamMember &m : t.members) {
                if (!(m.maxBudgetInTeam.value_or(0) > 0))
                    continue;
                const QString id = t.teamId + u'/' + m.userId;
                const QString who = (m.userEmail.isEmpty() ? m.userId : m.userEmail);
                Budget b{BudgetKind::TeamMember,
                         id,
                         QStringLiteral("%1 in %2").arg(who, t.displayName()),
                         m.spend,
                         *m.maxBudgetInTeam,
                         m.budgetDuration,
                         m.budgetResetAt};
                budget(b, Alert::Subject::User, id, seriesOf(members, id));
            }
        }
        for (const UserRecord &u : book.users) {
            if (!(u.maxBudget.value_or(0) > 0))
                continue;
            Budget b{BudgetKind::User, u.userId,     u.userEmail.isEmpty() ? u.userId : u.userEmail,
                     u.spend,          *u.maxBudget, u.budgetDuration,
                     u.budgetResetAt};
            budget(b, Alert::Subject::User, u.userId, seriesOf(users, u.userId));
        }
        if (book.proxyMaxBudget.value_or(0) > 0 && book.proxySpend) {
            Budget b{BudgetKind::Proxy,
                     {},
                     QStringLiteral("the proxy"),
                     *book.proxySpend,
                     *book.proxyMaxBudget,
                     {},
                     {}};
            QList<double> total(days.count(), 0.0);
            if (in.usage)
                for (const auto &[date, m] : in.usage->days())
                    if (days.holds(date))
                        total[days.at(date)] += m.spend;
            budget(b, Alert::Subject::Proxy, QStringLiteral("budget"), &total);
        }
    }
};

} // namespace

namespace watcheval {

QDate usageFrom(QDate today, const WatchRules &rules) {
    return today.addDays(-(rules.baselineDays + 1));
}

QList<Alert> evaluate(const WatchInput &input, const WatchRules &rules) {
    const QDate today = input.now.toUTC().date();
    Evaluation e{input, rules, Days{usageFrom(today, rules), today}, {}};
    e.run();
    std::stable_sort(e.alerts.begin(), e.alerts.end(), [](const Alert &a, const Alert &b) {
        if (a.severity() != b.severity())
            return a.severity() > b.severity();
        if (a.kind != b.kind)
            return a.kind < b.kind;
        return a.subject < b.subject;
    });
    return e.alerts;
}

} // namespace watcheval
