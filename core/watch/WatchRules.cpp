#include "core/watch/WatchRules.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace {

struct Reader {
    const QJsonObject &o;
    QString *error;
    bool ok = true;

    void flag(const char *name, bool &out) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined() || !ok)
            return;
        if (!v.isBool())
            return fail(QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(name)));
        out = v.toBool();
    }
    void days(const char *name, int &out, int min, int max) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined() || !ok)
            return;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
            return fail(QStringLiteral("\"%1\" must be a whole number from %2 to %3")
                            .arg(QLatin1String(name))
                            .arg(min)
                            .arg(max));
        out = int(d);
    }
    void amount(const char *name, double &out, double min) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (v.isUndefined() || !ok)
            return;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || !std::isfinite(d) || d < min)
            return fail(
                QStringLiteral("\"%1\" must be a number of at least %2").arg(QLatin1String(name)).arg(min));
        out = d;
    }
    void fail(const QString &why) {
        ok = false;
        *error = why;
    }
};

const QSet<QString> &knownFields() {
    static const QSet<QString> fields{QStringLiteral("version"),
                                      QStringLiteral("baseline_days"),
                                      QStringLiteral("spike_mad_factor"),
                                      QStringLiteral("spike_ratio"),
                                      QStringLiteral("spike_min_increase"),
                                      QStringLiteral("new_key_spend"),
                                      QStringLiteral("burn_days"),
                                      QStringLiteral("forecast_days"),
                                      QStringLiteral("expiry_days"),
                                      QStringLiteral("interval_minutes"),
                                      QStringLiteral("spikes"),
                                      QStringLiteral("budgets"),
                                      QStringLiteral("expiry"),
                                      QStringLiteral("health")};
    return fields;
}

} // namespace

QJsonObject WatchRules::toJson() const {
    return QJsonObject{{QStringLiteral("version"), 1},
                       {QStringLiteral("baseline_days"), baselineDays},
                       {QStringLiteral("spike_mad_factor"), spike.madFactor},
                       {QStringLiteral("spike_ratio"), spike.ratio},
                       {QStringLiteral("spike_min_increase"), spike.minIncrease},
                       {QStringLiteral("new_key_spend"), spike.newKeySpend},
                       {QStringLiteral("burn_days"), burnDays},
                       {QStringLiteral("forecast_days"), forecastDays},
                       {QStringLiteral("expiry_days"), expiryDays},
                       {QStringLiteral("interval_minutes"), intervalMinutes},
                       {QStringLiteral("spikes"), spikes},
                       {QStringLiteral("budgets"), budgets},
                       {QStringLiteral("expiry"), expiry},
                       {QStringLiteral("health"), health}};
}

std::optional<WatchRules> WatchRules::fromJson(const QJsonObject &o, QString *error) {
    QString ignored;
    if (!error)
        error = &ignored;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!knownFields().contains(it.key())) {
            *error = QStringLiteral("unknown rule \"%1\"").arg(it.key());
            return std::nullopt;
        }
    }
    WatchRules r;
    Reader in{o, error};
    in.flag("spikes", r.spikes);
    in.flag("budgets", r.budgets);
    in.flag("expiry", r.expiry);
    in.flag("health", r.health);
    in.days("baseline_days", r.baselineDays, 3, kMaxDays);
    in.amount("spike_mad_factor", r.spike.madFactor, 0);
    in.amount("spike_ratio", r.spike.ratio, 1);
    in.amount("spike_min_increase", r.spike.minIncrease, 0);
    in.amount("new_key_spend", r.spike.newKeySpend, 0);
    in.days("burn_days", r.burnDays, 1, kMaxDays);
    in.days("forecast_days", r.forecastDays, 1, 365);
    in.days("expiry_days", r.expiryDays, 1, 365);
    in.days("interval_minutes", r.intervalMinutes, 1, 24 * 60);
    if (!in.ok)
        return std::nullopt;
    return r;
}

std::optional<WatchRules> WatchRules::fromFile(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1 could not be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1 << 20), &parse);
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        *error =
            QStringLiteral("%1 is not a JSON object of rules%2")
                .arg(path, parse.error != QJsonParseError::NoError
                               ? QStringLiteral(" (%1 at byte %2)").arg(parse.errorString()).arg(parse.offset)
                               : QString());
        return std::nullopt;
    }
    QString why;
    auto rules = fromJson(doc.object(), &why);
    if (!rules)
        *error = QStringLiteral("%1: %2").arg(path, why);
    return rules;
}
