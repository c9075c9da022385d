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
    // Makes the tile a link: a click emits clicked(); an empty toolTip makes it plain again.
    void setLink(const QString &toolTip);
    bool isLink() const { return m_link; }

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QLabel *m_value = nullptr;
    QLabel *m_caption = nullptr;
    Sparkline *m_sparkline = nullptr;
    bool m_link = false;
};
