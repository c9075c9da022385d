#include "SimParams.h"

#include "sim/Simulator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

namespace simparams {

std::optional<int> intQuery(const SimRequest &r, const QString &name, int fallback, int min, int max,
                            SimReply *error) {
    if (!r.http.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int v = r.query(name).toInt(&ok);
    QJsonObject item;
    if (!ok)
        item = {{QStringLiteral("type"), QStringLiteral("int_parsing")},
                {QStringLiteral("msg"),
                 QStringLiteral("Input should be a valid integer, unable to parse string as an integer")}};
    else if (v < min)
        item = {
            {QStringLiteral("type"), QStringLiteral("greater_than_equal")},
            {QStringLiteral("msg"), QStringLiteral("Input should be greater than or equal to %1").arg(min)},
            {QStringLiteral("ctx"), QJsonObject{{QStringLiteral("ge"), min}}}};
    else if (v > max)
        item = {{QStringLiteral("type"), QStringLiteral("less_than_equal")},
                {QStringLiteral("msg"), QStringLiteral("Input should be less than or equal to %1").arg(max)},
                {QStringLiteral("ctx"), QJsonObject{{QStringLiteral("le"), max}}}};
    else
        return v;
    item.insert(QStringLiteral("loc"), QJsonArray{QStringLiteral("query"), name});
    item.insert(QStringLiteral("input"), r.query(name));
    *error = SimReply::json(QJsonObject{{QStringLiteral("detail"), QJsonArray{item}}}, 422);
    return std::nullopt;
}

bool boolQuery(const SimRequest &r, const QString &name, bool fallback) {
    if (!r.http.query.hasQueryItem(name))
        return fallback;
    const QString v = r.query(name).toLower();
    return v == u"true" || v == u"1" || v == u"yes" || v == u"on";
}

QString stringQuery(const SimRequest &r, const QString &name) {
    if (!r.http.query.hasQueryItem(name))
        return {};
    const QString v = r.query(name);
    return v.isNull() ? QStringLiteral("") : v;
}

QStringList csvQuery(const SimRequest &r, const QString &name) {
    QStringList out = r.query(name).split(u',', Qt::SkipEmptyParts);
    for (auto &s : out)
        s = s.trimmed();
    return out;
}

std::optional<double> optDouble(const QJsonValue &v) {
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

std::optional<qint64> optInt(const QJsonValue &v) {
    return v.isDouble() ? std::optional<qint64>(qint64(v.toDouble())) : std::nullopt;
}

QString optString(const QJsonValue &v) {
    return v.isString() ? v.toString() : QString();
}

QStringList stringList(const QJsonValue &v) {
    QStringList out;
    for (const auto &item : v.toArray())
        out << item.toString();
    return out;
}

std::optional<qint64> expiryFrom(const QString &duration, qint64 fromMs) {
    static const QRegularExpression re(QStringLiteral("^(\\d+)(mo|[smhdw]?)$"));
    const auto m = re.match(duration.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    if (unit == u"mo")
        return QDateTime::fromMSecsSinceEpoch(fromMs, QTimeZone::utc()).addMonths(int(n)).toMSecsSinceEpoch();
    const qint64 s = unit == u"m"   ? 60
                     : unit == u"h" ? 3600
                     : unit == u"d" ? 86400
                     : unit == u"w" ? 604800
                                    : 1;
    return fromMs + n * s * 1000;
}

SimReply forbidden(const SimRequest &r, const QString &what) {
    return SimReply::error(403,
                           QStringLiteral("Only proxy admin can be used to %1. Route=%2. Your role=%3")
                               .arg(what, r.http.path, r.caller.role),
                           QStringLiteral("auth_error"));
}

SimReply notPremium(const QString &feature) {
    return SimReply::error(
        400,
        QStringLiteral(
            "%1 is only available for LiteLLM Enterprise users. You must be a LiteLLM Enterprise user to "
            "use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 "
            "day trial key here: https://www.litellm.ai/#trial. Pricing: https://www.litellm.ai/#pricing")
            .arg(feature),
        QStringLiteral("bad_request_error"));
}

} // namespace simparams
