#include "CommandRunner.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("litellm-deskctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DESK_VERSION));
    // stderr carries one error line, not the core's debug log (QT_LOGGING_RULES can still turn it on).
    QLoggingCategory::setFilterRules(QStringLiteral("desk.*.debug=false"));

    CommandRunner runner;
    QObject::connect(
        &runner, &CommandRunner::finished, &app, [](int code) { QCoreApplication::exit(code); },
        Qt::QueuedConnection);
    if (const auto code =
            runner.start(QCoreApplication::arguments(), QProcessEnvironment::systemEnvironment()))
        return *code;
    return QCoreApplication::exec();
}
