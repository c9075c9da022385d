#pragma once

// The English plural forms of every "%n" message ("1 key", "2 keys"), compiled from
// translations/litellm-desk_en.ts into the program. Without them Qt shows the source text, "2 key(s)".
namespace plurals {

// Installs them before any other translation (so a translation for the user's language wins).
// Returns false when the compiled catalogue is missing from the program.
bool installEnglish();

} // namespace plurals
