#include "Sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent) {
    setMinimumSize(80, 28);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setValues(QList<double> values) {
    m_values = std::move(values);
    update();
}

void Sparkline::paintEvent(QPaintEvent *) {
    if (m_values.size() < 2)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = QRectF(rect()).adjusted(1, 2, -1, -2);
    const auto [lo, hi] = std::minmax_element(m_values.begin(), m_values.end());
    // From the lowest value, not zero: a success rate between 97% and 99% still shows its days.
    const double span0 = *hi - *lo;
    const double min = span0 > 0 ? *lo - span0 * 0.1 : *lo - 1.0;
    const double span = span0 > 0 ? span0 * 1.1 : 2.0;
    QPainterPath line;
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        const QPointF point(area.left() + area.width() * double(i) / double(m_values.size() - 1),
                            area.bottom() - area.height() * (m_values.at(i) - min) / span);
        if (i == 0)
            line.moveTo(point);
        else
            line.lineTo(point);
    }
    QPainterPath fill = line;
    fill.lineTo(area.bottomRight());
    fill.lineTo(area.bottomLeft());
    fill.closeSubpath();
    QColor colour = palette().color(QPalette::Highlight);
    QColor soft = colour;
    soft.setAlpha(50);
    p.fillPath(fill, soft);
    p.setPen(QPen(colour, 1.6));
    p.drawPath(line);
}
