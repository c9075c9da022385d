#include "ChartAxes.h"

#include "core/format/Count.h"
#include "core/format/Money.h"

#include <QCategoryAxis>
#include <QCoreApplication>

#include <algorithm>
#include <cmath>

using daybuckets::Bucket;
using daybuckets::Size;

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("UsageCharts", text);
}

QString bucketLabel(const Bucket &b, Size size, bool longRange, bool oneYear) {
    switch (size) {
    case Size::Day:
        return longRange ? b.first.toString(QStringLiteral("MM-dd")) : QString::number(b.first.day());
    case Size::Week:
        return b.first.toString(QStringLiteral("MM-dd"));
    case Size::Month:
        return b.first.toString(oneYear ? QStringLiteral("MMM") : QStringLiteral("MMM yyyy"));
    }
    return {};
}

QString axisTitle(const QList<Bucket> &buckets, Size size) {
    const QDate first = buckets.constFirst().first, last = buckets.constLast().last;
    if (first == last)
        return tr("Day (UTC)");
    const QString range =
        tr("%1 to %2 (UTC)")
            .arg(first.toString(QStringLiteral("MMM d")), last.toString(QStringLiteral("MMM d, yyyy")));
    switch (size) {
    case Size::Day:
        return range;
    case Size::Week:
        return tr("By week: %1").arg(range);
    case Size::Month:
        return tr("By month: %1").arg(range);
    }
    return range;
}

// 1, 2, 2.5 or 5 times a power of ten: the step of about `steps` steps up to `max`.
double niceStep(double max, int steps, double smallest) {
    const double raw = std::max(max / steps, smallest);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normal = raw / magnitude;
    const double nice = normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10;
    return std::max(nice * magnitude, smallest);
}

} // namespace

namespace chartaxes {

QCategoryAxis *bucketAxis(const QList<Bucket> &buckets, Size size) {
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const qsizetype n = buckets.size();
    axis->setStartValue(-0.5);
    axis->setRange(-0.5, double(std::max<qsizetype>(n, 1)) - 0.5);
    const bool longRange = n > 31;
    const qsizetype every = std::max<qsizetype>(1, (n + (longRange ? 8 : 15)) / (longRange ? 9 : 16));
    const bool oneYear = n > 0 && buckets.constFirst().first.year() == buckets.constLast().last.year();
    for (qsizetype i = 0; i < n; i += every)
        axis->append(n == 1 && size == Size::Day ? buckets.at(i).first.toString(Qt::ISODate)
                                                 : bucketLabel(buckets.at(i), size, longRange, oneYear),
                     double(i));
    QFont font = axis->labelsFont();
    font.setPointSizeF(std::max(6.0, font.pointSizeF() - 1));
    axis->setLabelsFont(font);
    axis->setTruncateLabels(false);
    axis->setGridLineVisible(false);
    if (n > 0) {
        axis->setTitleText(axisTitle(buckets, size));
        QFont title = axis->titleFont();
        title.setPointSizeF(font.pointSizeF());
        title.setBold(false);
        axis->setTitleFont(title);
    }
    return axis;
}

QCategoryAxis *amountAxis(double max, bool money) {
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const double step = niceStep(max > 0 ? max : 1, 5, money ? 0.01 : 1);
    const int steps = std::max(1, int(std::ceil((max > 0 ? max : 1) / step - 1e-9)));
    const double top = step * steps;
    // The label at 0 sits on a sliver of a first category, as a category axis labels category ends.
    axis->setStartValue(-top * 1e-6);
    // A little past the last label, so that label is not cut at the chart's edge.
    axis->setRange(0, top * 1.04);
    for (int i = 0; i <= steps; ++i) {
        const double v = step * i;
        axis->append(money ? formatUsd(v) : formatCount(qint64(std::llround(v))), i == 0 ? 0.0 : v);
    }
    axis->setGridLineVisible(true);
    return axis;
}

QString bucketText(const Bucket &bucket) {
    return bucket.first == bucket.last
               ? bucket.first.toString(Qt::ISODate)
               : tr("%1 to %2").arg(bucket.first.toString(Qt::ISODate), bucket.last.toString(Qt::ISODate));
}

} // namespace chartaxes
