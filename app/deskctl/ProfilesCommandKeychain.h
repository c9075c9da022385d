#pragma once

#include "core/connection/Profile.h"
#include "core/connection/SecretStore.h"

#include <QString>

#include <expected>
#include <functional>

class Command;

// The CLI and the keychain: one-line messages for its failures (the CLI has no session to keep a key
// in, so there is no "this session only" way out), the master key read from stdin or typed without
// echo, and a profile's key read before a command starts.
namespace profilekey {

// What went wrong and what to do, for a CLI.
QString keychainProblem(const SecretError &error);
// The profile has no key in the keychain: says how to store one.
QString missingKey(const Profile &profile);
// The master key: the first line of stdin when stdin is not a terminal, else typed at a prompt with
// echo turned off. Never from an argument. The error is a usage message.
std::expected<QString, QString> readMasterKey(const QString &prompt);
// Reads the profile's key from the keychain; `done` gets the key or a one-line error, in `context`.
void read(const Profile &profile, QObject *context, std::function<void(QString key, QString error)> done);
// Reads the key of the command's --profile, then starts the command (or ends it with the keychain's error).
void startWithProfileKey(Command *command);

} // namespace profilekey
