#include "UsageAggregator.h"

#include "core/usage/JsonStreamReader.h"
#include "core/usage/UsageElementReader.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>

namespace {

Q_LOGGING_CATEGORY(lcUsage, "desk.usage", QtInfoMsg)

ApiError inputError(const QString &source, const QString &what) {
    ApiError e;
    e.kind = ApiError::Kind::Decode;
    e.message = QStringLiteral("Daily activity in %1 could not be read: %2").arg(source, what);
    e.hint =
        QStringLiteral("Expected LiteLLM daily activity JSON ({\"results\": [...], \"metadata\": {...}}): "
                       "one response, several one after another, or an array of them.");
    e.detail = what;
    return e;
}

QString describe(int c) {
    if (c < 0)
        return QStringLiteral("the end of the input");
    if (c >= 0x20 && c < 0x7f)
        return QStringLiteral("'%1'").arg(QChar(c));
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

} // namespace

class UsageAggregator::Private {
public:
    explicit Private(Parts p)
        : parts(p)
        , elements(report, p) {}

    Parts parts;
    QDate from;
    QDate to;
    qsizetype bufferSize = JsonStreamReader::DefaultBufferSize;
    UsageReport report;
    UsageElementReader elements;
    QString error;
    qsizetype count = 0;
    UsagePageInfo *page = nullptr; // filled while addPage() runs

