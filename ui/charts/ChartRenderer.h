#pragma once

#include <QSize>
#include <QString>

#include <optional>

class QChart;
class QPainter;
class QRectF;

enum class ChartFormat { Png, Svg, Pdf };

// Paints a chart without showing it (no window needed: the CLI uses this on the offscreen platform)
// and writes it as PNG, SVG or PDF at a given size. Files are replaced atomically (QSaveFile).
class ChartRenderer {
public:
    static constexpr QSize kDefaultSize{1200, 700};

    // Lays `chart` out at `size` and paints it into `target` of `painter`. The chart must not be in a
    // scene (a view's chart is not: build a copy).
    static void paint(QChart *chart, QSize size, QPainter *painter, const QRectF &target);
    // Returns an error message, or empty when the file was written.
    static QString save(QChart *chart, const QString &path, ChartFormat format, QSize size = kDefaultSize);

    static std::optional<ChartFormat> formatFromName(QStringView name); // png, svg, pdf
    static std::optional<ChartFormat> formatFromPath(const QString &path);
    static QString formatName(ChartFormat format);
    // "1200x700" -> QSize; nullopt when malformed or outside 100..10000 pixels a side.
    static std::optional<QSize> parseSize(QStringView text);
};
