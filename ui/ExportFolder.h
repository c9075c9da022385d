#pragma once

#include <QString>

// Where export dialogs start: the folder a file was last exported to (remembered between runs), else
// the user's Documents folder, else their home folder; always a folder that exists, so a save never
// fails because a default folder is missing.
namespace exportfolder {

// "<folder>/<baseName>-<yyyyMMdd>.<suffix>" in the folder above.
QString suggestedPath(const QString &baseName, const QString &suffix);
// Remembers the folder of a file just written, for the next export.
void remember(const QString &writtenFile);

} // namespace exportfolder
