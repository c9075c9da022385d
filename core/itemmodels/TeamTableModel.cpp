#include "TeamTableModel.h"

#include "core/api/ProxyClient.h"
#include "core/format/Count.h"
#include "core/format/Money.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/itemmodels/LeaseTableModel.h"
#include "core/teams/TeamModels.h"

#include <QCollator>

#include <algorithm>

using Column = TeamTableModel::Column;

namespace {

QString dash() {
    return QStringLiteral("—");
}

qint64 membersOf(const TeamRecord &t) {
    return t.membersCount.value_or(t.members.size());
}

} // namespace

TeamTableModel::TeamTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void TeamTableModel::setLoading(bool loading) {
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void TeamTableModel::clear() {
    ++m_generation; // an answer on the wire is dropped
    beginResetModel();
    m_teams.clear();
    m_all.clear();
    m_seen.clear();
    m_total.reset();
    m_pagesLoaded = m_totalPages = 0;
    m_failed = false;
    m_whole = false;
    endResetModel();
    setLoading(false);
    emit countChanged();
}

void TeamTableModel::setClient(ProxyClient *client) {
    m_client = client;
    clear();
}

void TeamTableModel::setAliasFilter(const QString &contains) {
    m_alias = contains.trimmed();
    if (m_whole)
        showWhole();
}

api::TeamListQuery TeamTableModel::query(int page) const {
    api::TeamListQuery q;
    q.page = page;
    q.pageSize = kPageSize;
    q.teamAlias = m_alias;
    q.sortBy = m_sortBy;
    q.sortOrder = m_sortOrder;
    return q;
}

void TeamTableModel::reload() {
    clear();
    if (m_client)
        requestPage(1);
}

void TeamTableModel::requestPage(int page) {
    const int generation = m_generation;
    setLoading(true);
    api::listTeams(*m_client, query(page), this, [this, page, generation](Expected<api::TeamPage> result) {
        if (generation != m_generation)
            return;
        if (result)
            onPage(page, *result);
        else if (result.error().kind != ApiError::Kind::Canceled) {
            m_failed = true;
            emit failed(result.error());
        }
        setLoading(false);
    });
}

void TeamTableModel::onPage(int page, const api::TeamPage &result) {
    if (!result.paged) {
        m_whole = true;
        m_all = result.teams;
        m_pagesLoaded = m_totalPages = 1;
        showWhole();
        return;
    }
    m_pagesLoaded = page;
    m_totalPages = result.totalPages;
    m_total = result.total;
    QList<TeamRecord> fresh;
    for (const TeamRecord &t : result.teams) {
        if (t.teamId.isEmpty() || m_seen.contains(t.teamId))
            continue;
        m_seen.insert(t.teamId);
        fresh << t;
    }
    if (!fresh.isEmpty()) {
        const int first = int(m_teams.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        m_teams << fresh;
        endInsertRows();
    } else {
        m_totalPages = m_pagesLoaded; // a proxy that repeats itself ends the list
    }
    emit countChanged();
}

void TeamTableModel::showWhole() {
    QList<TeamRecord> rows;
    for (const TeamRecord &t : std::as_const(m_all))
        if (m_alias.isEmpty() || t.teamAlias.contains(m_alias, Qt::CaseInsensitive))
            rows << t;
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    const auto key = [this](const TeamRecord &t) {
        if (m_sortBy == u"team_id")
            return t.teamId;
        if (m_sortBy == u"created_at")
            return t.createdAt.toUTC().toString(Qt::ISODateWithMs);
        return t.teamAlias;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const TeamRecord &a, const TeamRecord &b) {
        const int c = collator.compare(key(a), key(b));
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    });
    beginResetModel();
    m_teams = rows;
    m_total = m_teams.size();
    endResetModel();
    emit countChanged();
}

bool TeamTableModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && m_client && !m_loading && !m_failed && !m_whole && m_pagesLoaded > 0 &&
           m_pagesLoaded < m_totalPages;
}

void TeamTableModel::fetchMore(const QModelIndex &parent) {
    if (canFetchMore(parent))
        requestPage(m_pagesLoaded + 1);
}

QString TeamTableModel::sortField(Column column) {
    switch (column) {
    case Column::Alias:
        return QStringLiteral("team_alias");
    case Column::Id:
        return QStringLiteral("team_id");
    case Column::Created:
        return QStringLiteral("created_at");
    default:
        return {};
    }
}

void TeamTableModel::sort(int column, Qt::SortOrder order) {
    const QString field = sortField(Column(column));
    if (field.isEmpty() || (field == m_sortBy && order == m_sortOrder))
        return;
    m_sortBy = field;
    m_sortOrder = order;
    if (m_whole)
        showWhole();
    else
        reload();
}

const TeamRecord *TeamTableModel::teamAt(int row) const {
    return row >= 0 && row < m_teams.size() ? &m_teams.at(row) : nullptr;
}

int TeamTableModel::rowOf(const QString &teamId) const {
    for (int row = 0; row < m_teams.size(); ++row)
        if (m_teams.at(row).teamId == teamId)
            return row;
    return -1;
}

