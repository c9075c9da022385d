#include "TeamLookup.h"

#include <QCoreApplication>

namespace teamlookup {

namespace {

ApiError lookupError(int status, const QString &message, const QString &hint) {
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    e.type = status == 404 ? QStringLiteral("not_found_error") : QStringLiteral("bad_request_error");
    e.message = message;
    e.hint = hint;
    return e;
}

Expected<TeamRecord> pick(const QList<TeamRecord> &found, const QString &idOrAlias) {
    if (found.size() == 1)
        return found.first();
    if (found.isEmpty())
        return Unexpected(lookupError(
            404,
            QCoreApplication::translate("TeamLookup", "No team has the id or alias \"%1\"").arg(idOrAlias),
            QCoreApplication::translate("TeamLookup", "\"teams list\" shows the teams you may see.")));
    QStringList ids;
    for (const auto &t : found)
        ids << t.teamId;
    return Unexpected(lookupError(400,
                                  QCoreApplication::translate("TeamLookup", "%n teams are called \"%1\": %2",
                                                              nullptr, int(found.size()))
                                      .arg(idOrAlias, ids.join(QStringLiteral(", "))),
                                  QCoreApplication::translate("TeamLookup", "Name the team by its id.")));
}

} // namespace

QList<TeamRecord> matches(const QList<TeamRecord> &teams, const QString &idOrAlias) {
    QList<TeamRecord> out;
    for (const auto &t : teams)
        if (t.teamId == idOrAlias || t.teamAlias == idOrAlias)
            out << t;
    return out;
}

void find(ProxyClient &client, const QString &idOrAlias, QObject *context, Handler<TeamRecord> done) {
    // By alias first (the proxy filters; an old proxy sends every team), then by id.
    api::TeamListQuery byAlias;
    byAlias.teamAlias = idOrAlias;
    byAlias.pageSize = api::TeamListQuery::kMaxPageSize;
    QPointer<ProxyClient> guard(&client);
    api::listTeams(client, byAlias, context, [guard, idOrAlias, context, done](Expected<api::TeamPage> page) {
        if (!page)
            return done(Unexpected(page.error()));
        const QList<TeamRecord> found = matches(page->teams, idOrAlias);
        if (!found.isEmpty() || !page->paged || !guard)
            return done(pick(found, idOrAlias));
        api::TeamListQuery byId;
        byId.teamId = idOrAlias;
        api::listTeams(*guard, byId, context, [idOrAlias, done](Expected<api::TeamPage> ids) {
            if (!ids)
                return done(Unexpected(ids.error()));
            done(pick(matches(ids->teams, idOrAlias), idOrAlias));
        });
    });
}

} // namespace teamlookup
