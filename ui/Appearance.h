#pragma once

#include <QString>

// The colour scheme: the system's (the default), or light or dark whatever the system says. Kept in the
// settings and applied at start and whenever it is changed in Preferences.
namespace appearance {

enum class Theme { System, Light, Dark };

Theme savedTheme();
void saveTheme(Theme theme);
// Sets the application palette (Fusion style for Light and Dark so every widget follows it).
void apply(Theme theme);
QString themeName(Theme theme); // "system", "light", "dark"
// True when the palette in use is dark (charts and delegates pick their colours from it).
bool isDark();

} // namespace appearance
