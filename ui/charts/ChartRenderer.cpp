#include "ChartRenderer.h"

#include <QChart>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QImageWriter>
#include <QObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

namespace {

constexpr int kMinSide = 100;
constexpr int kMaxSide = 10000;

QString cannotWrite(const QString &path, const QString &why) {
    return QObject::tr("%1 cannot be written: %2").arg(path, why);
}

// The colour around the chart's own (inset) background: its solid colour, or the first stop of the
// gradient the light and dark themes use.
QColor background(const QChart *chart) {
    const QBrush brush = chart->backgroundBrush();
    if (const QGradient *g = brush.gradient(); g && !g->stops().isEmpty())
        return g->stops().constFirst().second;
    return brush.style() == Qt::NoBrush ? QColor(Qt::white) : brush.color();
}

} // namespace

void ChartRenderer::paint(QChart *chart, QSize size, QPainter *painter, const QRectF &target) {
    QGraphicsScene scene;
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(size)));
    if (chart->layout())
        chart->layout()->activate(); // lay out now: no event loop turn needed
    scene.setSceneRect(QRectF(QPointF(0, 0), QSizeF(size)));
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    scene.render(painter, target, scene.sceneRect(), Qt::IgnoreAspectRatio);
    painter->restore();
    scene.removeItem(chart);
}

QString ChartRenderer::save(QChart *chart, const QString &path, ChartFormat format, QSize size) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    const QRectF target(QPointF(0, 0), QSizeF(size));
    switch (format) {
    case ChartFormat::Png: {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        {
            QPainter painter(&image);
            painter.fillRect(target, background(chart));
            paint(chart, size, &painter, target);
        }
        QImageWriter writer(&file, "png");
        if (!writer.write(image))
            return cannotWrite(path, writer.errorString());
        break;
    }
    case ChartFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart->title());
        svg.setDescription(QObject::tr("LiteLLM Desk chart"));
        QPainter painter(&svg);
        painter.fillRect(target, background(chart));
        paint(chart, size, &painter, target);
        break;
    }
    case ChartFormat::Pdf: {
        QPdfWriter pdf(&file);
        pdf.setTitle(chart->title());
        pdf.setCreator(QStringLiteral("LiteLLM Desk"));
        pdf.setResolution(96);
        pdf.setPageSize(
            QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        const QRectF page(0, 0, pdf.width(), pdf.height());
        painter.fillRect(page, background(chart));
        paint(chart, size, &painter, page);
        break;
    }
    }
    if (!file.commit())
        return cannotWrite(path, file.errorString());
    return {};
}

std::optional<ChartFormat> ChartRenderer::formatFromName(QStringView name) {
    for (ChartFormat f : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf})
        if (formatName(f).compare(name, Qt::CaseInsensitive) == 0)
            return f;
    return std::nullopt;
}

std::optional<ChartFormat> ChartRenderer::formatFromPath(const QString &path) {
    return formatFromName(QFileInfo(path).suffix());
}

QString ChartRenderer::formatName(ChartFormat format) {
    switch (format) {
    case ChartFormat::Png:
        return QStringLiteral("png");
    case ChartFormat::Svg:
        return QStringLiteral("svg");
    case ChartFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

std::optional<QSize> ChartRenderer::parseSize(QStringView text) {
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    const auto m = re.match(text.toString());
    if (!m.hasMatch())
        return std::nullopt;
    const QSize size(m.captured(1).toInt(), m.captured(2).toInt());
    if (size.width() < kMinSide || size.height() < kMinSide || size.width() > kMaxSide ||
        size.height() > kMaxSide)
        return std::nullopt;
    return size;
}
