#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

// A range of UTC days picked from a preset (today, the last 7, 30 or 90 days, this month, last month)
// or given by hand. Both ends are inclusive, as the proxy's start_date and end_date are.
struct UsageRange {
    enum class Preset { Today, Last7Days, Last30Days, ThisMonth, LastMonth, Last90Days, Custom };

    Preset preset = Preset::Last30Days;
    QDate from;
    QDate to;

    bool isValid() const { return from.isValid() && to.isValid() && from <= to; }
    qint64 dayCount() const { return isValid() ? from.daysTo(to) + 1 : 0; }

    // The range of `preset` on `todayUtc`; Custom keeps `from` and `to` as given.
    static UsageRange fromPreset(Preset preset, QDate todayUtc, QDate from = {}, QDate to = {});
    static QDate todayUtc();
    static QList<Preset> presets();
    // "today", "7d", "30d", "this_month", "last_month", "90d", "custom": for settings.
    static QString presetName(Preset preset);
    static std::optional<Preset> presetFromName(QStringView name);
};
