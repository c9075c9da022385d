#include "KeyIndexQuery.h"

#include "core/index/IndexRow.h"

namespace {

QString likePattern(QString text) {
    text.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + text + u'%';
}

// The distinct three-character pieces of `text` as an FTS5 query that wants them all ("ab""c" AND ...);
// empty for text shorter than three characters, which the trigram index cannot look up.
QString trigrams(const QString &text) {
    const QList<uint> chars = text.toUcs4();
    QStringList pieces;
    for (qsizetype i = 0; i + 3 <= chars.size(); ++i) {
        QString piece = QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData() + i), 3);
        piece.replace(u'"', QStringLiteral("\"\""));
        piece = u'"' + piece + u'"';
        if (!pieces.contains(piece))
            pieces << piece;
    }
    return pieces.join(QStringLiteral(" AND "));
}

} // namespace

QStringList KeyIndexQuery::sortFields() {
    return {QStringLiteral("key_alias"),  QStringLiteral("key_name"),    QStringLiteral("token"),
            QStringLiteral("user_id"),    QStringLiteral("team_id"),     QStringLiteral("spend"),
            QStringLiteral("max_budget"), QStringLiteral("expires"),     QStringLiteral("created_at"),
            QStringLiteral("updated_at"), QStringLiteral("last_active"), QStringLiteral("budget_reset_at"),
            QStringLiteral("tpm_limit"),  QStringLiteral("rpm_limit"),   QStringLiteral("blocked")};
}

// A column as a filter term names it. The indexes are on (column IS NULL, column), so they sort nulls
// last; a term reaches such an index only when it says "(column IS NULL) = 0" too. With many matches the
// term is written "+column" instead, which no index answers: SQLite then walks the sort column's index
// and tests each row, which finds the first rows a view shows at once instead of sorting them all.
QString KeyIndexQuery::term(const char *column, const QString &test) const {
    const QString c = QLatin1String(column);
    return manyMatches ? QStringLiteral("+%1 %2").arg(c, test)
                       : QStringLiteral("(%1 IS NULL) = 0 AND %1 %2").arg(c, test);
}

// Keys that an exhausted budget above them stops (BudgetTable's rows): their team's, their own budget
// within their team, their user's for a key without a team (the order of budgetLadder), the proxy's. Each
// part reaches its keys through the team or user index: a member's keys through their user id (a user
// has few keys, a team many), then the key's team is checked.
QString KeyIndexQuery::budgetsAbove() const {
    if (proxyOverBudget)
        return QStringLiteral("1");
    const auto exhausted = [](const char *column, const char *kind) {
        return QStringLiteral("IN (SELECT %1 FROM budgets WHERE exhausted = 1 AND kind = '%2')")
            .arg(QLatin1String(column), QLatin1String(kind));
    };
    return QStringLiteral(
               "(%1) OR (team_id IS NULL AND %2) OR (%3 AND EXISTS (SELECT 1 FROM budgets AS b WHERE "
               "b.exhausted = 1 AND b.kind = 'team_member' AND b.team_id = keys.team_id AND "
               "b.user_id = keys.user_id))")
        .arg(term("team_id", exhausted("team_id", "team")), term("user_id", exhausted("user_id", "user")),
             term("user_id", exhausted("user_id", "team_member")));
}

