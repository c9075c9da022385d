#pragma once

#include "core/budget/BudgetLadder.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>

#include <optional>

// Every budget above the keys, for all keys at once: each team's budget and its members' budgets within
// it, each user's budget, and the proxy's. BudgetReader reads it from the proxy; the key index keeps it
// beside the keys, so the Keys page, its risk filters and the CLI give every key its whole ladder
// without asking the proxy per key.
struct BudgetBook {
    // By team id: teams with a budget or with a member who has one (with only those members).
    QHash<QString, TeamRecord> teams;
    QHash<QString, UserRecord> users; // by user id: users with a budget
    std::optional<double> proxySpend;
    std::optional<double> proxyMaxBudget; // 0 or unset: no proxy-wide budget
    QDateTime readAt;                     // invalid: never read
    // What could not be read (a caller who may not list users, a team that failed): those budgets are
    // missing from every ladder, and the page says so.
    QStringList warnings;

    bool isRead() const { return readAt.isValid(); }
    // How many budgets of each kind the book holds (for "read 5 team, 10 member, 21 user budgets").
    qsizetype teamBudgets() const;
    qsizetype memberBudgets() const;
    // The key's ladder from its own budget and this book.
    BudgetLadder ladder(const KeyRecord &key) const;
    // Keeps only what a ladder can use: budgets that are set, and the teams that hold them.
    void prune();
};
