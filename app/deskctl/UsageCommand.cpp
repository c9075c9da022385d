#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "ProfilesCommandKeychain.h"

#include "api/ProxyClient.h"
#include "export/CsvWriter.h"
#include "export/JsonWriter.h"
#include "export/TextTable.h"
#include "usage/ActivityFetcher.h"
#include "usage/UsageAggregator.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QTimeZone>

#include <cstdio>
#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace {

constexpr int kDefaultDays = 30;

bool stderrIsTerminal() {
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

// How rows are grouped: a column (or three, for keys) in front of the metrics.
enum class Grouping { Day, Model, Key, Team, Tag, Provider };

const QStringList kGroupings = {u"day"_qs, u"model"_qs, u"key"_qs, u"team"_qs, u"tag"_qs, u"provider"_qs};
const QStringList kMetricColumns = {u"spend"_qs,          u"prompt_tokens"_qs, u"completion_tokens"_qs,
                                    u"total_tokens"_qs,   u"api_requests"_qs,  u"successful_requests"_qs,
                                    u"failed_requests"_qs};

UsageReport::Dimension dimensionOf(Grouping g) {
    switch (g) {
    case Grouping::Model:
    case Grouping::Day:
        return UsageReport::Dimension::Model;
    case Grouping::Key:
        return UsageReport::Dimension::Key;
    case Grouping::Team:
    case Grouping::Tag:
        return UsageReport::Dimension::Entity;
    case Grouping::Provider:
        return UsageReport::Dimension::Provider;
    }
    return UsageReport::Dimension::Model;
}

UsageAggregator::Parts partsOf(Grouping g) {
    return g == Grouping::Day ? UsageAggregator::Parts(UsageAggregator::Part::Days)
                              : UsageAggregator::partsFor(dimensionOf(g));
}

QStringList groupColumns(Grouping g) {
    switch (g) {
    case Grouping::Day:
        return {u"date"_qs};
    case Grouping::Model:
        return {u"model"_qs};
    case Grouping::Key:
        return {u"key"_qs, u"key_alias"_qs, u"team_id"_qs};
    case Grouping::Team:
        return {u"team"_qs};
    case Grouping::Tag:
        return {u"tag"_qs};
    case Grouping::Provider:
        return {u"provider"_qs};
    }
    return {};
}

// One output row: the group's values, then the metrics.
struct Row {
    QStringList group;
    UsageMetrics metrics;
};

QList<Row> rowsOf(const UsageReport &report, Grouping g) {
    QList<Row> rows;
    if (g == Grouping::Day) {
        for (const auto &[date, metrics] : report.days())
            rows << Row{{date.toString(Qt::ISODate)}, metrics};
        return rows;
    }
    for (const UsageItem &item : report.items(dimensionOf(g))) {
        if (g == Grouping::Key)
            rows << Row{{item.name, item.label, item.teamId}, item.metrics};
        else
            rows << Row{{item.name}, item.metrics};
    }
    return rows;
}

QStringList metricCells(const UsageMetrics &m) {
    return {JsonWriter::number(m.spend),         QString::number(m.promptTokens),
            QString::number(m.completionTokens), QString::number(m.totalTokens),
            QString::number(m.apiRequests),      QString::number(m.successfulRequests),
            QString::number(m.failedRequests)};
}

QByteArray render(const UsageReport &report, Grouping g, const QString &format) {
    const QList<Row> rows = rowsOf(report, g);
    const QStringList columns = groupColumns(g);
    if (format == u"json") {
        // The group field first, then the metrics, as in the CSV.
        QList<JsonWriter::Fields> out;
        for (const Row &r : rows) {
            JsonWriter::Fields o;
            for (qsizetype i = 0; i < columns.size(); ++i)
                o.append(
                    {columns.at(i), i == 0 ? QJsonValue(r.group.at(i)) : JsonWriter::text(r.group.at(i))});
            o.append({u"spend"_qs, r.metrics.spend});
            o.append({u"prompt_tokens"_qs, r.metrics.promptTokens});
            o.append({u"completion_tokens"_qs, r.metrics.completionTokens});
            o.append({u"total_tokens"_qs, r.metrics.totalTokens});
            o.append({u"api_requests"_qs, r.metrics.apiRequests});
            o.append({u"successful_requests"_qs, r.metrics.successfulRequests});
            o.append({u"failed_requests"_qs, r.metrics.failedRequests});
            out << o;
        }
        return JsonWriter::orderedArray(out);
    }
    if (format == u"csv") {
        QString out = CsvWriter::row(columns + kMetricColumns);
        for (const Row &r : rows)
            out += CsvWriter::row(r.group + metricCells(r.metrics));
        return out.toUtf8();
    }
    TextTable table;
    for (const QString &c : columns)
        table.addColumn(c);
    for (const QString &c : kMetricColumns)
        table.addColumn(c, TextTable::Align::Right);
    for (const Row &r : rows) {
        QStringList cells = r.group;
        cells << QString::number(r.metrics.spend, 'f', 4);
        cells << metricCells(r.metrics).mid(1);
        table.addRow(cells);
    }
    QStringList total(columns.size(), QString());
    total[0] = u"total"_qs;
    total << QString::number(report.totals().spend, 'f', 4) << metricCells(report.totals()).mid(1);
    table.addRow(total);
    return table.toString().toUtf8();
}

// usage and usage fetch share their filters and the fetch itself.
class UsageCommandBase : public Command {
public:
    using Command::Command;

    bool usesProxy() const override { return false; } // proxy options are read here: --input needs none
    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> o = ProxyOptions::options();
        o << QCommandLineOption(u"from"_qs, u"First UTC day, YYYY-MM-DD (default: 29 days before --to)."_qs,
                                u"DATE"_qs)
          << QCommandLineOption(u"to"_qs, u"Last UTC day, YYYY-MM-DD (default: today)."_qs, u"DATE"_qs)
          << QCommandLineOption(
                 u"scope"_qs, u"Whose usage: global (default), user:ID, team:ID[,ID] or tag:NAME[,NAME]."_qs,
                 u"SCOPE"_qs, u"global"_qs)
          << QCommandLineOption(u"model"_qs, u"Only this model."_qs, u"MODEL"_qs)
          << QCommandLineOption(u"key"_qs, u"Only this key (its token hash)."_qs, u"HASH"_qs);
        return o;
    }

protected:
    std::optional<QString> configureQuery(const QCommandLineParser &parser, bool needProxy) {
        const QDate today = QDateTime::currentDateTimeUtc().date();
        const auto date = [&](const QString &name, QDate fallback, QDate &out) -> std::optional<QString> {
            if (!parser.isSet(name)) {
                out = fallback;
                return std::nullopt;
            }
            out = QDate::fromString(parser.value(name).trimmed(), Qt::ISODate);
            if (!out.isValid())
                return QStringLiteral("--%1 expects a date as YYYY-MM-DD, not \"%2\"")
                    .arg(name, parser.value(name));
            return std::nullopt;
        };
        if (auto e = date(u"to"_qs, today, m_query.end))
            return e;
        if (auto e = date(u"from"_qs, m_query.end.addDays(1 - kDefaultDays), m_query.start))
            return e;
        if (m_query.start > m_query.end)
            return QStringLiteral("--from (%1) is after --to (%2)")
                .arg(m_query.start.toString(Qt::ISODate), m_query.end.toString(Qt::ISODate));
        m_explicitRange = parser.isSet(u"from"_qs) || parser.isSet(u"to"_qs);

        const QString scope = parser.value(u"scope"_qs).trimmed();
        m_scopeGiven = parser.isSet(u"scope"_qs);
        if (scope != u"global") {
            const qsizetype colon = scope.indexOf(u':');
            const QString kind = scope.left(colon);
            QStringList ids;
            for (const QString &id : scope.mid(colon + 1).split(u',', Qt::SkipEmptyParts))
                if (!id.trimmed().isEmpty())
                    ids << id.trimmed();
            if (colon < 0 || ids.isEmpty() || (kind == u"user" && ids.size() != 1))
                return QStringLiteral(
                           "--scope must be global, user:ID, team:ID[,ID] or tag:NAME[,NAME], not \"%1\"")
                    .arg(scope);
            if (kind == u"user")
                m_query.scope = ActivityQuery::Scope::User;
            else if (kind == u"team")
                m_query.scope = ActivityQuery::Scope::Team;
            else if (kind == u"tag")
                m_query.scope = ActivityQuery::Scope::Tag;
            else
                return QStringLiteral(
                           "--scope must be global, user:ID, team:ID[,ID] or tag:NAME[,NAME], not \"%1\"")
                    .arg(scope);
            m_query.ids = ids;
        }
        m_query.model = parser.value(u"model"_qs).trimmed();
        m_query.apiKey = parser.value(u"key"_qs).trimmed();
        if (!needProxy)
            return std::nullopt;
        auto proxy = ProxyOptions::read(parser, QProcessEnvironment::systemEnvironment());
        if (!proxy)
            return proxy.error();
        if (!proxy->hasKey() && !proxy->profile)
            return QStringLiteral("%1 is not set: export it with the proxy's master key or a virtual key")
                .arg(QLatin1StringView(ProxyOptions::kKeyVariable));
        console::addSecret(proxy->apiKey);
        setProxy(*proxy);
        return std::nullopt;
    }

    void fetch(UsageAggregator::Parts parts) {
        if (proxy().profile && !proxy().hasKey()) { // the key is in the keychain: read it, then start again
            profilekey::startWithProfileKey(this);
            return;
        }
        m_client = proxy().makeClient(this);
        m_fetcher = new ActivityFetcher(m_client, this);
        m_fetcher->setParts(parts);
        m_progress = stderrIsTerminal();
        connect(m_fetcher, &ActivityFetcher::progress, this, [this](int done, int total) {
            if (m_progress)
                std::fprintf(stderr, "\rpage %d of %d ", done, total), std::fflush(stderr);
        });
        connect(m_fetcher, &ActivityFetcher::failed, this, [this](const ApiError &e) {
            endProgress();
            fail(e);
        });
        connect(m_fetcher, &ActivityFetcher::finished, this, [this] {
            endProgress();
            fetched(m_fetcher->takeReport());
        });
        m_fetcher->start(m_query);
    }
    virtual void fetched(UsageReport report) = 0;

    ActivityQuery m_query;
    QPointer<ActivityFetcher> m_fetcher;
    bool m_explicitRange = false;
    bool m_scopeGiven = false;

private:
    void endProgress() {
        if (m_progress)
            std::fputs("\r\033[K", stderr), std::fflush(stderr);
        m_progress = false;
    }

    QPointer<ProxyClient> m_client;
    bool m_progress = false;
};

