#include "UsageElementReader.h"

#include "core/usage/UsageReport.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace od = simdjson::ondemand;

static_assert(simdjson::SIMDJSON_PADDING <= size_t(JsonStreamReader::Padding));

namespace {

using Part = UsageAggregator::Part;
using Dimension = UsageReport::Dimension;

// A value of the wrong shape; `what` says what was expected.
struct ShapeError {
    std::string what;
};

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    if (s.size() > 1 && s.front() == '+')
        s.remove_prefix(1);
    return s;
}

// The value as written, shortened, for a message: "abc", true, -3.
std::string shown(od::value &v) {
    std::string_view raw = trimmed(v.raw_json_token());
    while (!raw.empty() && (raw.back() == ',' || raw.back() == '}' || raw.back() == ']'))
        raw.remove_suffix(1);
    return std::string(raw.substr(0, 40)) + (raw.size() > 40 ? "..." : "");
}

ShapeError badNumber(const char *what, std::string_view field, od::value &v) {
    return ShapeError{std::string(what) + " for \"" + std::string(field) + "\", not " + shown(v)};
}

constexpr double kLargestCount = 9.2e18; // below 2^63, where a double still converts exactly

// A finite number written as a string ("12", " 3.5 "); nothing for anything else ("abc", "NaN").
std::optional<double> numberFromString(std::string_view s) {
    s = trimmed(s);
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(d))
        return std::nullopt;
    return d;
}

// A count (tokens, requests): a whole number from 0 up, as a number or a numeric string; null is 0.
// Anything else ("abc", true, NaN, -3, 1.5, 2^64) is refused with the field named.
qint64 readCount(od::value v, std::string_view field) {
    constexpr const char *what = "a count (a whole number from 0 up)";
    double d = 0;
    switch (od::json_type(v.type())) {
    case od::json_type::number: {
        simdjson::simdjson_result<od::number> parsed = v.get_number();
        if (parsed.error())
            throw badNumber(what, field, v);
        od::number n = parsed.value_unsafe();
        if (n.get_number_type() == od::number_type::signed_integer) {
            const qint64 i = n.get_int64();
            if (i < 0)
                throw badNumber(what, field, v);
            return i;
        }
        if (n.get_number_type() != od::number_type::floating_point_number)
            throw badNumber(what, field, v);
        d = n.get_double();
        break;
    }
    case od::json_type::string: {
        const auto parsed = numberFromString(std::string_view(v.get_string()));
        if (!parsed)
            throw badNumber(what, field, v);
        d = *parsed;
        break;
    }
    case od::json_type::null:
        return 0;
    default:
        throw badNumber(what, field, v);
    }
    if (!(d >= 0 && d <= kLargestCount) || d != std::floor(d))
        throw badNumber(what, field, v);
    return qint64(d);
}

// Spend in USD: a finite number, as a number or a numeric string; null is 0.
double readSpend(od::value v, std::string_view field) {
    switch (od::json_type(v.type())) {
    case od::json_type::number: {
        simdjson::simdjson_result<double> d = v.get_double();
        if (!d.error())
            return d.value_unsafe();
        break;
    }
    case od::json_type::string:
        if (const auto d = numberFromString(std::string_view(v.get_string())))
            return *d;
        break;
    case od::json_type::null:
        return 0;
    default:
        break;
    }
    throw badNumber("an amount in USD", field, v);
}

// A paging flag: true or false (LiteLLM's has_more); null is false.
bool readFlag(od::value v, std::string_view field) {
    switch (od::json_type(v.type())) {
    case od::json_type::boolean:
        return bool(v.get_bool());
    case od::json_type::null:
        return false;
    default:
        throw badNumber("true or false", field, v);
    }
}

// An object, or null (false: nothing to read). Anything else is the wrong shape.
bool isObject(od::value &v, const char *what) {
    const od::json_type t = v.type();
    if (t == od::json_type::object)
        return true;
    if (t == od::json_type::null)
        return false;
    throw ShapeError{std::string("an object for ") + what};
}

