#include "ChartStyle.h"

#include <QChart>
#include <QPalette>

namespace chartstyle {

ChartTheme fromPalette(const QPalette &palette) {
    return palette.color(QPalette::Window).lightness() < 128 ? ChartTheme::Dark : ChartTheme::Light;
}

void apply(QChart *chart, ChartTheme theme) {
    chart->setTheme(theme == ChartTheme::Dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    if (theme == ChartTheme::Print) {
        chart->setBackgroundBrush(Qt::white);
        chart->setBackgroundPen(Qt::NoPen);
        chart->setDropShadowEnabled(false);
        chart->setTitleBrush(Qt::black);
    }
}

QString name(ChartTheme theme) {
    switch (theme) {
    case ChartTheme::Light:
        return QStringLiteral("light");
    case ChartTheme::Dark:
        return QStringLiteral("dark");
    case ChartTheme::Print:
        return QStringLiteral("print");
    }
    return {};
}

std::optional<ChartTheme> fromName(QStringView name) {
    for (ChartTheme t : {ChartTheme::Light, ChartTheme::Dark, ChartTheme::Print})
        if (chartstyle::name(t) == name)
            return t;
    return std::nullopt;
}

} // namespace chartstyle
