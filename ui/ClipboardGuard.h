#pragma once

#include <QString>

// Clears the clipboard after `ms` if it still holds `text`. Parented to the application so that it
// outlives the dialog: a person often copies a key, closes the dialog and pastes it elsewhere.
void clearClipboardLater(const QString &text, int ms);

// Copies a secret (a new raw key) to the clipboard and clears it after `ms` as above. Returns what to tell
// the person ("Copied. The clipboard will be cleared in 30 s…"), or nothing when `secret` is empty.
QString copySecret(const QString &secret, int ms);
