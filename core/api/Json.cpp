#include "Json.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <cstdio>
#include <limits>

namespace json {

QString str(const QJsonValue &v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // Whole numbers inside qint64's range print without a fraction; a cast outside it is undefined.
        const double d = v.toDouble();
        if (std::isfinite(d) && std::abs(d) < 9.2e18 && d == std::trunc(d))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

std::optional<QString> optStr(const QJsonValue &v) {
    auto s = str(v);
    if (s.isEmpty())
        return std::nullopt;
    return s;
}

std::optional<double> optNum(const QJsonValue &v) {
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(d)) // "nan" and "inf" parse, but are no amount of money or tokens
            return d;
    }
    if (v.isBool())
        return v.toBool() ? 1.0 : 0.0;
    return std::nullopt;
}

double num(const QJsonValue &v, double fallback) {
    return optNum(v).value_or(fallback);
}

std::optional<qint64> optInt(const QJsonValue &v) {
    if (v.isString()) {
        bool ok = false;
        const qint64 i = v.toString().trimmed().toLongLong(&ok);
        if (ok)
            return i;
    }
    // A JSON integer that Qt holds exactly, as it is: the range check of doubles below would drop the
    // top of qint64 (a limit of 2^63 - 1 read as no limit).
    constexpr qint64 notWhole = std::numeric_limits<qint64>::min();
    if (const qint64 i = v.toInteger(notWhole); v.isDouble() && i != notWhole)
        return i;
    if (const auto d = optNum(v); d && *d > -9.2e18 && *d < 9.2e18)
        return static_cast<qint64>(*d);
    return std::nullopt;
}

qint64 integer(const QJsonValue &v, qint64 fallback) {
    return optInt(v).value_or(fallback);
}

std::optional<bool> optBool(const QJsonValue &v) {
    if (v.isBool())
        return v.toBool();
    if (v.isString()) {
        const auto s = v.toString().trimmed().toLower();
        if (s == u"true" || s == u"1")
            return true;
        if (s == u"false" || s == u"0")
            return false;
    }
    if (v.isDouble())
        return v.toDouble() != 0.0;
    return std::nullopt;
}

bool boolean(const QJsonValue &v, bool fallback) {
    return optBool(v).value_or(fallback);
}

QStringList strList(const QJsonValue &v) {
    QStringList out;
    if (v.isArray()) {
        for (const auto &item : v.toArray()) {
            const auto s = str(item);
            if (!s.isEmpty())
                out << s;
        }
    } else if (v.isString()) {
        for (const auto &part : v.toString().split(u',', Qt::SkipEmptyParts))
            out << part.trimmed();
    }
    return out;
}

