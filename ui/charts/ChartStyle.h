#pragma once

#include <QString>

#include <optional>

class QChart;
class QPalette;

// How a chart is painted: the light or dark look that matches the desktop, or a print-friendly light
// one (white, flat, no shadow) for files that end up on paper or in documents.
enum class ChartTheme { Light, Dark, Print };

namespace chartstyle {

// Dark when the palette's window colour is dark.
ChartTheme fromPalette(const QPalette &palette);
// Applies the theme to an empty chart: series added afterwards take its colours.
void apply(QChart *chart, ChartTheme theme);
QString name(ChartTheme theme); // "light", "dark", "print"
std::optional<ChartTheme> fromName(QStringView name);

} // namespace chartstyle