void TeamTableModel::putTeam(const TeamRecord &team) {
    for (TeamRecord &t : m_all)
        if (t.teamId == team.teamId)
            t = team;
    const int row = rowOf(team.teamId);
    if (row >= 0) {
        TeamRecord merged = team;
        const TeamRecord &old = m_teams.at(row);
        // An action's answer may leave out the list's counts: keep them.
        if (!merged.keysCount)
            merged.keysCount = old.keysCount;
        if (!merged.membersCount && merged.members.isEmpty())
            merged.membersCount = old.membersCount;
        m_teams[row] = merged;
        emit dataChanged(index(row, 0), index(row, kColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_teams.prepend(team);
    m_seen.insert(team.teamId);
    endInsertRows();
    if (m_total)
        ++*m_total;
    emit countChanged();
}

void TeamTableModel::removeTeam(const QString &teamId) {
    m_all.removeIf([&](const TeamRecord &t) { return t.teamId == teamId; });
    const int row = rowOf(teamId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_teams.removeAt(row);
    endRemoveRows();
    if (m_total && *m_total > 0)
        --*m_total;
    emit countChanged();
}

int TeamTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_teams.size());
}

int TeamTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QString TeamTableModel::spendText(const TeamRecord &t) {
    if (!t.maxBudget)
        return tr("%1 · no budget").arg(formatUsd(t.spend));
    return tr("%1 of %2").arg(formatUsd(t.spend), formatUsd(*t.maxBudget));
}

QString TeamTableModel::limitsText(const TeamRecord &t) {
    const auto text = [](const std::optional<qint64> &v) { return v ? formatCount(*v) : dash(); };
    return QStringLiteral("%1 / %2").arg(text(t.tpmLimit), text(t.rpmLimit));
}

QString TeamTableModel::risksText(const TeamRecord &t) {
    QStringList labels;
    for (TeamRisk risk : teamrisk::risks(t))
        labels << teamrisk::label(risk);
    return labels.join(QStringLiteral(", "));
}

QVariant TeamTableModel::data(const QModelIndex &index, int role) const {
    const TeamRecord *t = index.isValid() ? teamAt(index.row()) : nullptr;
    if (!t)
        return {};
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(*t, column);
    case SortRole:
        return sortValue(*t, column);
    case TeamIdRole:
        return t->teamId;
    case RisksRole:
        return teamrisk::names(teamrisk::risks(*t));
    case SpendShareRole:
        if (column == Column::Spend && t->maxBudget && *t->maxBudget > 0)
            return t->spend / *t->maxBudget;
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::Members || column == Column::Keys || column == Column::Spend ||
            column == Column::Limits)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == Column::Created && t->createdAt.isValid())
            return LeaseTableModel::formatUtc(t->createdAt);
        if (column == Column::Reset && t->budgetResetAt.isValid())
            return LeaseTableModel::formatUtc(t->budgetResetAt);
        if (column == Column::Limits)
            return tr("Tokens per minute / requests per minute");
        if (column == Column::Models)
            return teammodels::describe(*t);
        return {};
    default:
        return {};
    }
}

QVariant TeamTableModel::display(const TeamRecord &t, Column column) const {
    switch (column) {
    case Column::Alias:
        return t.teamAlias.isEmpty() ? tr("(no alias)") : t.teamAlias;
    case Column::Id:
        return t.teamId;
    case Column::Members:
        return formatCount(membersOf(t));
    case Column::Keys:
        return t.keysCount ? formatCount(*t.keysCount) : dash();
    case Column::Models:
        return teammodels::describe(t);
    case Column::Spend:
        return spendText(t);
    case Column::Reset:
        if (t.budgetResetAt.isValid())
            return KeyTableModel::relativeTime(t.budgetResetAt, QDateTime::currentDateTimeUtc());
        return t.budgetDuration.isEmpty() ? dash() : t.budgetDuration;
    case Column::Limits:
        return limitsText(t);
    case Column::Blocked:
        return t.isBlocked() ? tr("Blocked") : QString();
    case Column::Created:
        return t.createdAt.isValid() ? LeaseTableModel::formatLocal(t.createdAt) : dash();
    case Column::Risks:
        return risksText(t);
    }
    return {};
}

QVariant TeamTableModel::sortValue(const TeamRecord &t, Column column) const {
    switch (column) {
    case Column::Members:
        return membersOf(t);
    case Column::Keys:
        return t.keysCount ? QVariant(*t.keysCount) : QVariant();
    case Column::Spend:
        return t.spend;
    case Column::Reset:
        return t.budgetResetAt;
    case Column::Blocked:
        return t.isBlocked();
    case Column::Created:
        return t.createdAt;
    default:
        return display(t, column);
    }
}

QVariant TeamTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    if (role == Qt::ToolTipRole && sortField(Column(section)).isEmpty())
        return tr("The proxy cannot sort by this column");
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::Alias:
        return tr("Team");
    case Column::Id:
        return tr("Team ID");
    case Column::Members:
        return tr("Members");
    case Column::Keys:
        return tr("Keys");
    case Column::Models:
        return tr("Models");
    case Column::Spend:
        return tr("Spend");
    case Column::Reset:
        return tr("Budget reset");
    case Column::Limits:
        return tr("TPM / RPM");
    case Column::Blocked:
        return tr("Blocked");
    case Column::Created:
        return tr("Created");
    case Column::Risks:
        return tr("Risks");
    }
    return {};
}
