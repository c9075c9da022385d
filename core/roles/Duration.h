#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// A LiteLLM duration string: (\d+)(s|m|h|d|w|mo). "mo" is a calendar month; a bare number is seconds.
struct Duration {
    enum class Unit { Seconds, Minutes, Hours, Days, Weeks, Months };

    qint64 count = 0;
    Unit unit = Unit::Seconds;

    bool isZero() const { return count == 0; }
    // Approximate length (a month counts 30 days), for comparing and display.
    qint64 seconds() const;
    // Exact: months are calendar months, as LiteLLM computes them.
    QDateTime addTo(const QDateTime &t) const;
    // "30d", "1mo", "3600s"
    QString toString() const;
    // "30 days", "1 month", "1 hour"
    QString toDisplay() const;

    static std::optional<Duration> parse(const QString &text, QString *why = nullptr);
    // Seconds written with the largest unit that divides them exactly: 86400 -> "1d".
    static Duration fromSeconds(qint64 seconds);
};
