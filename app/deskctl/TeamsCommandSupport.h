#pragma once

#include "Command.h"

#include "core/api/TeamApi.h"

#include <QJsonObject>
#include <QString>

// What the teams commands share: the team fields given as options, and how a team is written out.
namespace teamscli {

// --alias, --models, --max-budget, --budget-duration, --tpm, --rpm.
QList<QCommandLineOption> fieldOptions();
// The fields set on the command line; a message saying what is wrong (and what to do) otherwise.
std::optional<QString> readFields(const QCommandLineParser &parser, api::TeamFields *fields);
// The fields asked for that the reply does not show: LiteLLM dropping a field is reported, not ignored.
QStringList notKept(const api::TeamFields &asked, const TeamRecord &stored);

// The team as LiteLLM sent it, plus members_count, keys_count and risks.
QJsonObject toJson(const TeamRecord &team);
// One screen of details: fields, members (with spend and budget in the team) and keys.
QString details(const TeamRecord &team, const QList<KeyRecord> &keys);
QString spendText(const TeamRecord &team);
QString membersCount(const TeamRecord &team);
QString keysCount(const TeamRecord &team);

} // namespace teamscli

class CommandRegistry;
class QObject;
// teams create, update, add-member, remove-member, block, unblock, delete (TeamsCommandActions.cpp).
void registerTeamsActionCommands(CommandRegistry &registry, QObject *owner);
