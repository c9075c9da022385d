#include "CommandRunner.h"

#include "Command.h"
#include "Console.h"
#include "ProfilesCommandKeychain.h"
#include "core/export/TextTable.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

const QString kProgram = QStringLiteral("litellm-deskctl");

QCommandLineOption helpOption() {
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                              QStringLiteral("Show this help."));
}

QCommandLineOption versionOption() {
    return QCommandLineOption(QStringLiteral("version"), QStringLiteral("Show the version."));
}

// The words that are not options or values of the global options: the command comes first among them.
QStringList positionalWords(const QStringList &arguments) {
    static const QStringList valueOptions = {QStringLiteral("--url"), QStringLiteral("--auth-header"),
                                             QStringLiteral("--timeout"), QStringLiteral("--profile"),
                                             QStringLiteral("--config")};
    QStringList words;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--") {
            words += arguments.mid(i + 1);
            break;
        }
        if (valueOptions.contains(a)) {
            ++i;
            continue;
        }
        if (!a.startsWith(u'-') || a == u"-")
            words << a;
    }
    return words;
}

bool asksFor(const QStringList &arguments, const QStringList &flags) {
    for (qsizetype i = 1; i < arguments.size() && arguments.at(i) != u"--"; ++i)
        if (flags.contains(arguments.at(i)))
            return true;
    return false;
}

// QCommandLineParser::helpText() from its "Options:" line on.
QString optionsText(const QCommandLineParser &parser) {
    const QString text = parser.helpText();
    const qsizetype at = text.indexOf(QStringLiteral("Options:"));
    return at < 0 ? QString() : text.mid(at);
}

} // namespace

CommandRunner::CommandRunner(QObject *parent)
    : QObject(parent) {
    registerStatusCommand(m_registry, this);
    registerWatchCommands(m_registry, this);
    registerModelsCommands(m_registry, this);
    registerKeysCommands(m_registry, this);
    registerDemoCommand(m_registry, this);
    registerProfilesCommands(m_registry, this);
    registerRolesCommands(m_registry, this);
    registerIssueCommands(m_registry, this);
    registerUsersCommands(m_registry, this);
    registerTeamsCommands(m_registry, this);
    registerUsageCommands(m_registry, this);
    registerUsageChartCommand(m_registry, this);
}

