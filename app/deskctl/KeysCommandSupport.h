#pragma once

#include "Command.h"

#include "core/budget/BudgetBook.h"
#include "core/keys/KeyActionResult.h"

#include <QString>

#include <functional>

class ProxyClient;
#include <memory>

class KeyIndex;

// What the keys commands share: how a key given on the command line is shown (never a raw key), warnings
// on stderr, and the exit code of a run of per-key actions.
namespace keyscli {

// A hash as its first 12 digits, a raw key masked as the proxy masks it ("sk-...abcd").
QString shownKey(const QString &key);
void warn(const QString &message);
// The worst exit code among failed results, or Ok.
ExitCode exitCodeFor(const QList<KeyActionResult> &results);
// Writes `keys` as JSON (an array, or one object when `single`), each with "budgets" (the ladder of
// budgets LiteLLM checks) and "limited_by" (the one that stops it first, null when none applies);
// "over_budget" joins a key's risks when any budget on its ladder is exhausted. Then calls `done`.
void printJsonWithBudgets(ProxyClient *client, const QList<KeyRecord> &keys, bool single, QObject *context,
                          std::function<void()> done);

// The same from the budgets the key index holds: no request.
void printJsonWithBudgets(const BudgetBook &budgets, const QList<KeyRecord> &keys, bool single);
// Reads the budgets above the keys (teams, members, users, the proxy) into `index`, then calls `done`
// with the requests made; what could not be read is a warning on stderr.
void readBudgets(ProxyClient *client, KeyIndex &index, QObject *context, std::function<void(int)> done);

// The key index of the connection a command talks to: a profile's own, or one per proxy URL. The app
// and the CLI share it (the same data folder). Null, with *error saying why, when it cannot be opened;
// a damaged file that was moved aside is reported on stderr.
std::unique_ptr<KeyIndex> openIndex(const ProxyOptions &proxy, QString *error);

} // namespace keyscli

class CommandRegistry;
class QObject;
// keys update, block, unblock, delete (KeysCommandActions.cpp); called by registerKeysCommands().
void registerKeysActionCommands(CommandRegistry &registry, QObject *owner);
// keys sync, keys changes (KeysIndexCommands.cpp).
void registerKeysIndexCommands(CommandRegistry &registry, QObject *owner);