    bool run(JsonStreamReader &in);
    bool response(JsonStreamReader &in);
    bool results(JsonStreamReader &in);
    bool fail(JsonStreamReader &in, const QString &expected) {
        error = in.errorString().isEmpty() ? QStringLiteral("at byte %1: expected %2, found %3")
                                                 .arg(in.offset())
                                                 .arg(expected, describe(in.peek()))
                                           : in.errorString();
        return false;
    }
    Expected<qsizetype> finish(JsonStreamReader &in, const QString &source);
};

// input := (response | '[' response (',' response)* ']')*, at least one response
bool UsageAggregator::Private::run(JsonStreamReader &in) {
    int values = 0;
    for (int c = in.peek(); c >= 0; c = in.peek(), ++values) {
        if (c == '{') {
            if (!response(in))
                return false;
            continue;
        }
        if (c != '[')
            return fail(in, QStringLiteral("a daily activity response (a JSON object) or an array of them"));
        in.advance();
        if (in.peek() == ']') {
            in.advance();
            continue;
        }
        for (;;) {
            if (in.peek() != '{')
                return fail(in, QStringLiteral("a daily activity response (a JSON object)"));
            if (!response(in))
                return false;
            const int next = in.peek();
            if (next == ']' || next == ',')
                in.advance();
            if (next == ']')
                break;
            if (next != ',')
                return fail(in, QStringLiteral("',' or ']' after a response in the array"));
        }
    }
    if (!in.errorString().isEmpty())
        return fail(in, {});
    if (values == 0)
        return fail(in, QStringLiteral("a daily activity response, but the input is empty"));
    return true;
}

// response := '{' ("results": [element, ...] | other: value), ... '}'
bool UsageAggregator::Private::response(JsonStreamReader &in) {
    const qint64 start = in.offset();
    in.advance();
    bool sawResults = false;
    QByteArray key;
    if (in.peek() == '}') {
        in.advance();
    } else {
        for (;;) {
            if (in.peek() != '"' || !in.readString(key))
                return fail(in, QStringLiteral("a field name in the response object"));
            if (in.peek() != ':')
                return fail(in, QStringLiteral("':' after \"%1\"").arg(QString::fromUtf8(key)));
            in.advance();
            if (key == "results") {
                if (!results(in))
                    return false;
                sawResults = true;
            } else if (key == "metadata") {
                JsonStreamReader::Span meta;
                if (!in.takeValue(meta))
                    return fail(in, QStringLiteral("a value for \"metadata\""));
                UsagePageInfo info;
                if (!elements.readPageMetadata(meta, page ? *page : info)) {
                    error = elements.errorString();
                    return false;
                }
                const UsagePageInfo &read = page ? *page : info;
                report.noteKeyLimit(read.apiKeyLimit, read.totalApiKeys);
            } else if (!in.skipValue()) {
                return fail(in, QStringLiteral("a value for \"%1\"").arg(QString::fromUtf8(key)));
            }
            const int next = in.peek();
            if (next == '}' || next == ',')
                in.advance();
            if (next == '}')
                break;
            if (next != ',')
                return fail(
                    in, QStringLiteral("',' or '}' in the response object starting at byte %1").arg(start));
        }
    }
    if (!sawResults) {
        error = QStringLiteral("the response object starting at byte %1 has no \"results\" array").arg(start);
        return false;
    }
    return true;
}

bool UsageAggregator::Private::results(JsonStreamReader &in) {
    if (in.peek() != '[')
        return fail(in, QStringLiteral("an array for \"results\""));
    in.advance();
    if (in.peek() == ']') {
        in.advance();
        return true;
    }
    for (;;) {
        if (in.peek() != '{')
            return fail(in,
                        QStringLiteral("an object ({\"date\", \"metrics\", \"breakdown\"}) in \"results\""));
        JsonStreamReader::Span element;
        if (!in.takeValue(element))
            return fail(in, {});
        if (!elements.read(element)) {
            error = elements.errorString();
            return false;
        }
        if (page)
            page->fingerprint = (page->fingerprint ^ 0x9e3779b97f4a7c15ULL) * 0x100000001b3ULL +
                                qHash(QByteArrayView(element.data, element.size), size_t(count));
        ++count;
        const int next = in.peek();
        if (next == ']') {
            in.advance();
            return true;
        }
        if (next != ',')
            return fail(in, QStringLiteral("',' or ']' after an element of \"results\""));
        in.advance();
    }
}

Expected<qsizetype> UsageAggregator::Private::finish(JsonStreamReader &in, const QString &source) {
    QElapsedTimer timer;
    timer.start();
    report.includeRange(from, to);
    count = 0;
    error.clear();
    if (!run(in))
        return std::unexpected(inputError(source, error));
    qCDebug(lcUsage) << "read" << count << "activity elements," << in.offset() << "bytes from" << source
                     << "in" << timer.elapsed() << "ms";
    return count;
}

UsageAggregator::Parts UsageAggregator::partsFor(UsageReport::Dimension by) {
    switch (by) {
    case UsageReport::Dimension::Model:
        return Part::Days | Part::Models | Part::DayModels;
    case UsageReport::Dimension::ModelGroup:
        return Part::Days | Part::ModelGroups;
    case UsageReport::Dimension::Provider:
        return Part::Days | Part::Providers;
    case UsageReport::Dimension::Key:
        return Part::Days | Part::Keys | Part::DayKeys;
    case UsageReport::Dimension::Entity:
        return Part::Days | Part::Entities;
    }
    return Part::All;
}

UsageAggregator::UsageAggregator(Parts parts)
    : d(std::make_unique<Private>(parts)) {}

UsageAggregator::~UsageAggregator() = default;

void UsageAggregator::setRange(QDate from, QDate to) {
    d->from = from;
    d->to = to;
}

void UsageAggregator::setBufferSize(qsizetype bytes) {
    d->bufferSize = bytes;
}

Expected<qsizetype> UsageAggregator::addResponse(QByteArrayView json, const QString &source) {
    JsonStreamReader in(std::min<qsizetype>(d->bufferSize, std::max<qsizetype>(json.size(), 16)));
    in.openMemory(json);
    return d->finish(in, source.isEmpty() ? QStringLiteral("the response") : source);
}

Expected<UsagePageInfo> UsageAggregator::addPage(QByteArrayView json, const QString &source) {
    UsagePageInfo info;
    d->page = &info;
    const auto read = addResponse(json, source);
    d->page = nullptr;
    if (!read)
        return std::unexpected(read.error());
    info.results = *read;
    info.totalPages = std::max(info.totalPages, info.page);
    return info;
}

Expected<qsizetype> UsageAggregator::addFile(const QString &path) {
    JsonStreamReader in(d->bufferSize);
    const QString source = QFileInfo(path).fileName();
    if (!in.openFile(path))
        return std::unexpected(inputError(source, in.errorString()));
    return d->finish(in, source);
}

const UsageReport &UsageAggregator::report() const {
    return d->report;
}

UsageReport UsageAggregator::takeReport() {
    return std::exchange(d->report, UsageReport());
}

Expected<UsageReport> UsageAggregator::aggregateFile(const QString &path, Parts parts, QDate from, QDate to) {
    UsageAggregator aggregator(parts);
    aggregator.setRange(from, to);
    if (auto read = aggregator.addFile(path); !read)
        return std::unexpected(read.error());
    return aggregator.takeReport();
}
