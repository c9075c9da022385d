#include "UsageRange.h"

#include <QDateTime>

UsageRange UsageRange::fromPreset(Preset preset, QDate today, QDate from, QDate to) {
    UsageRange r;
    r.preset = preset;
    const auto last = [&](int days) {
        r.from = today.addDays(1 - days);
        r.to = today;
    };
    switch (preset) {
    case Preset::Today:
        last(1);
        break;
    case Preset::Last7Days:
        last(7);
        break;
    case Preset::Last30Days:
        last(30);
        break;
    case Preset::Last90Days:
        last(90);
        break;
    case Preset::ThisMonth:
        r.from = QDate(today.year(), today.month(), 1);
        r.to = today;
        break;
    case Preset::LastMonth: {
        const QDate first = QDate(today.year(), today.month(), 1).addMonths(-1);
        r.from = first;
        r.to = first.addDays(first.daysInMonth() - 1);
        break;
    }
    case Preset::Custom:
        r.from = from;
        r.to = to;
        break;
    }
    return r;
}

QDate UsageRange::todayUtc() {
    return QDateTime::currentDateTimeUtc().date();
}

QList<UsageRange::Preset> UsageRange::presets() {
    return {Preset::Today,     Preset::Last7Days,  Preset::Last30Days, Preset::ThisMonth,
            Preset::LastMonth, Preset::Last90Days, Preset::Custom};
}

QString UsageRange::presetName(Preset preset) {
    switch (preset) {
    case Preset::Today:
        return QStringLiteral("today");
    case Preset::Last7Days:
        return QStringLiteral("7d");
    case Preset::Last30Days:
        return QStringLiteral("30d");
    case Preset::ThisMonth:
        return QStringLiteral("this_month");
    case Preset::LastMonth:
        return QStringLiteral("last_month");
    case Preset::Last90Days:
        return QStringLiteral("90d");
    case Preset::Custom:
        return QStringLiteral("custom");
    }
    return {};
}

std::optional<UsageRange::Preset> UsageRange::presetFromName(QStringView name) {
    for (Preset p : presets())
        if (presetName(p) == name)
            return p;
    return std::nullopt;
}
