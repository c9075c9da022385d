#include "Command.h"
#include "CommandRegistry.h"
#include "Console.h"
#include "ProfilesCommandKeychain.h"
#include "UsageCommandBase.h"

#include "core/api/ProxyClient.h"
#include "core/export/CsvWriter.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"
#include "core/usage/ActivityFetcher.h"
#include "core/usage/UsageAggregator.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QTimeZone>

namespace {

// How rows are grouped: a column (or three, for keys) in front of the metrics.
enum class Grouping { Day, Model, Key, Team, Tag, Provider, Deployment };

const QStringList kGroupings = {u"day"_qs, u"model"_qs,    u"key"_qs,       u"team"_qs,
                                u"tag"_qs, u"provider"_qs, u"deployment"_qs};
const QStringList kMetricColumns = {u"spend"_qs,          u"prompt_tokens"_qs, u"completion_tokens"_qs,
                                    u"total_tokens"_qs,   u"api_requests"_qs,  u"successful_requests"_qs,
                                    u"failed_requests"_qs};

UsageReport::Dimension dimensionOf(Grouping g) {
    switch (g) {
    case Grouping::Model:
    case Grouping::Deployment:
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
    case Grouping::Deployment:
        return {u"deployment"_qs};
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

// `proxyTotal`: the proxy's own totals, when the rows overlap (tags) and their sum is not spend.
QByteArray render(const UsageReport &report, Grouping g, const QString &format, bool overlaps,
                  const std::optional<UsageMetrics> &proxyTotal) {
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
    const auto totalRow = [&](const QString &label, const UsageMetrics &m) {
        QStringList cells(columns.size(), QString());
        cells[0] = label;
        cells << QString::number(m.spend, 'f', 4) << metricCells(m).mid(1);
        table.addRow(cells);
    };
    totalRow(overlaps ? u"sum over tags"_qs : u"total"_qs, report.totals());
    if (proxyTotal)
        totalRow(u"proxy total"_qs, *proxyTotal);
    return table.toString().toUtf8();
}

// usage: spend and tokens over a range, grouped by day, model, deployment, key, team, tag or provider.
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
        o << QCommandLineOption(u"by"_qs,
                                u"Group by day (default, as the Usage page opens), model (public names, "
                                "each summing its deployments), deployment (as recorded), key, team, tag or "
                                "provider."_qs,
                                u"GROUP"_qs, u"day"_qs)
          << QCommandLineOption(u"format"_qs, u"Output format: table (default), json or csv."_qs,
                                u"FORMAT"_qs, u"table"_qs)
          << inputOption();
        return o;
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (auto e = checkChoice(parser, u"by"_qs, kGroupings))
            return e;
        if (auto e = checkChoice(parser, u"format"_qs, {u"table"_qs, u"json"_qs, u"csv"_qs}))
            return e;
        m_by = Grouping(kGroupings.indexOf(parser.value(u"by"_qs)));
        m_format = parser.value(u"format"_qs);
        m_inputs = parser.values(u"input"_qs);
        if (auto e = checkInputOptions(parser))
            return e;
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
            m_wantPublicNames = m_by == Grouping::Model;
            fetch(partsOf(m_by));
            return;
        }
        UsageReport report;
        if (auto e = aggregateFiles(m_inputs, partsOf(m_by), report))
            return fail(ExitCode::Failure, *e);
        if (m_by == Grouping::Model)
            console::warning(u"models: saved responses hold no model list, so models are listed as their "
                             "deployments recorded them"_qs);
        fetched(std::move(report));
    }

private:
    void fetched(UsageReport report) override {
        if (m_by == Grouping::Model && !m_publicNames.isEmpty())
            report = report.withModelsGrouped(m_publicNames);
        if (!usagesummary::overlaps(m_query))
            return print(report, false, std::nullopt);
        if (!m_inputs.isEmpty()) // saved responses hold no proxy total
            return print(report, true, std::nullopt);
        fetchProxyTotal([this, report](std::optional<UsageMetrics> total) { print(report, true, total); });
    }

    void print(const UsageReport &report, bool overlaps, const std::optional<UsageMetrics> &total) {
        console::out(render(report, m_by, m_format, overlaps, total));
        if (overlaps) // the rows stay per tag; their sum is not spend
            console::warning(usagesummary::overlapNote(total ? &*total : nullptr));
        succeed();
    }

    Grouping m_by = Grouping::Day;
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
        // Keys too: where /aggregated cuts keys off, the fetch pages instead, so the file has every key.
        fetch(UsageAggregator::Part::Days | UsageAggregator::Part::Keys);
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
