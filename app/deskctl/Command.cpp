#include "Command.h"

#include "Console.h"

#include <QCommandLineParser>

void Command::succeed() {
    finish(ExitCode::Ok);
}

void Command::fail(const ApiError &error) {
    fail(exitCodeFor(error), error.toString());
}

void Command::fail(ExitCode code, const QString &message) {
    if (m_finished)
        return;
    console::error(message);
    finish(code);
}

void Command::finish(ExitCode code) {
    if (m_finished)
        return;
    m_finished = true;
    emit finished(static_cast<int>(code));
}

QList<QCommandLineOption> ShowCommand::options() const {
    return {QCommandLineOption(QStringLiteral("format"),
                               QStringLiteral("Output format: table (default) or json."),
                               QStringLiteral("FORMAT"), QStringLiteral("table"))};
}

std::optional<QString> ShowCommand::configure(const QCommandLineParser &parser) {
    m_json = parser.value(QStringLiteral("format")) == u"json";
    return checkChoice(parser, QStringLiteral("format"), {QStringLiteral("table"), QStringLiteral("json")});
}

std::optional<QString> Command::checkChoice(const QCommandLineParser &parser, const QString &name,
                                            const QStringList &allowed) {
    const QString value = parser.value(name);
    if (allowed.contains(value))
        return std::nullopt;
    return QStringLiteral("--%1 must be one of %2, not \"%3\"")
        .arg(name, allowed.join(QStringLiteral(", ")), value);
}
