#pragma once

#include "core/api/KeyRecord.h"
#include "core/budget/BudgetLadder.h"

#include <QWidget>

class QLabel;
class QTextBrowser;

// The selected key in full: every field the proxy sent, its metadata, the budgets LiteLLM checks for it
// (its ladder: which one stops it first), and, for a key issued from a role, the role and lease it came
// from (issued, TTL, max TTL, expiry, time left).
class KeyDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit KeyDetailsView(QWidget *parent = nullptr);

    // nullptr shows a hint to select a key. `ladderNote` says why the budgets are not shown yet (being
    // read, or not available); setLadder() then shows them.
    void showKey(const KeyRecord *key, const QDateTime &now, const QString &ladderNote = {});
    // The budget ladder of the key shown (ignored when another key is shown by now), with what could not
    // be read.
    void setLadder(const QString &token, const BudgetLadder &ladder, const QStringList &warnings);
    QString text() const; // what is shown, as plain text (for tests and copying)

private:
    void render();

    std::optional<KeyRecord> m_key;
    QDateTime m_now;
    std::optional<BudgetLadder> m_ladder;
    QString m_ladderNote;
    QStringList m_ladderWarnings;
    QLabel *m_title = nullptr;
    QTextBrowser *m_body = nullptr;
};
