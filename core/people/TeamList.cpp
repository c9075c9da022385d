#include "TeamList.h"

#include "core/api/PeopleApi.h"

#include <algorithm>

TeamList::TeamList(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

void TeamList::load() {
    ++m_generation;
    m_teams.clear();
    read(1);
}

void TeamList::read(int page) {
    if (!m_client)
        return;
    api::TeamListQuery query;
    query.page = page;
    query.pageSize = api::TeamListQuery::kMaxPageSize;
    const int generation = m_generation;
    api::listTeams(*m_client, query, this, [this, page, generation](Expected<api::TeamPage> result) {
        if (generation != m_generation)
            return;
        if (!result) {
            emit failed(result.error());
            return;
        }
        m_teams << result->teams;
        if (result->paged && page < result->totalPages && page < kMaxPages && !result->teams.isEmpty())
            return read(page + 1);
        std::sort(m_teams.begin(), m_teams.end(), [](const TeamRecord &a, const TeamRecord &b) {
            return a.displayName().localeAwareCompare(b.displayName()) < 0;
        });
        emit loaded(std::exchange(m_teams, {}));
    });
}

QList<std::pair<QString, QString>> TeamList::choices(const QList<TeamRecord> &teams) {
    QList<std::pair<QString, QString>> out;
    for (const TeamRecord &t : teams)
        out.append({t.teamId, t.teamAlias});
    return out;
}

QHash<QString, QString> TeamList::aliases(const QList<TeamRecord> &teams) {
    QHash<QString, QString> out;
    for (const TeamRecord &t : teams)
        out.insert(t.teamId, t.teamAlias);
    return out;
}
