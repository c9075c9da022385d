#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

class Command;

// The commands litellm-deskctl knows, found by their words ("models list").
class CommandRegistry {
public:
    void add(Command *command); // takes ownership (the command is parented to the registry's owner)
    const QList<Command *> &commands() const { return m_commands; }

    // The command whose words are the longest prefix of `positional`, or nullptr.
    Command *find(const QStringList &positional) const;
    // Commands whose words start with `prefix` (a group such as "models").
    QList<Command *> under(const QStringList &prefix) const;

private:
    QList<Command *> m_commands;
};

// One function per command file; the runner calls each of them once.
void registerStatusCommand(CommandRegistry &registry, QObject *owner);
void registerModelsCommands(CommandRegistry &registry, QObject *owner);
void registerKeysCommands(CommandRegistry &registry, QObject *owner);
void registerDemoCommand(CommandRegistry &registry, QObject *owner);
void registerProfilesCommands(CommandRegistry &registry, QObject *owner);
void registerRolesCommands(CommandRegistry &registry, QObject *owner);
void registerWatchCommands(CommandRegistry &registry, QObject *owner);
void registerIssueCommands(CommandRegistry &registry, QObject *owner);
void registerUsersCommands(CommandRegistry &registry, QObject *owner);
void registerUsersQueryCommands(CommandRegistry &registry, QObject *owner); // users list, users show
void registerTeamsCommands(CommandRegistry &registry, QObject *owner);
void registerUsageCommands(CommandRegistry &registry, QObject *owner);
void registerUsageChartCommand(CommandRegistry &registry, QObject *owner);