std::optional<int> CommandRunner::start(const QStringList &arguments, const QProcessEnvironment &env) {
    const QStringList words = positionalWords(arguments);
    const bool wantsHelp = asksFor(arguments, {QStringLiteral("-h"), QStringLiteral("--help")});
    Command *command = m_registry.find(words);
    if (!command) {
        if (words.isEmpty()) {
            if (wantsHelp) {
                console::out(globalHelp());
                return 0;
            }
            if (asksFor(arguments, {QStringLiteral("--version")})) {
                console::out(kProgram + u' ' + QCoreApplication::applicationVersion() + u'\n');
                return 0;
            }
            return usageError(
                QStringLiteral("no command given; run \"%1 --help\" to see the commands").arg(kProgram));
        }
        if (!m_registry.under({words.first()}).isEmpty()) {
            if (wantsHelp) {
                console::out(groupHelp(words.first()));
                return 0;
            }
            QStringList subcommands;
            for (const Command *c : m_registry.under({words.first()}))
                subcommands << c->words().mid(1).join(u' ');
            if (words.size() > 1)
                return usageError(
                    QStringLiteral("unknown command \"%1 %2\"; \"%1\" has: %3 (see \"%4 %1 --help\")")
                        .arg(words.first(), words.at(1), subcommands.join(QStringLiteral(", ")), kProgram));
            return usageError(QStringLiteral("\"%1\" needs a subcommand: %2 (see \"%3 %1 --help\")")
                                  .arg(words.first(), subcommands.join(QStringLiteral(", ")), kProgram));
        }
        return usageError(QStringLiteral("unknown command \"%1\"; run \"%2 --help\" to see the commands")
                              .arg(words.first(), kProgram));
    }

    const QString name = command->words().join(u' ');
    QCommandLineParser parser;
    parser.addOption(helpOption());
    parser.addOption(versionOption());
    if (command->usesProxy())
        parser.addOptions(ProxyOptions::options());
    parser.addOptions(command->options());
    if (!parser.parse(arguments)) {
        QString message = parser.errorText().trimmed();
        if (message.endsWith(u'.'))
            message.chop(1);
        const QStringList unknown = parser.unknownOptionNames();
        if (unknown.contains(QStringLiteral("key")) || unknown.contains(QStringLiteral("api-key")) ||
            unknown.contains(QStringLiteral("master-key")))
            message += QStringLiteral(" (the key is read only from %1)")
                           .arg(QLatin1StringView(ProxyOptions::kKeyVariable));
        return usageError(QStringLiteral("%1; see \"%2 %3 --help\"").arg(message, kProgram, name));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        console::out(commandHelp(*command, parser));
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        console::out(kProgram + u' ' + QCoreApplication::applicationVersion() + u'\n');
        return 0;
    }
    const QStringList extra = parser.positionalArguments().mid(command->words().size());
    if (command->maxArguments() >= 0 && extra.size() > command->maxArguments())
        return usageError(QStringLiteral("unexpected argument \"%1\" for \"%2\"; see \"%3 %2 --help\"")
                              .arg(extra.at(command->maxArguments()), name, kProgram));
    if (extra.size() < command->minArguments())
        return usageError(QStringLiteral("\"%1\" needs %2; see \"%3 %1 --help\"")
                              .arg(name, command->argumentsSyntax(), kProgram));
    command->setArguments(extra);
    if (command->usesProxy()) {
        auto proxy = ProxyOptions::read(parser, env);
        if (!proxy)
            return usageError(proxy.error());
        if (command->needsKey() && !proxy->hasKey() && !proxy->profile)
            return usageError(
                QStringLiteral("%1 is not set: export it with the proxy's master key or a virtual key")
                    .arg(QLatin1StringView(ProxyOptions::kKeyVariable)));
        console::addSecret(proxy->apiKey);
        command->setProxy(*proxy);
    }
    if (const auto problem = command->configure(parser))
        return usageError(QStringLiteral("%1; see \"%2 %3 --help\"").arg(*problem, kProgram, name));

    connect(command, &Command::finished, this, &CommandRunner::finished);
    if (command->usesProxy() && command->proxy().profile && command->usesKey())
        QMetaObject::invokeMethod(
            command, [command] { profilekey::startWithProfileKey(command); }, Qt::QueuedConnection);
    else
        QMetaObject::invokeMethod(command, &Command::start, Qt::QueuedConnection);
    return std::nullopt;
}

int CommandRunner::usageError(const QString &message) const {
    console::error(message);
    return static_cast<int>(ExitCode::Usage);
}

QString CommandRunner::commandList(const QList<Command *> &commands) const {
    TextTable table;
    table.addColumn({});
    table.addColumn({});
    for (const Command *c : commands)
        table.addRow({c->words().join(u' '), c->summary()});
    QString out;
    for (const auto &line : table.toString().split(u'\n', Qt::SkipEmptyParts))
        out += QStringLiteral("  ") + line + u'\n';
    return out;
}

QString CommandRunner::globalHelp() const {
    QCommandLineParser parser;
    parser.addOption(helpOption());
    parser.addOption(versionOption());
    parser.addOptions(ProxyOptions::options());
    return QStringLiteral("Usage: %1 [global options] <command> [options]\n\n"
                          "LiteLLM Desk on the command line: look at and manage a LiteLLM proxy.\n\n"
                          "Commands:\n")
               .arg(kProgram) +
           commandList(m_registry.commands()) + u'\n' + optionsText(parser) +
           QStringLiteral("\nThe key is read only from %1, never from an argument.\n"
                          "Exit codes: 0 success, 2 usage error, 3 connection failure or timeout, "
                          "4 authentication (HTTP 401/403), 5 other proxy error, 1 other failure.\n"
                          "Run \"%2 <command> --help\" for a command's options.\n")
               .arg(QLatin1StringView(ProxyOptions::kKeyVariable), kProgram);
}

QString CommandRunner::groupHelp(const QString &group) const {
    return QStringLiteral("Usage: %1 %2 <command> [options]\n\nCommands:\n").arg(kProgram, group) +
           commandList(m_registry.under({group})) +
           QStringLiteral("\nRun \"%1 %2 <command> --help\" for a command's options.\n").arg(kProgram, group);
}

QString CommandRunner::commandHelp(const Command &command, const QCommandLineParser &parser) const {
    const QString syntax = command.argumentsSyntax();
    return QStringLiteral("Usage: %1 %2%3 [options]\n\n%4\n\n")
               .arg(kProgram, command.words().join(u' '), syntax.isEmpty() ? QString() : u' ' + syntax,
                    command.description()) +
           optionsText(parser);
}
