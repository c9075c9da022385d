#pragma once

#include <QByteArray>
#include <QString>

// The CLI's two streams. Everything written is flushed at once so pipes see it as it happens.
namespace console {

void out(const QString &text);
void out(const QByteArray &utf8);
// Writes "error: <message>" as one line on stderr, with any registered secret blanked out.
void error(const QString &message);
// Writes "warning: <message>" as one line on stderr, with any registered secret blanked out.
void warning(const QString &message);
// Writes "<label>: <message>" as one line on stderr, blanked like error(): "waiting: ...".
void note(const QString &label, const QString &message);
// A value that must never be printed by error() (the API key in use).
void addSecret(const QString &secret);

} // namespace console
