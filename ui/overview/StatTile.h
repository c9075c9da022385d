#pragma once

#include <QFrame>
#include <QList>

class QLabel;
class Sparkline;

// One figure of the overview: a title, the value in large type, a line saying what it counts, and a
// sparkline of its recent days.
class StatTile : public QFrame {
    Q_OBJECT
public:
    StatTile(const QString &objectName, const QString &title, QWidget *parent = nullptr);

    void setValue(const QString &value, const QString &caption = {});
    void setSeries(const QList<double> &values, const QString &toolTip);
    QString value() const;
    QString caption() const;
    Sparkline *sparkline() const { return m_sparkline; }

private:
    QLabel *m_value = nullptr;
    QLabel *m_caption = nullptr;
    Sparkline *m_sparkline = nullptr;
};
