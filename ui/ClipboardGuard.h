#pragma once

#include <QString>

// Clears the clipboard after `ms` if it still holds `text`. Parented to the application so that it
// outlives the dialog: a person often copies a key, closes the dialog and pastes it elsewhere.
void clearClipboardLater(const QString &text, int ms);
