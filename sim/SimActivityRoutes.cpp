#include "sim/SimActivity.h"
#include "sim/SimParams.h"
#include "sim/Simulator.h"

using namespace simparams;

namespace {

SimReply activity(Simulator &sim, SimRequest &r, SimActivityQuery::Kind kind, bool aggregated) {
    if (aggregated && !sim.options().aggregatedActivity)
        return SimReply::detail(404, QStringLiteral("Not Found"));
    const QDate start = QDate::fromString(r.query(QStringLiteral("start_date")), Qt::ISODate);
    const QDate end = QDate::fromString(r.query(QStringLiteral("end_date")), Qt::ISODate);
    if (!start.isValid() || !end.isValid())
        return SimReply::detail(400, QStringLiteral("Please provide start_date and end_date"), true);
    SimReply error;
    const int defaultSize = kind == SimActivityQuery::Kind::User ? 50 : 10;
    const auto page = intQuery(r, QStringLiteral("page"), 1, 1, INT_MAX, &error);
    if (!page)
        return error;
    const auto pageSize = intQuery(r, QStringLiteral("page_size"), defaultSize, 1, 1000, &error);
    if (!pageSize)
        return error;

    SimDataset &data = sim.data();
    SimActivityQuery q;
    q.kind = kind;
    q.start = start;
    q.end = end;
    q.model = r.query(QStringLiteral("model"));
    q.modelWithProvider = sim.options().activityModelWithProvider;
    q.apiKey = r.query(QStringLiteral("api_key"));
    switch (kind) {
    case SimActivityQuery::Kind::User:
        q.userId = r.query(QStringLiteral("user_id"));
        if (!r.caller.isAdminViewer()) {
            if (!q.userId.isEmpty() && q.userId != r.caller.userId)
                return SimReply::error(
                    403,
                    QStringLiteral("User can only view their own spend. Your role=%1").arg(r.caller.role),
                    QStringLiteral("auth_error"));
            q.userId = r.caller.userId.isEmpty() ? QStringLiteral("-") : r.caller.userId;
        }
        break;
    case SimActivityQuery::Kind::Team:
        q.entities = csvQuery(r, QStringLiteral("team_ids"));
        q.excluded = csvQuery(r, QStringLiteral("exclude_team_ids"));
        if (!r.caller.isAdminViewer()) {
            const int u = data.userIndex(r.caller.userId);
            const QStringList own = u >= 0 ? data.users().at(u).teams : QStringList();
            if (q.entities.isEmpty())
                q.entities = own.isEmpty() ? QStringList{QStringLiteral("-")} : own;
            for (const auto &t : std::as_const(q.entities))
                if (t != u"-" && !own.contains(t))
                    return SimReply::error(403, QStringLiteral("User is not a member of team_id=%1").arg(t),
                                           QStringLiteral("auth_error"));
        }
        break;
    case SimActivityQuery::Kind::Tag:
        q.entities = csvQuery(r, QStringLiteral("tags"));
        break;
    }
    const QList<SimActivityRow> rows = data.activity().rows(q);
    SimActivityShape shape = SimActivityShape::of(sim.options(), aggregated);
    if (shape.keyLimit > 0) {
        const auto limit = intQuery(r, QStringLiteral("api_key_limit"), shape.keyLimit, 1,
                                    sim.options().activityKeyLimitMax, &error);
        if (!limit)
            return error;
        shape.keyLimit = *limit;
    }
    if (aggregated) {
        QJsonObject out = data.activity().response(rows, kind, shape);
        QJsonObject meta = out.value(QStringLiteral("metadata")).toObject();
        meta.insert(QStringLiteral("page"), 1);
        meta.insert(QStringLiteral("total_pages"), 1);
        meta.insert(QStringLiteral("has_more"), false);
        out.insert(QStringLiteral("metadata"), meta);
        return SimReply::json(out);
    }
    const qsizetype from = qsizetype(*page - 1) * *pageSize;
    QJsonObject out = data.activity().response(rows.mid(std::min(from, rows.size()), *pageSize), kind, shape);
    qint64 totalPages = (rows.size() + *pageSize - 1) / *pageSize;
    if (r.endlessPaging)
        totalPages = std::max<qint64>(totalPages, *page + 1);
    QJsonObject meta = out.value(QStringLiteral("metadata")).toObject();
    meta.insert(QStringLiteral("page"), *page);
    meta.insert(QStringLiteral("total_pages"), totalPages);
    meta.insert(QStringLiteral("has_more"), *page < totalPages);
    out.insert(QStringLiteral("metadata"), meta);
    return SimReply::json(out);
}

} // namespace

void registerActivityRoutes(Simulator &sim) {
    const struct {
        const char *path;
        SimActivityQuery::Kind kind;
    } routes[] = {{"/user/daily/activity", SimActivityQuery::Kind::User},
                  {"/team/daily/activity", SimActivityQuery::Kind::Team},
                  {"/tag/daily/activity", SimActivityQuery::Kind::Tag}};
    for (const auto &route : routes) {
        const QString path = QString::fromLatin1(route.path);
        const auto kind = route.kind;
        sim.addRoute("GET", path, [&sim, kind](SimRequest &r) { return activity(sim, r, kind, false); });
        sim.addRoute("GET", path + u"/aggregated",
                     [&sim, kind](SimRequest &r) { return activity(sim, r, kind, true); });
    }
}
