#include "CommandRunner.h"

#include "core/format/Plurals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstring>
#include <memory>

namespace {

// True for "usage chart" (after any global options).
bool isChartCommand(int argc, char **argv) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "usage") == 0)
            return std::strcmp(argv[i + 1], "chart") == 0;
    return false;
}

} // namespace

int main(int argc, char **argv) {
    // "usage chart" draws with Qt Charts, which needs a QApplication; it never shows a window, so it
    // uses the offscreen platform unless QT_QPA_PLATFORM says otherwise (no display needed, none
    // touched). Every other command runs on a QCoreApplication and loads no GUI library plugins.
    std::unique_ptr<QCoreApplication> application;
    if (isChartCommand(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication &app = *application;
    // The GUI's names, so that profiles (QSettings) and roles.json are the ones the GUI uses.
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DESK_VERSION));
    plurals::installEnglish();
    // stderr carries one error line, not the core's log (QT_LOGGING_RULES can still turn it on): a keychain
    // failure, say, is reported once by the command, with what to do about it.
    QLoggingCategory::setFilterRules(
        QStringLiteral("desk.*.debug=false\ndesk.*.info=false\ndesk.*.warning=false"));

    CommandRunner runner;
    QObject::connect(
        &runner, &CommandRunner::finished, &app, [](int code) { QCoreApplication::exit(code); },
        Qt::QueuedConnection);
    if (const auto code =
            runner.start(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment()))
        return *code;
    return QCoreApplication::exec();
}
