#pragma once

#include <QColor>

class QLabel;
class QPalette;
class QString;
class QWidget;

// The few text looks the pages and dialogs share, so that none restyles its labels by hand. Every colour
// comes from the palette: light, dark and high-contrast schemes all read, and a change of scheme while the
// window is open restyles what is shown.
namespace textstyle {

// A page's title: larger and bold.
QLabel *title(const QString &text, QWidget *parent);
// Secondary text (a subtitle, a count, a hint) in the palette's placeholder colour, which follows the
// light or dark palette.
void setMuted(QLabel *label);

// The line under a form field that says what is wrong with it, in an error colour that reads on the
// light or dark palette. Its line is kept whether or not it shows a message, so nothing in the form
// moves under the pointer as messages come and go; a message too long for the line is cut and shown
// whole in its tooltip. objectName: "error_<field>".
QLabel *fieldError(const QString &field, QWidget *parent);
// Shows `message` on such a line, or clears it.
void setFieldError(QLabel *line, const QString &message);
enum class Tone { Error, Warning, Success };
// The tone's hue, as light or as dark as it must be to read on `palette`'s window (a contrast of at
// least 4.5:1, 7:1 when the palette itself is high-contrast).
QColor toneColor(Tone tone, const QPalette &palette);
// `colour`'s hue and saturation, made lighter or darker until it reads on `background` (a contrast of at
// least `wanted`): a chip's or a mark's fixed colour as text on a light or a dark row.
QColor readableOn(const QColor &colour, const QColor &background, double wanted = 4.5);
// Text in the tone's colour (a problem under a form, a result line).
void setTone(QWidget *widget, Tone tone);
// Back to the palette's own text colour.
void clearTone(QWidget *widget);
// A boxed message: the palette's text on the window tinted with the tone, in a border of the tone.
// `objectName` scopes the box's style to it (its children keep theirs).
void setNotice(QWidget *box, Tone tone);

} // namespace textstyle
