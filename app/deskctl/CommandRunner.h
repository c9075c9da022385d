#pragma once

#include "CommandRegistry.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

#include <optional>

class QCommandLineParser;

// Picks the command from the command line, parses its options and the global ones, prints help,
// version and usage errors, and starts the command on the event loop. finished() carries the exit code.
class CommandRunner : public QObject {
    Q_OBJECT
public:
    explicit CommandRunner(QObject *parent = nullptr);

    // An exit code when the run ends right away (help, version, usage error); nothing when a command
    // was started and finished() will follow.
    std::optional<int> start(const QStringList &arguments, const QProcessEnvironment &env);

    const CommandRegistry &registry() const { return m_registry; }

signals:
    void finished(int exitCode);

private:
    int usageError(const QString &message) const;
    QString globalHelp() const;
    QString groupHelp(const QString &group) const;
    QString commandHelp(const Command &command, const QCommandLineParser &parser) const;
    QString commandList(const QList<Command *> &commands) const;

    CommandRegistry m_registry;
};