QString KeyIndexQuery::where(const QDateTime &now, QVariantList *binds) const {
    QStringList parts;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (!risks.isEmpty()) {
        QStringList any;
        int bits = 0;
        for (const KeyRisk r : risks) {
            if (r == KeyRisk::ExpiresSoon) {
                any << u'(' + term("expires", QStringLiteral("BETWEEN ? AND ?")) + u')';
                // (now, now + 7 days]: integer milliseconds, so "> now" is ">= now + 1".
                *binds << nowMs + 1 << now.addDays(keyrisk::kExpiresSoonDays).toMSecsSinceEpoch();
            } else if (r == KeyRisk::Idle) {
                any << u'(' + term("last_active", QStringLiteral("< ?")) + u')';
                *binds << now.addDays(-keyrisk::kIdleDays).toMSecsSinceEpoch();
            } else {
                bits |= indexrow::riskBit(r);
                if (r == KeyRisk::OverBudget)
                    any << budgetsAbove();
            }
        }
        if (bits && manyMatches) {
            any.prepend(QStringLiteral("(risks & %1) != 0").arg(bits));
        } else if (bits) {
            // Every stored value with any of the bits, as a list the risks index answers: a rare risk
            // then reads its few rows instead of walking the sort column's index past every key.
            int all = 0;
            for (const KeyRisk r : keyrisk::allRisks())
                if (r != KeyRisk::ExpiresSoon && r != KeyRisk::Idle)
                    all |= indexrow::riskBit(r);
            QStringList values;
            for (int v = 0; v <= all; ++v)
                if ((v & ~all) == 0 && (v & bits) != 0)
                    values << QString::number(v);
            any.prepend(QStringLiteral("risks IN (%1)").arg(values.join(u',')));
        }
        parts << u'(' + any.join(QStringLiteral(" OR ")) + u')';
    }
    if (recentlyUsed) {
        parts << term("last_active", QStringLiteral(">= ?"));
        *binds << now.addDays(-keyrisk::kIdleDays).toMSecsSinceEpoch();
    }
    // Equality as a range of one value: SQLite puts an "= value" into the other terms of the column
    // (constant propagation), after which "(team_id IS NULL) = 0" no longer matches the index.
    if (!teamId.isEmpty()) {
        parts << term("team_id", QStringLiteral("BETWEEN ? AND ?"));
        *binds << teamId << teamId;
    }
    if (!userId.isEmpty()) {
        parts << term("user_id", QStringLiteral("BETWEEN ? AND ?"));
        *binds << userId << userId;
    }
    if (!keyHash.isEmpty()) {
        parts << QStringLiteral("token = ?");
        *binds << keyHash.trimmed().toLower();
    }
    if (!alias.isEmpty()) {
        parts << QStringLiteral("key_alias LIKE ? ESCAPE '\\'");
        *binds << likePattern(alias);
    }
    if (status) {
        switch (*status) {
        case KeyStatus::Deleted: // deleted keys leave the index
            parts << QStringLiteral("0");
            break;
        case KeyStatus::Blocked:
            parts << QStringLiteral("blocked = 1");
            break;
        case KeyStatus::Expired:
            parts << QStringLiteral("(blocked IS NULL OR blocked = 0) AND expires <= ?");
            *binds << nowMs;
            break;
        case KeyStatus::Active:
            parts << QStringLiteral("(blocked IS NULL OR blocked = 0) AND (expires IS NULL OR expires > ?)");
            *binds << nowMs;
            break;
        }
    }
    if (!text.isEmpty()) {
        const auto likes = [&](std::initializer_list<const char *> columns) -> QString {
            QStringList any;
            for (const char *column : columns) {
                any << QLatin1String(column) + QStringLiteral(" LIKE ? ESCAPE '\\'");
                *binds << likePattern(text);
            }
            return u'(' + any.join(QStringLiteral(" OR ")) + u')';
        };
        if (const QString pieces = trigrams(text); textIndexed && !pieces.isEmpty()) {
            // A user or team id holding the text is one of the distinct ids holding it (key_ids): those
            // rows match as they are, through the user and team indexes. Any other row must hold every
            // three-letter piece of the text (in any case) in the trigram index, and is then tested: the
            // index only narrows which rows are read.
            const QString ids =
                QStringLiteral("IN (SELECT value FROM key_ids WHERE value LIKE ? ESCAPE '\\')");
            *binds << likePattern(text) << likePattern(text) << pieces;
            const QString fts = (manyMatches ? QStringLiteral("+") : QString()) +
                                QStringLiteral("id IN (SELECT rowid FROM keys_text WHERE keys_text MATCH ?)");
            parts << QStringLiteral("((%1) OR (%2) OR (%3 AND %4))")
                         .arg(term("user_id", ids), term("team_id", ids), fts,
                              likes({"key_alias", "key_name", "user_email", "team_alias", "metadata"}));
        } else {
            parts << likes(
                {"key_alias", "key_name", "user_id", "user_email", "team_id", "team_alias", "metadata"});
        }
    }
    return parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
}

QString KeyIndexQuery::orderBy() const {
    const QString column = sortFields().contains(sortBy) ? sortBy : QStringLiteral("created_at");
    const QString dir = sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    if (column == u"token") // never null, and its own unique index is in this order
        return QStringLiteral("token %1, id %1").arg(dir);
    return QStringLiteral("%1 IS NULL %2, %1 %2, id %2").arg(column, dir);
}
