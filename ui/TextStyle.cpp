#include "TextStyle.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QPalette>
#include <QPointer>

#include <cmath>
#include <functional>

namespace textstyle {

namespace {

double luminance(const QColor &c) {
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor mix(const QColor &a, const QColor &b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Restyles a widget from its parent's palette now and whenever that palette changes. The parent is
// watched too: a widget with a style sheet keeps its own palette, so a dark palette given to the page or
// window above it would otherwise never reach it.
class PaletteFollower : public QObject {
public:
    PaletteFollower(QWidget *widget, std::function<QString(const QPalette &)> sheet)
        : QObject(widget)
        , m_widget(widget)
        , m_sheet(std::move(sheet)) {
        widget->installEventFilter(this);
        watchParent();
        apply();
    }

    bool eventFilter(QObject *watched, QEvent *event) override {
        const QEvent::Type type = event->type();
        if (watched == m_widget && type == QEvent::ParentChange) {
            watchParent();
            apply();
        } else if ((watched == m_widget || watched == m_parent) &&
                   (type == QEvent::ApplicationPaletteChange || type == QEvent::PaletteChange)) {
            apply();
        }
        return false;
    }

private:
    void watchParent() {
        if (m_parent)
            m_parent->removeEventFilter(this);
        m_parent = m_widget->parentWidget();
        if (m_parent)
            m_parent->installEventFilter(this);
    }

    void apply() {
        // The parent's palette: the widget's own has the sheet's colour in it, and a page or window given
        // a dark palette passes it down to its children.
        const QWidget *parent = m_widget->parentWidget();
        const QString sheet = m_sheet(parent ? parent->palette() : QApplication::palette(m_widget));
        if (m_widget->styleSheet() != sheet) // setting it changes the palette: only when it differs
            m_widget->setStyleSheet(sheet);
    }

    QWidget *m_widget;
    QPointer<QWidget> m_parent;
    std::function<QString(const QPalette &)> m_sheet;
};

void unfollow(QWidget *widget) {
    const QObjectList children = widget->children();
    for (QObject *child : children)
        if (auto *old = dynamic_cast<PaletteFollower *>(child))
            delete old;
}

void follow(QWidget *widget, std::function<QString(const QPalette &)> sheet) {
    unfollow(widget);
    new PaletteFollower(widget, std::move(sheet));
}

} // namespace

QLabel *title(const QString &text, QWidget *parent) {
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    label->setFont(font);
    return label;
}

void setMuted(QLabel *label) {
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
}

QLabel *fieldError(const QString &field, QWidget *parent) {
    auto *line = new QLabel(parent);
    line->setObjectName(QStringLiteral("error_") + field);
    setTone(line, Tone::Error);
    line->setTextFormat(Qt::PlainText);
    line->setWordWrap(false);
    // One line tall always, and never wider than the form gives it.
    line->setMinimumHeight(line->fontMetrics().height());
    line->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    return line;
}

void setFieldError(QLabel *line, const QString &message) {
    line->setText(message);
    line->setToolTip(message);
    line->setAccessibleDescription(message);
}

QColor toneColor(Tone tone, const QPalette &palette) {
    const QColor window = palette.color(QPalette::Active, QPalette::Window);
    const QColor text = palette.color(QPalette::Active, QPalette::WindowText);
    const double hue = tone == Tone::Error ? 0.0 : tone == Tone::Warning ? 30.0 / 360 : 130.0 / 360;
    const double wanted = contrast(text, window) >= 15 ? 7.0 : 4.5;
    return readableOn(QColor::fromHslF(float(hue), 0.75f, 0.5f), window, wanted);
}

QColor readableOn(const QColor &colour, const QColor &background, double wanted) {
    const bool dark = luminance(background) < 0.2;
    // From the colour's own lightness towards the side away from the background until it reads.
    const float hue = std::max(0.0f, colour.hslHueF());
    const float saturation = colour.hslSaturationF();
    float lightness = colour.lightnessF();
    QColor out = colour;
    while (contrast(out, background) < wanted && lightness > 0.02f && lightness < 0.98f) {
        lightness += dark ? 0.02f : -0.02f;
        out = QColor(QColor::fromHslF(hue, saturation, lightness).rgb()); // as a screen shows it: 8 bits
    }
    return out;
}

void setTone(QWidget *widget, Tone tone) {
    follow(widget, [tone](const QPalette &palette) {
        return QStringLiteral("color: %1;").arg(toneColor(tone, palette).name());
    });
}

void clearTone(QWidget *widget) {
    unfollow(widget);
    widget->setStyleSheet({});
}

void setNotice(QWidget *box, Tone tone) {
    const QString padding = qobject_cast<QLabel *>(box) ? QStringLiteral(" padding: 6px;") : QString();
    follow(box, [tone, name = box->objectName(), padding](const QPalette &palette) {
        const QColor window = palette.color(QPalette::Active, QPalette::Window);
        const QColor colour = toneColor(tone, palette);
        const QString scope = name.isEmpty() ? QString() : u'#' + name;
        return QStringLiteral("%1 { color: %2; background: %3; border: 1px solid %4; border-radius: 4px;%5 }"
                              "%1 QLabel { color: %2; background: transparent; border: none; padding: 0px; }")
            .arg(scope.isEmpty() ? QStringLiteral("*") : scope,
                 palette.color(QPalette::Active, QPalette::WindowText).name(),
                 mix(window, colour, 0.12).name(), mix(window, colour, 0.5).name(), padding);
    });
}

} // namespace textstyle
