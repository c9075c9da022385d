#include "UsageCharts.h"

#include "core/format/Count.h"
#include "core/format/Money.h"
#include "core/itemmodels/UsageTableModel.h"
#include "core/usage/BudgetStart.h"
#include "core/usage/DayBuckets.h"
#include "ui/charts/ChartAxes.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsTextItem>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("UsageCharts", text);
}

const QColor kOther(0x9e, 0x9e, 0x9e);
const QColor kFailed(0xe5, 0x39, 0x35);
const QColor kBudget(0xd3, 0x2f, 0x2f);

QChart *newChart(const QString &title, const UsageChartOptions &o) {
    auto *chart = new QChart;
    chartstyle::apply(chart, o.theme);
    chart->setTitle(title);
    QFont font = chart->titleFont();
    font.setBold(true);
    font.setPointSizeF(std::max(9.0, font.pointSizeF()));
    chart->setTitleFont(font);
    return chart;
}

void showTip(const QString &text) {
    QToolTip::showText(QCursor::pos(), text);
}

// Stacked bars over the days of the report, or over weeks or months when the range is long: one set per
// name in `sets`, values per day, summed into the bar of their week or month.
QChart *stackedDays(const QString &title, const QList<QPair<QDate, UsageMetrics>> &days,
                    const QList<QPair<QString, QList<double>>> &sets, const QList<QColor> &colours,
                    bool moneyValues, const UsageChartOptions &o) {
    QChart *chart = newChart(title, o);
    const daybuckets::Size size = daybuckets::sizeFor(days.size());
    const QList<daybuckets::Bucket> buckets =
        days.isEmpty() ? QList<daybuckets::Bucket>()
                       : daybuckets::split(days.constFirst().first, days.constLast().first, size);
    // The bar of each day: days are dense and in order, like the buckets.
    QList<qsizetype> barOfDay(days.size(), 0);
    for (qsizetype d = 0, b = 0; d < days.size(); ++d) {
        while (b + 1 < buckets.size() && days.at(d).first > buckets.at(b).last)
            ++b;
        barOfDay[d] = b;
    }
    auto *series = new QStackedBarSeries;
    series->setBarWidth(0.8);
    QList<double> stackTotals(buckets.size(), 0.0);
    for (qsizetype s = 0; s < sets.size(); ++s) {
        auto *set = new QBarSet(sets.at(s).first);
        QList<double> values(buckets.size(), 0.0);
        const QList<double> &perDay = sets.at(s).second;
        for (qsizetype d = 0; d < perDay.size() && d < days.size(); ++d)
            values[barOfDay.at(d)] += perDay.at(d);
        set->append(values); // at once: one signal, not one per bar
        for (qsizetype i = 0; i < values.size(); ++i)
            stackTotals[i] += values.at(i);
        set->setProperty("itemId", sets.at(s).first);
        series->append(set);
        if (s < colours.size() && colours.at(s).isValid()) {
            set->setColor(colours.at(s));
            set->setBorderColor(colours.at(s));
        }
        if (o.tooltips) {
            QObject::connect(set, &QBarSet::hovered, set, [set, buckets, moneyValues](bool on, int index) {
                if (!on || index < 0 || index >= buckets.size())
                    return;
                const double v = set->at(index);
                showTip(QStringLiteral("%1 · %2: %3")
                            .arg(chartaxes::bucketText(buckets.at(index)), set->label(),
                                 moneyValues ? formatUsd(v) : formatCount(qint64(v))));
            });
        }
    }
    chart->addSeries(series);
    QCategoryAxis *x = chartaxes::bucketAxis(buckets, size);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    const double max = stackTotals.isEmpty() ? 0 : *std::max_element(stackTotals.begin(), stackTotals.end());
    auto *y = chartaxes::amountAxis(max, moneyValues);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

// Horizontal bars, largest at the top: the top N items of a table and "other".
QChart *itemBars(const QString &title, const UsageReport &report, UsageReport::Dimension dimension,
                 const UsageChartOptions &o) {
    QChart *chart = newChart(title, o);
    const QList<UsageItem> items = report.items(dimension);
    const qsizetype shown = std::min<qsizetype>(items.size(), o.topN);
    // Keys are many and each small: an "other" bar would dwarf them, so only models and teams get one.
    double other = 0;
    if (dimension != UsageReport::Dimension::Key)
        for (qsizetype i = shown; i < items.size(); ++i)
            other += items.at(i).metrics.spend;
    QStringList categories;
    QStringList ids;
    auto *set = new QBarSet(tr("Spend"));
    // Bottom to top: "other" first, then the smallest of the top N.
    if (other > 0) {
        categories << tr("other (%1 more)").arg(items.size() - shown) + u"  " + formatUsd(other);
        ids << QString();
        *set << other;
    }
    double max = other;
    for (qsizetype i = shown - 1; i >= 0; --i) {
        QString label = UsageTableModel::displayName(items.at(i), dimension) + u"  " +
                        formatUsd(items.at(i).metrics.spend);
        while (categories.contains(label)) // category names must be unique
            label += u' ';
        categories << label;
        ids << items.at(i).name;
        *set << items.at(i).metrics.spend;
        max = std::max(max, items.at(i).metrics.spend);
    }
    set->setProperty("itemIds", ids);
    // The amount is in the bar's label, formatted like the table's: a bar's own value label could only
    // show significant digits ("$293", "$18.9", "$7.332" side by side).
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    if (o.tooltips) {
        QObject::connect(set, &QBarSet::hovered, set, [set, categories](bool on, int index) {
            if (on && index >= 0 && index < categories.size())
                showTip(
                    QStringLiteral("%1: %2").arg(categories.at(index).trimmed(), formatUsd(set->at(index))));
        });
    }
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    y->setGridLineVisible(false);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = chartaxes::amountAxis(max, true);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    chart->legend()->hide();
    return chart;
}

QChart *dailySpendByModel(const UsageReport &report, const UsageChartOptions &o) {
    const auto days = report.days();
    const QList<UsageItem> models = report.items(UsageReport::Dimension::Model);
    const qsizetype shown = std::min<qsizetype>(models.size(), std::min(o.topN, 6));
    QList<QPair<QString, QList<double>>> sets;
    QList<double> rest;
    for (const auto &day : days)
        rest << day.second.spend;
    for (qsizetype m = 0; m < shown; ++m) {
        QList<double> values;
        for (qsizetype d = 0; d < days.size(); ++d) {
            const double v =
                report.cell(UsageReport::Dimension::Model, days.at(d).first, models.at(m).name).spend;
            values << v;
            rest[d] -= v;
        }
        sets.append({models.at(m).name, values});
    }
    QList<QColor> colours(sets.size());
    if (models.size() > shown || sets.isEmpty()) {
        for (double &v : rest)
            v = std::max(0.0, v);
        sets.append({sets.isEmpty() ? tr("spend") : tr("other"), rest});
        colours << (sets.size() > 1 ? kOther : QColor());
    }
    QChart *chart =
        stackedDays(UsageCharts::title(UsageChartKind::DailySpendByModel, o), days, sets, colours, true, o);
    if (models.size() > shown) // "other" is not a model to filter by
        if (auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().value(0)))
            series->barSets().constLast()->setProperty("itemId", QString());
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

QChart *cumulativeSpend(const UsageReport &report, const UsageChartOptions &o) {
    QChart *chart = newChart(UsageCharts::title(UsageChartKind::CumulativeSpend, o), o);
    const auto days = report.days();
    auto *line = new QLineSeries;
    line->setName(o.budgetBasis.isEmpty() ? tr("Spend so far")
                                          : tr("Spend against the budget, %1").arg(o.budgetBasis));
    // The axis labels in local time: a UTC day is placed at local noon of the same date, so its label
    // is that date wherever the user is.
    const auto ms = [](QDate d) { return double(QDateTime(d, QTime(12, 0)).toMSecsSinceEpoch()); };
    const QList<double> running = budgetstart::runningSpend(days, o.spendBefore, o.budgetResets);
    double max = o.spendBefore;
    for (qsizetype i = 0; i < days.size(); ++i) {
        line->append(ms(days.at(i).first), running.at(i));
        max = std::max(max, running.at(i));
    }
    QPen pen = line->pen();
    pen.setWidthF(2.5);
    line->setPen(pen);
    line->setPointsVisible(days.size() <= 31);
    if (o.tooltips) {
        QObject::connect(line, &QLineSeries::hovered, line, [](const QPointF &p, bool on) {
            if (on)
                showTip(QStringLiteral("%1: %2").arg(
                    QDateTime::fromMSecsSinceEpoch(qint64(p.x())).date().toString(Qt::ISODate),
                    formatUsd(p.y())));
        });
    }
    chart->addSeries(line);
    QLineSeries *budget = nullptr;
    if (o.budget && !days.isEmpty()) {
        budget = new QLineSeries;
        budget->setName(tr("Budget %1").arg(formatUsd(*o.budget)));
        budget->append(ms(days.constFirst().first), *o.budget);
        budget->append(ms(days.constLast().first), *o.budget);
        QPen dash(kBudget);
        dash.setStyle(Qt::DashLine);
        dash.setWidthF(2);
        budget->setPen(dash);
        chart->addSeries(budget);
        max = std::max(max, *o.budget);
    }
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MMM d"));
    if (!days.isEmpty())
        x->setRange(QDateTime(days.constFirst().first, QTime(0, 0)),
                    QDateTime(days.constLast().first, QTime(23, 59)));
    x->setTickCount(std::clamp(int(days.size()), 2, 7));
    chart->addAxis(x, Qt::AlignBottom);
    auto *y = chartaxes::amountAxis(max, true);
    chart->addAxis(y, Qt::AlignLeft);
    line->attachAxis(x);
    line->attachAxis(y);
    if (budget) {
        budget->attachAxis(x);
        budget->attachAxis(y);
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart *donut(const UsageReport &report, const UsageChartOptions &o) {
    QChart *chart = newChart(UsageCharts::title(UsageChartKind::SpendByModelDonut, o), o);
    auto *series = new QPieSeries;
    series->setHoleSize(0.45);
    const QList<UsageItem> items = report.items(UsageReport::Dimension::Model);
    const qsizetype shown = std::min<qsizetype>(items.size(), o.topN);
    double other = 0;
    for (qsizetype i = shown; i < items.size(); ++i)
        other += items.at(i).metrics.spend;
    for (qsizetype i = 0; i < shown; ++i) {
        QPieSlice *slice = series->append(items.at(i).name, items.at(i).metrics.spend);
        slice->setProperty("itemId", items.at(i).name);
    }
    if (other > 0)
        series->append(tr("other"), other)->setColor(kOther);
    for (QPieSlice *slice : series->slices()) {
        if (o.tooltips)
            QObject::connect(slice, &QPieSlice::hovered, slice, [slice](bool on) {
                if (on)
                    showTip(QStringLiteral("%1: %2 (%3%)")
                                .arg(slice->label(), formatUsd(slice->value()),
                                     QLocale().toString(slice->percentage() * 100, 'f', 1)));
            });
    }
    chart->addSeries(series);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}

// "No usage in this range" in the middle of a chart with no axes: an empty report drawn as bars or a
// line would only show axes of zeros.
QChart *noUsage(const QString &title, const UsageChartOptions &o) {
    QChart *chart = newChart(title, o);
    auto *note = new QGraphicsTextItem(tr("No usage in this range"), chart);
    note->setObjectName(QStringLiteral("noUsageNote"));
    note->setDefaultTextColor(o.theme == ChartTheme::Dark ? QColor(0xbd, 0xbd, 0xbd)
                                                          : QColor(0x61, 0x61, 0x61));
    const auto centre = [chart, note] {
        const QRectF area = chart->geometry();
        const QRectF text = note->boundingRect();
        note->setPos((area.width() - text.width()) / 2, (area.height() - text.height()) / 2);
    };
    QObject::connect(chart, &QGraphicsWidget::geometryChanged, note, centre);
    centre();
    chart->legend()->hide();
    return chart;
}

bool hasUsage(const UsageReport &report) {
    const UsageMetrics &t = report.totals();
    return t.spend != 0 || t.apiRequests != 0 || t.successfulRequests != 0 || t.failedRequests != 0 ||
           t.totalTokens != 0 || t.promptTokens != 0 || t.completionTokens != 0;
}

} // namespace

QString UsageCharts::title(UsageChartKind kind, const UsageChartOptions &o) {
    switch (kind) {
    case UsageChartKind::DailySpendByModel:
        return tr("Daily spend by model");
    case UsageChartKind::SpendByModel:
    case UsageChartKind::SpendByModelDonut:
        return tr("Spend by model");
    case UsageChartKind::TopKeys:
        return tr("Top keys by spend");
    case UsageChartKind::TokensPerDay:
        return tr("Tokens per day");
    case UsageChartKind::RequestsPerDay:
        return tr("Requests per day");
    case UsageChartKind::CumulativeSpend:
        return o.budget ? tr("Cumulative spend against the budget") : tr("Cumulative spend");
    case UsageChartKind::SpendByEntity:
        return o.entityName == u"tag" ? tr("Spend by tag") : tr("Spend by team");
    }
    return {};
}

std::optional<UsageReport::Dimension> UsageCharts::clickDimension(UsageChartKind kind) {
    switch (kind) {
    case UsageChartKind::DailySpendByModel:
    case UsageChartKind::SpendByModel:
    case UsageChartKind::SpendByModelDonut:
        return UsageReport::Dimension::Model;
    case UsageChartKind::TopKeys:
        return UsageReport::Dimension::Key;
    default:
        return std::nullopt;
    }
}

void UsageCharts::onItemClicked(QChart *chart, QObject *context,
                                std::function<void(const QString &id)> clicked) {
    for (QAbstractSeries *series : chart->series()) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets())
                QObject::connect(set, &QBarSet::clicked, context, [set, clicked](int index) {
                    QString id = set->property("itemId").toString();
                    if (id.isEmpty())
                        id = set->property("itemIds").toStringList().value(index);
                    if (!id.isEmpty())
                        clicked(id);
                });
        } else if (auto *pie = qobject_cast<QPieSeries *>(series)) {
            for (QPieSlice *slice : pie->slices())
                QObject::connect(slice, &QPieSlice::clicked, context, [slice, clicked] {
                    const QString id = slice->property("itemId").toString();
                    if (!id.isEmpty())
                        clicked(id);
                });
        }
    }
}

