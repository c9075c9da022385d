#include "CommandRunner.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    // The GUI's names, so that profiles (QSettings) and roles.json are the ones the GUI uses.
    QCoreApplication::setOrganizationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationName(QStringLiteral("litellm-desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DESK_VERSION));
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