// One SpendMetrics field into `m`; false if `k` is not one the report keeps.
bool readMetric(std::string_view k, od::value x, UsageMetrics &m) {
    switch (k.size()) {
    case 5:
        if (k == "spend")
            return m.spend += readSpend(x, k), true;
        break;
    case 12:
        if (k == "total_tokens")
            return m.totalTokens = saturatedAdd(m.totalTokens, readCount(x, k)), true;
        if (k == "api_requests")
            return m.apiRequests = saturatedAdd(m.apiRequests, readCount(x, k)), true;
        break;
    case 13:
        if (k == "prompt_tokens")
            return m.promptTokens = saturatedAdd(m.promptTokens, readCount(x, k)), true;
        break;
    case 15:
        if (k == "failed_requests")
            return m.failedRequests = saturatedAdd(m.failedRequests, readCount(x, k)), true;
        break;
    case 17:
        if (k == "completion_tokens")
            return m.completionTokens = saturatedAdd(m.completionTokens, readCount(x, k)), true;
        break;
    case 19:
        if (k == "successful_requests")
            return m.successfulRequests = saturatedAdd(m.successfulRequests, readCount(x, k)), true;
        break;
    case 23:
        if (k == "cache_read_input_tokens")
            return m.cacheReadTokens = saturatedAdd(m.cacheReadTokens, readCount(x, k)), true;
        break;
    case 27:
        if (k == "cache_creation_input_tokens")
            return m.cacheCreationTokens = saturatedAdd(m.cacheCreationTokens, readCount(x, k)), true;
        break;
    default:
        break;
    }
    return false;
}

void readMetrics(od::value v, UsageMetrics &m) {
    if (!isObject(v, "\"metrics\""))
        return;
    for (od::field field : v.get_object())
        readMetric(field.unescaped_key(), field.value(), m);
}

std::string_view stringOrEmpty(od::value v) {
    return od::json_type(v.type()) == od::json_type::string ? std::string_view(v.get_string())
                                                            : std::string_view();
}

// Where the first byte sequence that is not UTF-8 starts, or -1. (simdjson refuses
// invalid UTF-8 but does not say where.)
qsizetype invalidUtf8At(std::string_view s) {
    if (simdjson::validate_utf8(s.data(), s.size()))
        return -1;
    size_t i = 0;
    while (i < s.size()) {
        const uchar c = uchar(s[i]);
        const size_t follow = c < 0x80                 ? 0
                              : c >= 0xc2 && c <= 0xdf ? 1
                              : c >= 0xe0 && c <= 0xef ? 2
                              : c >= 0xf0 && c <= 0xf4 ? 3
                                                       : size_t(-1);
        if (follow == size_t(-1))
            return qsizetype(i);
        for (size_t k = 1; k <= follow; ++k)
            if (i + k >= s.size() || (uchar(s[i + k]) & 0xc0) != 0x80)
                return qsizetype(i); // a sequence cut short
        i += follow + 1;
    }
    return 0; // an overlong or surrogate sequence: the start of the element will do
}

// Parses "YYYY-MM-DD" (anything after the day, such as a time, is ignored) to a Julian day.
std::optional<qint64> julianDay(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    const auto num = [&](size_t at, size_t n, int &out) {
        auto [end, ec] = std::from_chars(s.data() + at, s.data() + at + n, out);
        return ec == std::errc() && end == s.data() + at + n;
    };
    int y = 0, m = 0, d = 0;
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d))
        return std::nullopt;
    const QDate date(y, m, d);
    return date.isValid() ? std::optional<qint64>(date.toJulianDay()) : std::nullopt;
}

} // namespace

class UsageElementReader::Private {
public:
    Private(UsageReport &r, UsageAggregator::Parts p)
        : report(r)
        , parts(p) {}

    UsageReport &report;
    UsageAggregator::Parts parts;
    od::parser parser;
    const char *section = "";
    std::string item; // the breakdown entry being read, for errors
    qint64 day = 0;