std::optional<UsageChartKind> UsageCharts::fromName(QStringView name) {
    if (name == u"model")
        return UsageChartKind::SpendByModel;
    if (name == u"key")
        return UsageChartKind::TopKeys;
    if (name == u"day")
        return UsageChartKind::DailySpendByModel;
    return std::nullopt;
}

QChart *UsageCharts::build(UsageChartKind kind, const UsageReport &report, const UsageChartOptions &o) {
    if (!hasUsage(report))
        return noUsage(title(kind, o), o);
    switch (kind) {
    case UsageChartKind::DailySpendByModel:
        return dailySpendByModel(report, o);
    case UsageChartKind::SpendByModel:
        return itemBars(title(kind, o), report, UsageReport::Dimension::Model, o);
    case UsageChartKind::SpendByModelDonut:
        return donut(report, o);
    case UsageChartKind::TopKeys:
        return itemBars(title(kind, o), report, UsageReport::Dimension::Key, o);
    case UsageChartKind::SpendByEntity:
        return itemBars(title(kind, o), report, UsageReport::Dimension::Entity, o);
    case UsageChartKind::TokensPerDay: {
        const auto days = report.days();
        QList<double> prompt, completion;
        for (const auto &d : days) {
            prompt << double(d.second.promptTokens);
            completion << double(d.second.completionTokens);
        }
        return stackedDays(title(kind, o), days, {{tr("prompt"), prompt}, {tr("completion"), completion}}, {},
                           false, o);
    }
    case UsageChartKind::RequestsPerDay: {
        const auto days = report.days();
        QList<double> ok, failed;
        for (const auto &d : days) {
            ok << double(d.second.successfulRequests);
            failed << double(d.second.failedRequests);
        }
        return stackedDays(title(kind, o), days, {{tr("successful"), ok}, {tr("failed"), failed}},
                           {QColor(), kFailed}, false, o);
    }
    case UsageChartKind::CumulativeSpend:
        return cumulativeSpend(report, o);
    }
    return newChart(title(kind, o), o);
}
