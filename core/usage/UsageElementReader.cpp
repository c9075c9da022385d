#include "UsageElementReader.h"

#include "core/usage/UsageReport.h"

#include <simdjson.h>

#include <charconv>
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

qint64 clampToInt(double d) {
    if (!(d == d))
        return 0;
    if (d >= 9.2e18)
        return std::numeric_limits<qint64>::max();
    if (d <= -9.2e18)
        return std::numeric_limits<qint64>::min();
    return qint64(d);
}

// Numbers that came as strings ("12", " 3.5 "); anything else reads as 0, as json::integer does.
qint64 integerFromString(std::string_view s) {
    s = trimmed(s);
    qint64 i = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty())
        return i;
    double d = 0;
    auto [dend, dec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (dec == std::errc() && dend == s.data() + s.size() && !s.empty())
        return clampToInt(d);
    return 0;
}

double doubleFromString(std::string_view s) {
    s = trimmed(s);
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty() ? d : 0.0;
}

qint64 readInteger(od::value v) {
    switch (od::json_type(v.type())) {
    case od::json_type::number: {
        od::number n = v.get_number();
        switch (n.get_number_type()) {
        case od::number_type::signed_integer:
            return n.get_int64();
        case od::number_type::unsigned_integer:
            return std::numeric_limits<qint64>::max();
        default:
            return clampToInt(n.get_double());
        }
    }
    case od::json_type::string:
        return integerFromString(std::string_view(v.get_string()));
    case od::json_type::boolean:
        return bool(v.get_bool()) ? 1 : 0;
    case od::json_type::null:
        return 0;
    default:
        throw ShapeError{"a number"};
    }
}

double readDouble(od::value v) {
    switch (od::json_type(v.type())) {
    case od::json_type::number:
        return double(v.get_double());
    case od::json_type::string:
        return doubleFromString(std::string_view(v.get_string()));
    case od::json_type::boolean:
        return bool(v.get_bool()) ? 1.0 : 0.0;
    case od::json_type::null:
        return 0;
    default:
        throw ShapeError{"a number"};
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

void readMetrics(od::value v, UsageMetrics &m) {
    if (!isObject(v, "\"metrics\""))
        return;
    for (od::field field : v.get_object()) {
        const std::string_view k = field.unescaped_key();
        od::value x = field.value();
        switch (k.size()) {
        case 5:
            if (k == "spend")
                m.spend += readDouble(x);
            break;
        case 12:
            if (k == "total_tokens")
                m.totalTokens += readInteger(x);
            else if (k == "api_requests")
                m.apiRequests += readInteger(x);
            break;
        case 13:
            if (k == "prompt_tokens")
                m.promptTokens += readInteger(x);
            break;
        case 15:
            if (k == "failed_requests")
                m.failedRequests += readInteger(x);
            break;
        case 17:
            if (k == "completion_tokens")
                m.completionTokens += readInteger(x);
            break;
        case 19:
            if (k == "successful_requests")
                m.successfulRequests += readInteger(x);
            break;
        case 23:
            if (k == "cache_read_input_tokens")
                m.cacheReadTokens += readInteger(x);
            break;
        case 27:
            if (k == "cache_creation_input_tokens")
                m.cacheCreationTokens += readInteger(x);
            break;
        default:
            break;
        }
    }
}

std::string_view stringOrEmpty(od::value v) {
    return od::json_type(v.type()) == od::json_type::string ? std::string_view(v.get_string())
                                                            : std::string_view();
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
            if (parts & Part::Entities) {
                section = "\"breakdown\".\"entities\"";
                readMap(field.value(), Dimension::Entity, true, false);
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
    const auto where = [&]() {
        qint64 at = element.offset;
        auto location = doc.current_location();
        if (!location.error())
            at += location.value_unsafe() - element.data;
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
        doc = d->parser.iterate(
            simdjson::padded_string_view(element.data, size_t(element.size), size_t(element.capacity)));
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
                info.page = toPage(readInteger(field.value()));
            else if (key == "total_pages")
                info.totalPages = toPage(readInteger(field.value()));
            else if (key == "has_more")
                info.hasMore = readInteger(field.value()) != 0;
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