    void readElement(od::document &doc);
    void readBreakdown(od::value v);
    void readMap(od::value v, Dimension d, bool table, bool cells);
};

void UsageElementReader::Private::readElement(od::document &doc) {
    section = "\"date\"";
    {
        od::object root = doc.get_object();
        auto date = root.find_field_unordered("date");
        if (date.error() == simdjson::NO_SUCH_FIELD)
            throw ShapeError{"a \"date\" field"};
        od::value v = date.value();
        if (od::json_type(v.type()) != od::json_type::string)
            throw ShapeError{"a date string (YYYY-MM-DD)"};
        const std::string_view text = v.get_string();
        const auto jd = julianDay(text);
        if (!jd)
            throw ShapeError{"a date (YYYY-MM-DD), not \"" + std::string(text.substr(0, 40)) + '"'};
        day = *jd;
    }
    doc.rewind();
    UsageMetrics metrics;
    for (od::field field : doc.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "metrics") {
            section = "\"metrics\"";
            readMetrics(field.value(), metrics);
        } else if (key == "breakdown") {
            section = "\"breakdown\"";
            readBreakdown(field.value());
        }
    }
    report.totals() += metrics;
    if (parts & Part::Days)
        report.dayAt(day) += metrics;
}

void UsageElementReader::Private::readBreakdown(od::value v) {
    if (!isObject(v, "\"breakdown\""))
        return;
    for (od::field field : v.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "models") {
            if (parts & (Part::Models | Part::DayModels)) {
                section = "\"breakdown\".\"models\"";
                readMap(field.value(), Dimension::Model, parts & Part::Models, parts & Part::DayModels);
            }
        } else if (key == "model_groups") {
            if (parts & Part::ModelGroups) {
                section = "\"breakdown\".\"model_groups\"";
                readMap(field.value(), Dimension::ModelGroup, true, false);
            }
        } else if (key == "providers") {
            if (parts & Part::Providers) {
                section = "\"breakdown\".\"providers\"";
                readMap(field.value(), Dimension::Provider, true, false);
            }
        } else if (key == "api_keys") {
            if (parts & (Part::Keys | Part::DayKeys)) {
                section = "\"breakdown\".\"api_keys\"";
                readMap(field.value(), Dimension::Key, parts & Part::Keys, parts & Part::DayKeys);
            }
        } else if (key == "entities") {
            if (parts & (Part::Entities | Part::DayEntities)) {
                section = "\"breakdown\".\"entities\"";
                readMap(field.value(), Dimension::Entity, parts & Part::Entities, parts & Part::DayEntities);
            }
        }
    }
    item.clear();
}

// {name: {metrics, metadata, api_key_breakdown}}: sums metrics by name; keys and entities keep the
// alias (and team) their metadata names.
void UsageElementReader::Private::readMap(od::value v, Dimension d, bool table, bool cells) {
    if (!isObject(v, section))
        return;
    UsageTable &t = report.mutableTable(d);
    for (od::field field : v.get_object()) {
        const std::string_view name = field.unescaped_key();
        item.assign(name);
        const int id = t.intern(name);
        od::value entry = field.value();
        if (!isObject(entry, "a breakdown entry"))
            continue;
        UsageMetrics m;
        for (od::field e : entry.get_object()) {
            const std::string_view key = e.unescaped_key();
            if (key == "metrics") {
                readMetrics(e.value(), m);
            } else if (readMetric(key, e.value(), m)) {
                // the oldest versions map a name straight to its metrics, without the wrapper
            } else if (key == "metadata" && (d == Dimension::Key || d == Dimension::Entity)) {
                od::value meta = e.value();
                if (od::json_type(meta.type()) != od::json_type::object)
                    continue;
                for (od::field mfield : meta.get_object()) {
                    const std::string_view mk = mfield.unescaped_key();
                    if (d == Dimension::Key) {
                        if (mk == "key_alias")
                            t.setLabel(id, stringOrEmpty(mfield.value()));
                        else if (mk == "team_id")
                            t.setTeamId(id, stringOrEmpty(mfield.value()));
                    } else if (mk == "team_alias" || mk == "organization_alias" || mk == "alias") {
                        t.setLabel(id, stringOrEmpty(mfield.value()));
                    }
                }
            }
        }
        if (table)
            t.metrics(id) += m;
        if (cells)
            report.cellAt(d, day, id) += m;
    }
    item.clear();
}

