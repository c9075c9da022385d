#include "CommandRegistry.h"

#include "Command.h"

void CommandRegistry::add(Command *command) {
    m_commands.append(command);
}

Command *CommandRegistry::find(const QStringList &positional) const {
    Command *best = nullptr;
    for (Command *c : m_commands) {
        const QStringList w = c->words();
        if (w.size() <= positional.size() && positional.mid(0, w.size()) == w &&
            (!best || w.size() > best->words().size()))
            best = c;
    }
    return best;
}

QList<Command *> CommandRegistry::under(const QStringList &prefix) const {
    QList<Command *> out;
    for (Command *c : m_commands)
        if (c->words().mid(0, prefix.size()) == prefix)
            out << c;
    return out;
}
