#include "StatTile.h"

#include "ui/TextStyle.h"
#include "ui/overview/Sparkline.h"

#include <QLabel>
#include <QMouseEvent>
#include <QVBoxLayout>

StatTile::StatTile(const QString &objectName, const QString &title, QWidget *parent)
    : QFrame(parent) {
    setObjectName(objectName);
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("title"));
    textstyle::setMuted(heading);
    m_value = new QLabel(QStringLiteral("—"), this);
    m_value->setObjectName(QStringLiteral("value"));
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.7);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("caption"));
    m_caption->setWordWrap(true);
    QFont small = m_caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_caption->setFont(small);
    textstyle::setMuted(m_caption);
    m_sparkline = new Sparkline(this);
    m_sparkline->setObjectName(QStringLiteral("sparkline"));
    m_sparkline->setAccessibleName(tr("%1 by day").arg(title));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    layout->addWidget(heading);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addStretch();
    layout->addWidget(m_sparkline);
}

void StatTile::setValue(const QString &value, const QString &caption) {
    m_value->setText(value);
    m_caption->setText(caption);
}

void StatTile::setSeries(const QList<double> &values, const QString &toolTip) {
    m_sparkline->setValues(values);
    m_sparkline->setToolTip(toolTip);
}

QString StatTile::value() const {
    return m_value->text();
}

QString StatTile::caption() const {
    return m_caption->text();
}

void StatTile::setLink(const QString &toolTip) {
    m_link = !toolTip.isEmpty();
    setToolTip(toolTip);
    setCursor(m_link ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void StatTile::mouseReleaseEvent(QMouseEvent *event) {
    QFrame::mouseReleaseEvent(event);
    if (m_link && event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
}
