#include "Money.h"

#include <QLocale>

#include <cmath>

QString formatUsd(double usd) {
    const double a = std::abs(usd);
    const int decimals = (a > 0 && a < 0.01) ? 4 : 2;
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return (usd < 0 ? QStringLiteral("-$") : QStringLiteral("$")) + locale.toString(a, 'f', decimals);
}
