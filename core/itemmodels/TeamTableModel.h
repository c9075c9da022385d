#pragma once

#include "core/api/TeamApi.h"
#include "core/teams/TeamRisk.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>

#include <optional>

class ProxyClient;

// The proxy's teams, a page of 50 at a time from /v2/team/list: the first page on reload(), more on
// fetchMore(); the proxy sorts and filters by alias. A proxy without /v2/team/list answers /team/list,
// every team at once: the list is then whole (isWholeList()), and the alias filter and the sort are
// applied here instead. Rows are deduplicated by team id.
class TeamTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // What people scan first (spend and risks) before the long ids, which come last.
    enum class Column { Alias, Spend, Risks, Members, Keys, Models, Reset, Limits, Blocked, Created, Id };
    static constexpr int kColumnCount = 11;
    static constexpr int kPageSize = 50;

    enum Role {
        SortRole = Qt::UserRole + 1,
        TeamIdRole,
        RisksRole,      // QStringList of teamrisk::name()
        SpendShareRole, // spend / max_budget as a double (Spend column), invalid without a budget
    };

    explicit TeamTableModel(QObject *parent = nullptr);

    // The client to read from (not owned); null empties the table.
    void setClient(ProxyClient *client);
    // Alias contains (case-insensitive); takes effect on the next reload(), or at once on a whole list.
    void setAliasFilter(const QString &contains);
    QString aliasFilter() const { return m_alias; }

    void reload();
    bool isLoading() const { return m_loading; }
    bool isWholeList() const { return m_whole; }
    qsizetype loadedCount() const { return m_teams.size(); }
    std::optional<qint64> totalCount() const { return m_total; }
    const TeamRecord *teamAt(int row) const;
    int rowOf(const QString &teamId) const; // -1 when not listed
    // What an action's answer says of a team: its row changes in place (or is added on top).
    void putTeam(const TeamRecord &team);
    void removeTeam(const QString &teamId);
    // The request the next page would send.
    api::TeamListQuery query(int page) const;

    // team_alias, team_id, created_at; other columns are not sortable.
    static QString sortField(Column column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // "$412.00 of $500.00", or "$12.00 · no budget".
    static QString spendText(const TeamRecord &team);
    // "1,000 / 60", "— / 60": TPM / RPM.
    static QString limitsText(const TeamRecord &team);
    static QString risksText(const TeamRecord &team); // "over budget, blocked"

signals:
    void loadingChanged(bool loading);
    void failed(const ApiError &error);
    void countChanged();

private:
    void clear();
    void requestPage(int page);
    void onPage(int page, const api::TeamPage &result);
    void showWhole(); // a whole list: filter and sort m_all into the rows
    void setLoading(bool loading);
    QVariant display(const TeamRecord &t, Column column) const;
    QVariant sortValue(const TeamRecord &t, Column column) const;

    QPointer<ProxyClient> m_client;
    QList<TeamRecord> m_teams;
    QList<TeamRecord> m_all; // a whole list, before the alias filter
    QSet<QString> m_seen;
    QString m_alias;
    QString m_sortBy = QStringLiteral("team_alias");
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::optional<qint64> m_total;
    int m_pagesLoaded = 0;
    int m_totalPages = 0;
    int m_generation = 0;
    bool m_loading = false;
    bool m_failed = false;
    bool m_whole = false;
};
