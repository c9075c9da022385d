#pragma once

#include <QString>

// A count (tokens, requests, keys, a context window) as the app shows it everywhere: in full, with the
// locale's group separators even in the C locale ("8,000,000", "131,072"), never abbreviated.
QString formatCount(qint64 count);
