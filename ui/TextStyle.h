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

} // namespace textstyle
