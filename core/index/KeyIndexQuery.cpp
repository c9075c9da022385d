#include "KeyIndexQuery.h"

#include "core/index/IndexRow.h"

namespace {

QString likePattern(QString text) {
    text.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return u'%' + text + u'%';
}

} // namespace

QStringList KeyIndexQuery::sortFields() {
    return {QStringLiteral("key_alias"),  QStringLiteral("key_name"),    QStringLiteral("token"),
            QStringLiteral("user_id"),    QStringLiteral("team_id"),     QStringLiteral("spend"),
            QStringLiteral("max_budget"), QStringLiteral("expires"),     QStringLiteral("created_at"),
            QStringLiteral("updated_at"), QStringLiteral("last_active"), QStringLiteral("budget_reset_at"),
            QStringLiteral("tpm_limit"),  QStringLiteral("rpm_limit"),   QStringLiteral("blocked")};
}

QString KeyIndexQuery::where(const QDateTime &now, QVariantList *binds) const {
    QStringList parts;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (!risks.isEmpty()) {
        QStringList any;
        int bits = 0;
        for (const KeyRisk r : risks) {
            if (r == KeyRisk::ExpiresSoon) {
                any << QStringLiteral("(expires > ? AND expires <= ?)");
                *binds << nowMs << now.addDays(keyrisk::kExpiresSoonDays).toMSecsSinceEpoch();
            } else if (r == KeyRisk::Idle) {
                any << QStringLiteral("(last_active IS NOT NULL AND last_active < ?)");
                *binds << now.addDays(-keyrisk::kIdleDays).toMSecsSinceEpoch();
            } else {
                bits |= indexrow::riskBit(r);
            }
        }
        if (bits && manyRiskMatches) {
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
    if (!teamId.isEmpty()) {
        parts << QStringLiteral("team_id = ?");
        *binds << teamId;
    }
    if (!userId.isEmpty()) {
        parts << QStringLiteral("user_id = ?");
        *binds << userId;
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
        QStringList any;
        for (const auto *column :
             {"key_alias", "key_name", "user_id", "user_email", "team_id", "team_alias", "metadata"}) {
            any << QLatin1String(column) + QStringLiteral(" LIKE ? ESCAPE '\\'");
            *binds << likePattern(text);
        }
        parts << u'(' + any.join(QStringLiteral(" OR ")) + u')';
    }
    return parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
}

QString KeyIndexQuery::orderBy() const {
    const QString column = sortFields().contains(sortBy) ? sortBy : QStringLiteral("created_at");
    const QString dir = sortOrder == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral("%1 IS NULL %2, %1 %2, id %2").arg(column, dir);
}