UsageElementReader::UsageElementReader(UsageReport &report, UsageAggregator::Parts parts)
    : d(std::make_unique<Private>(report, parts)) {}

UsageElementReader::~UsageElementReader() = default;

bool UsageElementReader::read(const JsonStreamReader::Span &element) {
    d->section = "";
    d->item.clear();
    od::document doc;
    bool started = false; // a document that never started has no location to ask for
    const auto where = [&]() {
        qint64 at = element.offset;
        if (started) {
            auto location = doc.current_location();
            if (!location.error())
                at += location.value_unsafe() - element.data;
        }
        QString s = QStringLiteral("at byte %1, in the \"results\" element starting at byte %2")
                        .arg(at)
                        .arg(element.offset);
        if (*d->section)
            s += QStringLiteral(", in %1").arg(QString::fromUtf8(d->section));
        if (!d->item.empty())
            s += QStringLiteral(" entry \"%1\"")
                     .arg(QString::fromUtf8(d->item.data(), qsizetype(d->item.size())));
        return s;
    };
    try {
        const std::string_view text(element.data, size_t(element.size));
        if (const qsizetype bad = invalidUtf8At(text); bad >= 0) {
            m_error = QStringLiteral("at byte %1, in the \"results\" element starting at byte %2: the text "
                                     "is not UTF-8 (byte 0x%3)")
                          .arg(element.offset + bad)
                          .arg(element.offset)
                          .arg(uchar(text[size_t(bad)]), 2, 16, QLatin1Char('0'));
            return false;
        }
        doc = d->parser.iterate(
            simdjson::padded_string_view(element.data, size_t(element.size), size_t(element.capacity)));
        started = true;
        d->readElement(doc);
        return true;
    } catch (const ShapeError &e) {
        m_error = QStringLiteral("%1: expected %2").arg(where(), QString::fromStdString(e.what));
    } catch (const simdjson::simdjson_error &e) {
        m_error =
            QStringLiteral("%1: %2").arg(where(), QString::fromUtf8(simdjson::error_message(e.error())));
    }
    return false;
}

bool UsageElementReader::readPageMetadata(const JsonStreamReader::Span &metadata, UsagePageInfo &info) {
    const auto toPage = [](qint64 v) {
        return int(std::clamp<qint64>(v, 1, std::numeric_limits<int>::max()));
    };
    try {
        od::document doc = d->parser.iterate(
            simdjson::padded_string_view(metadata.data, size_t(metadata.size), size_t(metadata.capacity)));
        od::value root = doc.get_value();
        if (!isObject(root, "\"metadata\""))
            return true;
        for (od::field field : root.get_object()) {
            const std::string_view key = field.unescaped_key();
            if (key == "page")
                info.page = toPage(readCount(field.value(), key));
            else if (key == "total_pages")
                info.totalPages = toPage(readCount(field.value(), key));
            else if (key == "has_more")
                info.hasMore = readFlag(field.value(), key);
            else if (key == "api_key_limit")
                info.apiKeyLimit = readCount(field.value(), key);
            else if (key == "total_api_keys")
                info.totalApiKeys = readCount(field.value(), key);
        }
        return true;
    } catch (const ShapeError &e) {
        m_error = QStringLiteral("in the \"metadata\" starting at byte %1: expected %2")
                      .arg(metadata.offset)
                      .arg(QString::fromStdString(e.what));
    } catch (const simdjson::simdjson_error &e) {
        m_error = QStringLiteral("in the \"metadata\" starting at byte %1: %2")
                      .arg(metadata.offset)
                      .arg(QString::fromUtf8(simdjson::error_message(e.error())));
    }
    return false;
}
