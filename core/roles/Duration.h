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
    // A role's TTL as any entry point may write it: a LiteLLM duration ("30d", "1mo"), whole seconds
    // ("5400") or a Go duration as Vault writes it ("1h30m", "90s", "2h45m30s"). Never negative, never
    // more than kMaxTtlSeconds; anything else is refused with a reason.
    static std::optional<Duration> parseTtl(const QString &text, QString *why = nullptr);
    // Whole seconds from a JSON number (Vault writes TTLs as integers), range checked the same way.
    static std::optional<Duration> fromJsonSeconds(double seconds, QString *why = nullptr);
    static constexpr qint64 kMaxTtlSeconds = 100LL * 365 * 86400; // 100 years
    // Seconds written with the largest unit that divides them exactly: 86400 -> "1d".
    static Duration fromSeconds(qint64 seconds);
};
