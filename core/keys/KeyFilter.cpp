#include "KeyFilter.h"

QStringList KeyFilter::sortFields() {
    return {QStringLiteral("spend"),      QStringLiteral("max_budget"), QStringLiteral("created_at"),
            QStringLiteral("updated_at"), QStringLiteral("token"),      QStringLiteral("key_alias")};
}

api::KeyListQuery KeyFilter::toQuery(int page, int size) const {
    api::KeyListQuery q;
    q.page = page;
    q.size = size;
    q.teamId = teamId;
    q.userId = userId;
    q.keyAlias = alias;
    q.aliasSubstring = !alias.isEmpty();
    q.keyHash = keyHash;
    if (status == KeyStatus::Deleted)
        q.deleted = true;
    else if (status == KeyStatus::Expired)
        q.expires = api::KeyListQuery::Expiry::Expired;
    else if (status == KeyStatus::Active)
        q.expires = api::KeyListQuery::Expiry::Active;
    q.sortBy = sortBy;
    q.sortOrder = sortOrder;
    return q;
}

QString KeyFilter::firstMismatch(const KeyRecord &key, const QDateTime &now) const {
    if (key.hashOnly)
        return {};
    if (!teamId.isEmpty() && key.teamId != teamId)
        return QStringLiteral("team_id");
    if (!userId.isEmpty() && key.userId != userId)
        return QStringLiteral("user_id");
    if (!alias.isEmpty() && !key.keyAlias.contains(alias, Qt::CaseInsensitive))
        return QStringLiteral("key_alias");
    if (!keyHash.isEmpty() && key.token.compare(keyHash, Qt::CaseInsensitive) != 0)
        return QStringLiteral("key_hash");
    if (status == KeyStatus::Expired && !key.isExpired(now))
        return QStringLiteral("expires");
    if (status == KeyStatus::Active && key.isExpired(now))
        return QStringLiteral("expires");
    if (status == KeyStatus::Deleted && !key.deletedAt.isValid())
        return QStringLiteral("status");
    return {};
}

bool KeyFilter::serverMatches(const KeyRecord &key, const QDateTime &now) const {
    return firstMismatch(key, now).isEmpty();
}

bool KeyFilter::clientMatches(const KeyRecord &key, const QDateTime &) const {
    if (key.hashOnly)
        return true;
    if (status == KeyStatus::Blocked)
        return key.isBlocked();
    if (status == KeyStatus::Active)
        return !key.isBlocked();
    return true;
}

KeyFilter::Screened KeyFilter::screen(const QList<KeyRecord> &rows, QSet<QString> &seen,
                                      const QDateTime &now) const {
    Screened out;
    for (const KeyRecord &k : rows) {
        if (k.token.isEmpty() || seen.contains(k.token))
            continue;
        if (const QString field = firstMismatch(k, now); !field.isEmpty()) {
            ++out.dropped;
            if (out.mismatch.isEmpty())
                out.mismatch = field;
            continue;
        }
        seen.insert(k.token);
        if (clientMatches(k, now))
            out.accepted << k;
    }
    return out;
}

QString KeyFilter::ignoredMessage(qsizetype dropped, const QString &field) {
    return QStringLiteral("the proxy ignored the %1 filter: %2 rows that do not match were left out")
        .arg(field)
        .arg(dropped);
}
