#pragma once

#include <QList>
#include <QWidget>

// A small line of values (oldest left), filled below, painted in the palette's highlight colour. No axes:
// the tooltip says what the values are and their range.
class Sparkline : public QWidget {
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);

    void setValues(QList<double> values);
    const QList<double> &values() const { return m_values; }
    QSize sizeHint() const override { return {160, 34}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_values;
};
