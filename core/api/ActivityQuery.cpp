#include "ActivityQuery.h"

#include <algorithm>

QString ActivityQuery::scopeName(Scope scope) {
    switch (scope) {
    case Scope::User:
        return QStringLiteral("user");
    case Scope::Team:
        return QStringLiteral("team");
    case Scope::Tag:
        return QStringLiteral("tag");
    }
    return {};
}

QString ActivityQuery::path(bool aggregated) const {
    QString p = u'/' + scopeName(scope) + QStringLiteral("/daily/activity");
    if (aggregated)
        p += QStringLiteral("/aggregated");
    return p;
}

QUrlQuery ActivityQuery::toQuery(bool aggregated) const {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("start_date"), start.toString(Qt::ISODate));
    q.addQueryItem(QStringLiteral("end_date"), end.toString(Qt::ISODate));
    if (!ids.isEmpty()) {
        const QString name = scope == Scope::User   ? QStringLiteral("user_id")
                             : scope == Scope::Team ? QStringLiteral("team_ids")
                                                    : QStringLiteral("tags");
        q.addQueryItem(name, ids.join(u','));
    }
    if (!model.isEmpty())
        q.addQueryItem(QStringLiteral("model"), model);
    if (!apiKey.isEmpty())
        q.addQueryItem(QStringLiteral("api_key"), apiKey);
    if (aggregated) {
        q.addQueryItem(QStringLiteral("api_key_limit"), QString::number(kMaxApiKeyLimit));
    } else {
        q.addQueryItem(QStringLiteral("page"), QString::number(std::max(1, page)));
        q.addQueryItem(QStringLiteral("page_size"), QString::number(std::clamp(pageSize, 1, kMaxPageSize)));
    }
    return q;
}
