#include "Plurals.h"

#include <QCoreApplication>
#include <QTranslator>

namespace plurals {

bool installEnglish() {
    static QTranslator english; // lives as long as the program
    if (english.isEmpty() && !english.load(QStringLiteral(":/i18n/litellm-desk_en.qm")))
        return false;
    return QCoreApplication::installTranslator(&english);
}

} // namespace plurals