namespace {

// "2025-01-31T10:00:00", then an optional fraction and an optional "Z" or "+HH:MM": the form LiteLLM
// sends, read without building intermediate strings. Anything else is left to the general reader.
std::optional<QDateTime> fastIsoDate(QStringView s) {
    const auto digits = [s](qsizetype at, qsizetype n, int &out) {
        if (at + n > s.size())
            return false;
        int v = 0;
        for (qsizetype i = at; i < at + n; ++i) {
            const char16_t c = s[i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            v = v * 10 + (c - u'0');
        }
        out = v;
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (s.size() < 19 || s[4] != u'-' || s[7] != u'-' || (s[10] != u'T' && s[10] != u' ') || s[13] != u':' ||
        s[16] != u':' || !digits(0, 4, y) || !digits(5, 2, mo) || !digits(8, 2, d) || !digits(11, 2, h) ||
        !digits(14, 2, mi) || !digits(17, 2, se))
        return std::nullopt;
    qsizetype at = 19;
    int ms = 0;
    if (at < s.size() && s[at] == u'.') {
        ++at;
        int scale = 100, count = 0;
        while (at < s.size() && s[at].isDigit()) {
            if (count++ < 3) {
                ms += (s[at].unicode() - u'0') * scale;
                scale /= 10;
            }
            ++at;
        }
        if (count == 0)
            return std::nullopt;
    }
    int offset = 0;
    if (at < s.size() && (s[at] == u'Z' || s[at] == u'z')) {
        ++at;
    } else if (at < s.size() && (s[at] == u'+' || s[at] == u'-')) {
        int oh = 0, om = 0;
        if (at + 6 != s.size() || s[at + 3] != u':' || !digits(at + 1, 2, oh) || !digits(at + 4, 2, om))
            return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[at] == u'-' ? -1 : 1);
        at += 6;
    }
    if (at != s.size())
        return std::nullopt;
    const QDate date(y, mo, d);
    const QTime time(h, mi, se, ms);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    QDateTime t(date, time, Qt::UTC);
    return offset ? t.addSecs(-offset) : t;
}

} // namespace

QDateTime dateTime(const QJsonValue &v) {
    if (v.isString())
        if (const auto fast = fastIsoDate(QStringView(v.toString()).trimmed()))
            return *fast;
    if (v.isDouble()) { // epoch seconds, or milliseconds when too large for seconds
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < 0 || d > 1e15)
            return {};
        if (d > 1e11)
            return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(d), QTimeZone::utc()).toUTC();
        return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(d), QTimeZone::utc()).toUTC();
    }
    auto s = v.toString().trimmed();
    if (s.isEmpty())
        return {};
    if (bool isNumber = false; s.toDouble(&isNumber), isNumber && !s.contains(u'-'))
        return dateTime(QJsonValue(s.toDouble()));
    if (s.size() > 10 && s.at(10) == u't')
        s[10] = u'T';
    if (s.endsWith(u'z'))
        s[s.size() - 1] = u'Z';
    // Python writes microseconds and sometimes a space instead of 'T'; Qt reads milliseconds.
    static const QRegularExpression fraction(QStringLiteral(R"((\.\d{3})\d+)"));
    s.replace(fraction, QStringLiteral("\\1"));
    if (s.size() > 10 && s.at(10) == u' ')
        s[10] = u'T';
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(s, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime) // no zone given: LiteLLM means UTC
        t.setTimeZone(QTimeZone::utc());
    return t.isValid() ? t.toUTC() : QDateTime();
}

QJsonObject obj(const QJsonValue &v) {
    return v.isObject() ? v.toObject() : QJsonObject();
}

Expected<QJsonValue> parse(const QByteArray &body) {
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError) {
        // QJsonDocument does not take bare scalars; LiteLLM's liveliness route answers with a JSON string.
        const auto wrapped = QJsonDocument::fromJson(QByteArray("[") + body + ']', &err);
        if (err.error == QJsonParseError::NoError && wrapped.array().size() == 1)
            return wrapped.array().first();
        return Unexpected(ApiError::decode(
            QStringLiteral("invalid JSON (%1 at byte %2)").arg(err.errorString()).arg(err.offset),
            QString::fromUtf8(body.left(500))));
    }
    if (doc.isObject())
        return QJsonValue(doc.object());
    return QJsonValue(doc.array());
}

Expected<QJsonObject> parseObject(const QByteArray &body) {
    auto v = parse(body);
    if (!v)
        return Unexpected(v.error());
    if (!v->isObject())
        return Unexpected(
            ApiError::decode(QStringLiteral("expected a JSON object"), QString::fromUtf8(body.left(500))));
    return v->toObject();
}

Expected<QJsonArray> parseArray(const QByteArray &body) {
    auto v = parse(body);
    if (!v)
        return Unexpected(v.error());
    if (!v->isArray())
        return Unexpected(
            ApiError::decode(QStringLiteral("expected a JSON array"), QString::fromUtf8(body.left(500))));
    return v->toArray();
}

QString isoUtc(const QDateTime &t) {
    if (!t.isValid())
        return {};
    // "yyyy-MM-ddTHH:mm:ss.zzz000Z", written directly: exports write several per key.
    const QDateTime u = t.toUTC();
    const QDate d = u.date();
    const QTime tm = u.time();
    if (d.year() < 0 || d.year() > 9999)
        return u.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz000Z"));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d000Z", d.year(), d.month(), d.day(),
                  tm.hour(), tm.minute(), tm.second(), tm.msec());
    return QString::fromLatin1(buf);
}

} // namespace json
