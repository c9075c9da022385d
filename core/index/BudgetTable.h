#pragma once

#include "core/budget/BudgetBook.h"

class QSqlDatabase;

// The key index's copy of a BudgetBook (table `budgets`, schema 7): one row per budget, with whether it
// is exhausted, so SQL can tell which keys some budget on their ladder stops.
namespace budgettable {

// Replaces what the table holds with `book`, inside the caller's transaction.
bool store(QSqlDatabase &db, const BudgetBook &book, QString *error);
// The book as last stored; not read (isRead() false) when none was.
BudgetBook load(const QSqlDatabase &db);

} // namespace budgettable
