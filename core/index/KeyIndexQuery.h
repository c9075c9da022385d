#pragma once

#include "core/keys/KeyRisk.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

// A question over every key of the index: filters (any of the risks, team, user, status, text) and a
// sort on any column. Risks follow core/keys/KeyRisk exactly; `now` is the time the risks are judged at.
// Over budget takes in every budget on the key's ladder that the index holds (KeyIndex::storeBudgets):
// a key whose team, member or user budget, or the proxy's, is exhausted is over budget too.
struct KeyIndexQuery {
    QList<KeyRisk> risks; // keys with any of these; empty = no risk filter
    QString teamId;
    QString userId;
    QString alias;   // contained in the alias
    QString keyHash; // exactly this key (its hash, any case)
    std::optional<KeyStatus> status;
    QString text;              // contained in the alias, masked key, user, team (id or alias) or metadata
    bool recentlyUsed = false; // only keys used in the last 30 days (keyrisk::isRecentlyUsed)
    QString sortBy = QStringLiteral("created_at");
    Qt::SortOrder sortOrder = Qt::DescendingOrder;
    // How a filter reads rows: false (for few matches) through the filter's own index, then sorted; true
    // (for many) by walking the sort column's index and testing each row. Same rows either way;
    // KeyIndexModel counts with false and then picks by the count.
    bool manyMatches = false;
    static constexpr qint64 kManyMatches = 5000; // from here on, manyMatches reads faster
    // Whether text is looked up in the index's trigram index first (set by KeyIndex when that index
    // holds every key); either way each row's text is tested, so the rows are the same.
    bool textIndexed = false;
    // Whether the proxy-wide budget is exhausted, so every key is over budget (set by KeyIndex from the
    // budgets it holds).
    bool proxyOverBudget = false;

    // The columns a query can sort on, by LiteLLM's names ("expires", "key_alias", ...).
    static QStringList sortFields();

    // The WHERE clause (without the word) and its positional values.
    QString where(const QDateTime &now, QVariantList *binds) const;
    // The ORDER BY clause (without the words): nulls last ascending and first descending, as LiteLLM
    // orders, then the row id so pages never overlap. Empty sortBy or an unknown one sorts by created_at.
    QString orderBy() const;

private:
    QString budgetsAbove() const;
    QString term(const char *column, const QString &test) const;
};
