#include "Duration.h"

#include <QCoreApplication>
#include <QMap>
#include <QRegularExpression>

#include <cmath>

namespace {

qint64 unitSeconds(Duration::Unit u) {
    switch (u) {
    case Duration::Unit::Seconds:
        return 1;
    case Duration::Unit::Minutes:
        return 60;
    case Duration::Unit::Hours:
        return 3600;
    case Duration::Unit::Days:
        return 86400;
    case Duration::Unit::Weeks:
        return 7 * 86400;
    case Duration::Unit::Months:
        return 30 * 86400;
    }
    return 1;
}

QString tooLong() {
    return QCoreApplication::translate("Duration", "A TTL can be at most 100 years.");
}

// Go's time.ParseDuration forms that Vault writes: "1h30m", "90s", "1.5h", "0". Only whole seconds.
std::optional<qint64> goDurationSeconds(const QString &text) {
    if (text == u"0")
        return 0;
    static const QRegularExpression part(
        QStringLiteral("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|ms|s|m|h)"));
    static const QMap<QString, double> unitSeconds{
        {QStringLiteral("ns"), 1e-9}, {QStringLiteral("us"), 1e-6}, {QStringLiteral("\u00b5s"), 1e-6},
        {QStringLiteral("ms"), 1e-3}, {QStringLiteral("s"), 1.0},   {QStringLiteral("m"), 60.0},
        {QStringLiteral("h"), 3600.0}};
    double total = 0;
    qsizetype at = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        if (m.capturedStart() != at)
            return std::nullopt;
        at = m.capturedEnd();
        total += m.captured(1).toDouble() * unitSeconds.value(m.captured(2));
    }
    if (at == 0 || at != text.size() || !std::isfinite(total))
        return std::nullopt;
    const double whole = std::round(total);
    if (whole > double(Duration::kMaxTtlSeconds))
        return Duration::kMaxTtlSeconds + 1; // refused as too long by the caller
    if (std::abs(total - whole) > 1e-6)
        return std::nullopt; // TTLs are whole seconds
    return static_cast<qint64>(whole);
}

} // namespace

qint64 Duration::seconds() const {
    return count * unitSeconds(unit);
}

QDateTime Duration::addTo(const QDateTime &t) const {
    if (unit == Unit::Months)
        return t.addMonths(static_cast<int>(count));
    return t.addSecs(seconds());
}

QString Duration::toString() const {
    static const char *suffix[] = {"s", "m", "h", "d", "w", "mo"};
    return QString::number(count) + QLatin1String(suffix[static_cast<int>(unit)]);
}

QString Duration::toDisplay() const {
    static const char *names[] = {"second", "minute", "hour", "day", "week", "month"};
    const QString name = QLatin1String(names[static_cast<int>(unit)]);
    return QStringLiteral("%1 %2%3").arg(count).arg(name, count == 1 ? QString() : QStringLiteral("s"));
}

std::optional<Duration> Duration::parse(const QString &text, QString *why) {
    static const QRegularExpression re(QStringLiteral("^(\\d{1,9})(mo|[smhdw]?)$"));
    const auto m = re.match(text.trimmed().toLower());
    if (!m.hasMatch()) {
        if (why)
            *why = QStringLiteral(
                       "\"%1\" is not a duration; write a number and a unit: 30s, 15m, 12h, 30d, 2w or 1mo.")
                       .arg(text.trimmed());
        return std::nullopt;
    }
    Duration d;
    d.count = m.captured(1).toLongLong();
    const QString u = m.captured(2);
    d.unit = u == u"m"    ? Unit::Minutes
             : u == u"h"  ? Unit::Hours
             : u == u"d"  ? Unit::Days
             : u == u"w"  ? Unit::Weeks
             : u == u"mo" ? Unit::Months
                          : Unit::Seconds;
    return d;
}

Duration Duration::fromSeconds(qint64 seconds) {
    for (Unit u : {Unit::Weeks, Unit::Days, Unit::Hours, Unit::Minutes}) {
        const qint64 s = unitSeconds(u);
        if (seconds > 0 && seconds % s == 0)
            return {seconds / s, u};
    }
    return {seconds, Unit::Seconds};
}

std::optional<Duration> Duration::fromJsonSeconds(double seconds, QString *why) {
    const auto refuse = [why](const QString &text) {
        if (why)
            *why = text;
        return std::nullopt;
    };
    if (!std::isfinite(seconds) || seconds < 0)
        return refuse(QCoreApplication::translate("Duration", "A TTL cannot be negative."));
    if (seconds > double(kMaxTtlSeconds))
        return refuse(tooLong());
    if (seconds != std::floor(seconds))
        return refuse(QCoreApplication::translate("Duration", "A TTL in seconds must be a whole number."));
    return fromSeconds(static_cast<qint64>(seconds));
}

std::optional<Duration> Duration::parseTtl(const QString &text, QString *why) {
    const QString t = text.trimmed().toLower();
    const auto refuse = [why](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (t.startsWith(u'-'))
        return refuse(QCoreApplication::translate("Duration", "A TTL cannot be negative (\"%1\").")
                          .arg(text.trimmed()));
    std::optional<Duration> d = parse(t);
    if (!d) {
        if (const auto s = goDurationSeconds(t))
            d = fromSeconds(*s);
    }
    if (!d)
        return refuse(QCoreApplication::translate(
                          "Duration", "\"%1\" is not a duration; write 30s, 15m, 12h, 30d, 2w, 1mo, "
                                      "a number of seconds or a Vault duration such as 1h30m.")
                          .arg(text.trimmed()));
    if (d->seconds() > kMaxTtlSeconds)
        return refuse(tooLong());
    return d;
}
