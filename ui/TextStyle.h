#pragma once

class QLabel;
class QString;
class QWidget;

// The few text looks the pages and dialogs share, so that none restyles its labels by hand.
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

} // namespace textstyle
