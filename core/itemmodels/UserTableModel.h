#pragma once

#include "core/api/PeopleApi.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <optional>

class ApiReply;
class ProxyClient;

// The proxy's internal users, a page of 100 at a time from /user/list: the first page on reload(), more
// on fetchMore(). Sorting and the e-mail and team filters are done by the proxy. Rows are deduplicated by
// user id. Teams are shown by alias once setTeamNames() knows them.
class UserTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { User, Email, Role, Teams, Spend, Budget, Keys, Created };
    static constexpr int kColumnCount = 8;
    static constexpr int kPageSize = 100;

    enum Role {
        SortRole = Qt::UserRole + 1,
        UserIdRole,
    };

    explicit UserTableModel(QObject *parent = nullptr);
    ~UserTableModel() override;

    // The client to read from (not owned); null empties the table.
    void setClient(ProxyClient *client);
    void setEmailFilter(const QString &contains); // take effect on the next reload()
    void setTeamFilter(const QString &teamId);
    void setTeamNames(const QHash<QString, QString> &aliasById);
    QString teamName(const QString &teamId) const;

    void reload();
    bool isLoading() const { return !m_reply.isNull(); }
    qsizetype loadedCount() const { return m_users.size(); }
    std::optional<qint64> totalCount() const { return m_total; }
    const UserRecord *userAt(int row) const;
    // The request the next page would send (tests and the status line read it).
    api::UserListQuery query(int page) const;

    // Server-side: user_alias (the User column shows the alias, else the id), user_email, user_role, spend,
    // created_at; other columns are not sortable.
    static QString sortField(Column column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadingChanged(bool loading);
    void failed(const ApiError &error);
    void countChanged();

private:
    void clear(); // cancels the page on the wire and empties the table
    void requestPage(int page);
    void onPage(int page, const api::UserPage &result);
    QVariant display(const UserRecord &u, Column column) const;
    QVariant sortValue(const UserRecord &u, Column column) const;

    QPointer<ProxyClient> m_client;
    QPointer<ApiReply> m_reply;
    QList<UserRecord> m_users;
    QSet<QString> m_seen;
    QHash<QString, QString> m_teamNames;
    QString m_email;
    QString m_team;
    QString m_sortBy = QStringLiteral("created_at");
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    std::optional<qint64> m_total;
    int m_pagesLoaded = 0;
    int m_totalPages = 0;
    bool m_failed = false;
};
