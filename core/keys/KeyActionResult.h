#pragma once

#include "core/api/KeyRecord.h"

#include "core/api/ApiError.h"

#include <QString>
#include <QStringList>

// How one action on one key ended.
struct KeyActionResult {
    enum class Action { Block, Unblock, Delete, Update };
    enum class Outcome { Done, AlreadyGone, Failed };

    Action action = Action::Update;
    QString key; // as the user gave it (hash or alias-free id); never a raw key in messages
    Outcome outcome = Outcome::Done;
    KeyRecord record;          // the row the proxy sent back (block, unblock, update)
    QStringList droppedFields; // update: fields the proxy did not apply
    ApiError error;            // Failed only

    bool ok() const { return outcome != Outcome::Failed; }
};
