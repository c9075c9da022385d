#pragma once

#include "core/api/TeamApi.h"

#include <QString>

// What a person types into the New team / Edit team form, and the /team/new or /team/update fields it
// means. Empty optional fields are not sent; models "" means every model of the proxy (sent as [] on a
// new team, left as it is on an edit).
struct TeamForm {
    QString alias;
    QString models;         // comma-separated
    QString budget;         // USD, empty: none
    QString budgetDuration; // "30d", empty: never resets
    QString tpm;
    QString rpm;
    QString members; // comma-separated user ids, the first members (new team only); "id:admin" for admins
    // Editing: what the team had, so a budget or limit emptied is removed (from()).
    bool hadBudget = false, hadTpm = false, hadRpm = false;

    struct Result {
        api::TeamFields fields;
        QString field; // which field is wrong: alias, budget, tpm, rpm, members; empty when all are right
        QString error; // one sentence that says what to type instead
        bool ok() const { return field.isEmpty(); }
    };
    // `creating`: /team/new (the alias is required, members are read).
    Result read(bool creating) const;
    static TeamForm from(const TeamRecord &team);
};
