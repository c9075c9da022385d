#include "CommandRegistry.h"
#include "UsageCommandBase.h"

#include "ui/charts/ChartRenderer.h"
#include "ui/charts/UsageCharts.h"

#include <QApplication>
#include <QChart>
#include <QFileInfo>

#include <memory>

namespace {

const QStringList kCharts = {u"model"_qs, u"key"_qs, u"day"_qs};
const QStringList kFormats = {u"png"_qs, u"svg"_qs, u"pdf"_qs};
const QStringList kThemes = {u"light"_qs, u"dark"_qs, u"print"_qs};

// usage chart: one usage chart drawn to a PNG, SVG or PDF file, without a window.
class UsageChartCommand final : public UsageCommandBase {
public:
    using UsageCommandBase::UsageCommandBase;

    QStringList words() const override { return {u"usage"_qs, u"chart"_qs}; }
    QString summary() const override {
        return u"Draw spend by model, key or day to a PNG, SVG or PDF file"_qs;
    }
    QString description() const override {
        return summary() +
               u".\n--by model: spend by model (top 8 and other); key: the top keys by spend; day: daily "
               u"spend "
               "stacked by model. Days are UTC. From a proxy, or with --input from \"usage fetch\" files."_qs;
    }
    QList<QCommandLineOption> options() const override {
        QList<QCommandLineOption> o = UsageCommandBase::options();
        o << QCommandLineOption(u"by"_qs, u"The chart: model, key or day."_qs, u"CHART"_qs)
          << QCommandLineOption(u"format"_qs,
                                u"png, svg or pdf (default: the --out file's suffix, else png)."_qs,
                                u"FORMAT"_qs)
          << QCommandLineOption(u"out"_qs, u"Where to write the chart (replaced atomically)."_qs, u"FILE"_qs)
          << QCommandLineOption(u"size"_qs, u"Width x height in pixels (default 1200x700)."_qs, u"WxH"_qs)
          << QCommandLineOption(u"theme"_qs, u"light (default), dark, or print (white, flat)."_qs,
                                u"THEME"_qs, u"light"_qs)
          << inputOption();
        return o;
    }

    std::optional<QString> configure(const QCommandLineParser &parser) override {
        if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
            return u"usage chart needs the GUI libraries, which were not started"_qs;
        if (!parser.isSet(u"by"_qs))
            return u"--by is required: model, key or day"_qs;
        if (auto e = checkChoice(parser, u"by"_qs, kCharts))
            return e;
        m_out = parser.value(u"out"_qs);
        if (m_out.isEmpty())
            return u"--out FILE is required"_qs;
        if (parser.isSet(u"format"_qs)) {
            if (auto e = checkChoice(parser, u"format"_qs, kFormats))
                return e;
            m_format = *ChartRenderer::formatFromName(parser.value(u"format"_qs));
        } else {
            m_format = ChartRenderer::formatFromPath(m_out).value_or(ChartFormat::Png);
        }
        if (parser.isSet(u"size"_qs)) {
            const auto size = ChartRenderer::parseSize(parser.value(u"size"_qs));
            if (!size)
                return QStringLiteral("--size expects WIDTHxHEIGHT in pixels, each 100 to 10000, not \"%1\"")
                    .arg(parser.value(u"size"_qs));
            m_size = *size;
        }
        if (auto e = checkChoice(parser, u"theme"_qs, kThemes))
            return e;
        m_options.theme = *chartstyle::fromName(parser.value(u"theme"_qs));
        m_options.tooltips = false;
        m_kind = *UsageCharts::fromName(parser.value(u"by"_qs));
        m_inputs = parser.values(u"input"_qs);
        if (auto e = checkInputOptions(parser))
            return e;
        return configureQuery(parser, m_inputs.isEmpty());
    }

    void start() override {
        if (m_inputs.isEmpty()) {
            m_wantPublicNames = m_kind != UsageChartKind::TopKeys; // models under their public names
            fetch(parts());
            return;
        }
        UsageReport report;
        if (auto e = aggregateFiles(m_inputs, parts(), report))
            return fail(ExitCode::Failure, *e);
        fetched(std::move(report));
    }

private:
    UsageAggregator::Parts parts() const {
        if (m_kind == UsageChartKind::DailySpendByModel)
            return UsageAggregator::Part::Days | UsageAggregator::Part::Models |
                   UsageAggregator::Part::DayModels;
        return UsageAggregator::partsFor(m_kind == UsageChartKind::TopKeys ? UsageReport::Dimension::Key
                                                                           : UsageReport::Dimension::Model);
    }

    void fetched(UsageReport report) override {
        if (!m_publicNames.isEmpty())
            report = report.withModelsGrouped(m_publicNames);
        std::unique_ptr<QChart> chart(UsageCharts::build(m_kind, report, m_options));
        if (report.from().isValid())
            chart->setTitle(QStringLiteral("%1 · %2 to %3 (UTC)")
                                .arg(chart->title(), report.from().toString(Qt::ISODate),
                                     report.to().toString(Qt::ISODate)));
        if (const QString error = ChartRenderer::save(chart.get(), m_out, m_format, m_size); !error.isEmpty())
            return fail(ExitCode::Failure, error);
        console::out(QStringLiteral("wrote %1 (%2, %3x%4)\n")
                         .arg(m_out, ChartRenderer::formatName(m_format))
                         .arg(m_size.width())
                         .arg(m_size.height()));
        succeed();
    }

    UsageChartKind m_kind = UsageChartKind::SpendByModel;
    UsageChartOptions m_options;
    ChartFormat m_format = ChartFormat::Png;
    QSize m_size = ChartRenderer::kDefaultSize;
    QString m_out;
    QStringList m_inputs;
};

} // namespace

void registerUsageChartCommand(CommandRegistry &registry, QObject *owner) {
    registry.add(new UsageChartCommand(owner));
}
