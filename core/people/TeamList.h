#pragma once

#include "core/api/ApiError.h"
#include "core/api/TeamRecord.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <utility>

class ProxyClient;

// Every team the caller can see, for team filters and to show team names instead of ids: reads
// /v2/team/list page by page (or the old /team/list at once), at most kMaxPages pages, and hands them
// back sorted by name. One object per read; deleting it drops the answer.
class TeamList : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxPages = 50; // 5,000 teams: more is a proxy that pages forever

    explicit TeamList(ProxyClient *client, QObject *parent = nullptr);

    void load();

    // team id -> alias (empty when the team has none)
    static QHash<QString, QString> aliases(const QList<TeamRecord> &teams);
    // (id, alias) of each team, in the list's order: what team pickers offer
    static QList<std::pair<QString, QString>> choices(const QList<TeamRecord> &teams);

signals:
    void loaded(const QList<TeamRecord> &teams);
    void failed(const ApiError &error);

private:
    void read(int page);

    QPointer<ProxyClient> m_client;
    QList<TeamRecord> m_teams;
    int m_generation = 0;
};
