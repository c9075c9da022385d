#pragma once

#include <QString>
#include <QStringList>

// A comma-separated list as typed in a form or on the command line (models, teams, ids): each value
// trimmed, empty ones and repeats dropped, in the order given.
QStringList splitList(const QString &text);