// usage: spend and tokens over a range, grouped by day, model, key, team, tag or provider.
class UsageCommand final : public UsageCommandBase {
public:
    using UsageCommandBase::UsageCommandBase;

    QStringList words() const override { return {u"usage"_qs}; }
    QString summary() const override {
        return u"Show spend and tokens by day, model, key, team, tag or provider"_qs;
    }
    QString description() const override {
        return summary() +
               u".\nDays are UTC. From a proxy (every page of its daily activity, or /aggregated where it "
               "exists), or with --input from responses saved by \"usage fetch\" (no proxy needed)."_qs;
    }
    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> o = UsageCommandBase::options();
        o << QCommandLineOption(u"by"_qs, u"Group by day, model, key, team, tag or provider."_qs, u"GROUP"_qs)
          << QCommandLineOption(u"format"_qs, u"Output format: table (default), json or csv."_qs,
                                u"FORMAT"_qs, u"table"_qs)
          << QCommandLineOption(u"input"_qs,
                                u"Read saved daily activity responses from FILE instead of a proxy "
                                "(repeat for several files)."_qs,
                                u"FILE"_qs);
        return o;
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (!parser.isSet(u"by"_qs))
            return u"--by is required: day, model, key, team, tag or provider"_qs;
        if (auto e = checkChoice(parser, u"by"_qs, kGroupings))
            return e;
        if (auto e = checkChoice(parser, u"format"_qs, {u"table"_qs, u"json"_qs, u"csv"_qs}))
            return e;
        m_by = Grouping(kGroupings.indexOf(parser.value(u"by"_qs)));
        m_format = parser.value(u"format"_qs);
        m_inputs = parser.values(u"input"_qs);
        if (!m_inputs.isEmpty()) {
            for (const QString &name : {u"url"_qs, u"profile"_qs, u"scope"_qs, u"model"_qs, u"key"_qs})
                if (parser.isSet(name))
                    return QStringLiteral("--%1 asks a proxy and cannot be used with --input").arg(name);
        }
        if (auto e = configureQuery(parser, m_inputs.isEmpty()))
            return e;
        if (m_by == Grouping::Team || m_by == Grouping::Tag) {
            const auto wanted =
                m_by == Grouping::Team ? ActivityQuery::Scope::Team : ActivityQuery::Scope::Tag;
            if (!m_scopeGiven)
                m_query.scope = wanted; // every team (or tag) the key may see
            else if (m_query.scope != wanted)
                return QStringLiteral("--by %1 needs --scope global or --scope %1:…")
                    .arg(parser.value(u"by"_qs));
        }
        return std::nullopt;
    }

    void start() override {
        if (m_inputs.isEmpty()) {
            fetch(partsOf(m_by));
            return;
        }
        UsageAggregator aggregator(partsOf(m_by));
        if (m_explicitRange)
            aggregator.setRange(m_query.start, m_query.end);
        for (const QString &file : std::as_const(m_inputs))
            if (auto read = aggregator.addFile(file); !read)
                return fail(ExitCode::Failure, read.error().toString());
        fetched(aggregator.takeReport());
    }

