#include "UserTableModel.h"
#include "core/format/Money.h"

#include "core/api/ApiReply.h"
#include "core/api/ProxyClient.h"
#include "core/itemmodels/LeaseTableModel.h"

#include <QLocale>

using Column = UserTableModel::Column;

UserTableModel::UserTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

UserTableModel::~UserTableModel() {
    // No answer reaches an object (or the page around it) that is being destroyed.
    if (m_reply) {
        QObject::disconnect(m_reply, nullptr, this, nullptr);
        m_reply->cancel();
    }
}

void UserTableModel::clear() {
    if (m_reply)
        m_reply->cancel();
    beginResetModel();
    m_users.clear();
    m_seen.clear();
    m_total.reset();
    m_pagesLoaded = m_totalPages = 0;
    m_failed = false;
    endResetModel();
    emit loadingChanged(false);
    emit countChanged();
}

void UserTableModel::setClient(ProxyClient *client) {
    m_client = client;
    clear();
}

void UserTableModel::setEmailFilter(const QString &contains) {
    m_email = contains.trimmed();
}

void UserTableModel::setTeamFilter(const QString &teamId) {
    m_team = teamId;
}

void UserTableModel::setTeamNames(const QHash<QString, QString> &aliasById) {
    m_teamNames = aliasById;
    if (!m_users.isEmpty())
        emit dataChanged(index(0, int(Column::Teams)), index(int(m_users.size()) - 1, int(Column::Teams)));
}

QString UserTableModel::teamName(const QString &teamId) const {
    const QString alias = m_teamNames.value(teamId);
    return alias.isEmpty() ? teamId : alias;
}

api::UserListQuery UserTableModel::query(int page) const {
    api::UserListQuery q;
    q.page = page;
    q.pageSize = kPageSize;
    q.userEmail = m_email;
    q.team = m_team;
    q.sortBy = m_sortBy;
    q.sortOrder = m_sortOrder;
    return q;
}

void UserTableModel::reload() {
    clear();
    if (m_client)
        requestPage(1);
}

void UserTableModel::requestPage(int page) {
    m_reply = api::listUsers(*m_client, query(page), this, [this, page](Expected<api::UserPage> result) {
        m_reply = nullptr;
        if (result)
            onPage(page, *result);
        else if (result.error().kind != ApiError::Kind::Canceled) {
            m_failed = true;
            emit failed(result.error());
        }
        emit loadingChanged(false);
    });
    emit loadingChanged(true);
}

void UserTableModel::onPage(int page, const api::UserPage &result) {
    m_pagesLoaded = page;
    m_totalPages = result.totalPages;
    m_total = result.total;
    QList<UserRecord> fresh;
    for (const UserRecord &u : result.users) {
        if (u.userId.isEmpty() || m_seen.contains(u.userId))
            continue;
        m_seen.insert(u.userId);
        fresh << u;
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_users.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_users << fresh;
        endInsertRows();
    }
    // A page with nothing new (a proxy that repeats itself) ends the list rather than paging forever.
    if (fresh.isEmpty())
        m_totalPages = m_pagesLoaded;
    emit countChanged();
}

bool UserTableModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && m_client && !m_reply && !m_failed && m_pagesLoaded > 0 &&
           m_pagesLoaded < m_totalPages;
}

void UserTableModel::fetchMore(const QModelIndex &parent) {
    if (canFetchMore(parent))
        requestPage(m_pagesLoaded + 1);
}

QString UserTableModel::sortField(Column column) {
    switch (column) {
    case Column::User:
        return QStringLiteral("user_alias");
    case Column::Email:
        return QStringLiteral("user_email");
    case Column::Role:
        return QStringLiteral("user_role");
    case Column::Spend:
        return QStringLiteral("spend");
    case Column::Created:
        return QStringLiteral("created_at");
    case Column::Teams:
    case Column::Budget:
    case Column::Keys:
        break;
    }
    return {};
}

void UserTableModel::sort(int column, Qt::SortOrder order) {
    const QString field = sortField(Column(column));
    if (field.isEmpty() || (field == m_sortBy && order == m_sortOrder))
        return;
    m_sortBy = field;
    m_sortOrder = order;
    reload();
}

const UserRecord *UserTableModel::userAt(int row) const {
    return row >= 0 && row < m_users.size() ? &m_users.at(row) : nullptr;
}

int UserTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant UserTableModel::data(const QModelIndex &index, int role) const {
    const UserRecord *u = index.isValid() ? userAt(index.row()) : nullptr;
    if (!u)
        return {};
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(*u, column);
    case SortRole:
        return sortValue(*u, column);
    case UserIdRole:
        return u->userId;
    case Qt::TextAlignmentRole:
        if (column == Column::Spend || column == Column::Budget || column == Column::Keys)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == Column::User)
            return u->userId;
        if (column == Column::Created && u->createdAt.isValid())
            return LeaseTableModel::formatUtc(u->createdAt);
        if (column == Column::Teams && !u->teams.isEmpty())
            return u->teams.join(QStringLiteral(", "));
        if (column == Column::Budget && u->maxBudget && !u->budgetDuration.isEmpty())
            return tr("Resets every %1").arg(u->budgetDuration);
        return {};
    default:
        return {};
    }
}

QVariant UserTableModel::display(const UserRecord &u, Column column) const {
    switch (column) {
    case Column::User:
        return u.userAlias.isEmpty() ? u.userId : u.userAlias;
    case Column::Email:
        return u.userEmail;
    case Column::Role:
        return u.userRole;
    case Column::Teams: {
        QStringList names;
        for (const QString &id : u.teams)
            names << teamName(id);
        return names.join(QStringLiteral(", "));
    }
    case Column::Spend:
        return formatUsd(u.spend);
    case Column::Budget:
        if (!u.maxBudget)
            return tr("No budget");
        return u.budgetDuration.isEmpty() ? formatUsd(*u.maxBudget)
                                          : tr("%1 / %2").arg(formatUsd(*u.maxBudget), u.budgetDuration);
    case Column::Keys:
        return u.keyCount ? QLocale().toString(*u.keyCount) : QStringLiteral("—");
    case Column::Created:
        return u.createdAt.isValid() ? LeaseTableModel::formatLocal(u.createdAt) : QString();
    }
    return {};
}

QVariant UserTableModel::sortValue(const UserRecord &u, Column column) const {
    switch (column) {
    case Column::Spend:
        return u.spend;
    case Column::Budget:
        return u.maxBudget ? QVariant(*u.maxBudget) : QVariant();
    case Column::Keys:
        return u.keyCount ? QVariant(*u.keyCount) : QVariant();
    case Column::Created:
        return u.createdAt;
    default:
        return display(u, column);
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    if (role == Qt::ToolTipRole && sortField(Column(section)).isEmpty())
        return tr("The proxy cannot sort by this column");
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::User:
        return tr("User");
    case Column::Email:
        return tr("E-mail");
    case Column::Role:
        return tr("Role");
    case Column::Teams:
        return tr("Teams");
    case Column::Spend:
        return tr("Spend");
    case Column::Budget:
        return tr("Budget");
    case Column::Keys:
        return tr("Keys");
    case Column::Created:
        return tr("Created");
    }
    return {};
}
