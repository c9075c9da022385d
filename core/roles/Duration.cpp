#include "Duration.h"

#include <QRegularExpression>

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