private:
    void fetched(UsageReport report) override {
        console::out(render(report, m_by, m_format));
        succeed();
    }

    Grouping m_by = Grouping::Model;
    QString m_format;
    QStringList m_inputs;
};

// usage fetch: saves the raw daily activity responses for a range, for "usage --input".
class UsageFetchCommand final : public UsageCommandBase {
public:
    using UsageCommandBase::UsageCommandBase;

    QStringList words() const override { return {u"usage"_qs, u"fetch"_qs}; }
    QString summary() const override { return u"Save a range's raw daily activity responses to a file"_qs; }
    QString description() const override {
        return summary() + u".\nThe file is a JSON array of the proxy's responses; \"usage --input FILE\" "
                           "reads it back."_qs;
    }
    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> o = UsageCommandBase::options();
        o << QCommandLineOption(u"out"_qs, u"Where to write the responses (replaced atomically)."_qs,
                                u"FILE"_qs);
        return o;
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        m_out = parser.value(u"out"_qs);
        if (m_out.isEmpty())
            return u"--out FILE is required"_qs;
        return configureQuery(parser, true);
    }

    void start() override {
        fetch(UsageAggregator::Part::Days);
        if (!m_fetcher)
            return; // started again once the profile's key has been read
        connect(m_fetcher, &ActivityFetcher::pageReceived, this,
                [this](int page, const QByteArray &body) { m_pages.insert(page, body); });
    }

private:
    void fetched(UsageReport) override {
        QSaveFile file(m_out);
        if (!file.open(QIODevice::WriteOnly))
            return fail(ExitCode::Failure,
                        QStringLiteral("cannot write %1: %2").arg(m_out, file.errorString()));
        file.write("[\n");
        bool first = true;
        for (const QByteArray &body : std::as_const(m_pages)) {
            if (!first)
                file.write(",\n");
            first = false;
            file.write(body.trimmed());
        }
        file.write("\n]\n");
        if (!file.commit())
            return fail(ExitCode::Failure,
                        QStringLiteral("cannot write %1: %2").arg(m_out, file.errorString()));
        console::out(QStringLiteral("saved %1 response%2 to %3\n")
                         .arg(m_pages.size())
                         .arg(m_pages.size() == 1 ? QString() : u"s"_qs, m_out));
        succeed();
    }

    QString m_out;
    QMap<int, QByteArray> m_pages;
};

} // namespace

void registerUsageCommands(CommandRegistry &registry, QObject *owner) {
    registry.add(new UsageCommand(owner));
    registry.add(new UsageFetchCommand(owner));
}
