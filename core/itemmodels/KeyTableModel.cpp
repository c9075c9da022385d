#include "KeyTableModel.h"

#include "core/format/Count.h"
#include "core/format/Money.h"
#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyRisk.h"

#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace {

QString dash() {
    return QStringLiteral("—");
}

QString localText(const QDateTime &t) {
    return QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString utcText(const QDateTime &t) {
    return t.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString statusLabel(KeyStatus status) {
    switch (status) {
    case KeyStatus::Active:
        return KeyTableModel::tr("Active");
    case KeyStatus::Expired:
        return KeyTableModel::tr("Expired");
    case KeyStatus::Blocked:
        return KeyTableModel::tr("Blocked");
    case KeyStatus::Deleted:
        return KeyTableModel::tr("Deleted");
    }
    return {};
}

QString limit(std::optional<qint64> value) {
    return value ? formatCount(*value) : dash();
}

} // namespace

KeyTableModel::KeyTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void KeyTableModel::setDirectory(KeyDirectory *directory) {
    if (m_directory)
        disconnect(m_directory, nullptr, this, nullptr);
    beginResetModel();
    m_directory = directory;
    m_rows = directory ? directory->keys() : QList<KeyRecord>{};
    endResetModel();
    if (!directory)
        return;
    connect(directory, &KeyDirectory::reset, this, [this] {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    });
    connect(directory, &KeyDirectory::keysAppended, this, [this](qsizetype first, qsizetype last) {
        // The directory may have been reset and refilled since: take what it holds from our end.
        const QList<KeyRecord> &keys = m_directory->keys();
        first = m_rows.size();
        last = keys.size() - 1;
        if (last < first)
            return;
        beginInsertRows({}, int(first), int(last));
        m_rows.append(keys.mid(first, last - first + 1));
        endInsertRows();
    });
    connect(directory, &KeyDirectory::keyChanged, this, [this](qsizetype row) {
        if (row < 0 || row >= m_rows.size() || row >= m_directory->keys().size())
            return;
        m_rows[row] = m_directory->keys().at(row);
        emit dataChanged(index(int(row), 0), index(int(row), kColumnCount - 1));
    });
    connect(directory, &KeyDirectory::keyRemoved, this, [this](qsizetype row) {
        if (row < 0 || row >= m_rows.size())
            return;
        beginRemoveRows({}, int(row), int(row));
        m_rows.removeAt(row);
        endRemoveRows();
    });
}

KeyDirectory *KeyTableModel::directory() const {
    return m_directory;
}

void KeyTableModel::setTeamAliases(const QHash<QString, QString> &aliases) {
    m_teamAliases = aliases;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, int(Column::Team)), index(int(m_rows.size()) - 1, int(Column::Team)));
}

const KeyRecord *KeyTableModel::keyAt(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int KeyTableModel::rowOfToken(const QString &token) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).token == token)
            return i;
    return -1;
}

int KeyTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

bool KeyTableModel::canFetchMore(const QModelIndex &parent) const {
    return !parent.isValid() && m_directory && m_directory->canFetchMore();
}

void KeyTableModel::fetchMore(const QModelIndex &parent) {
    if (canFetchMore(parent))
        m_directory->fetchMore();
}

QString KeyTableModel::sortField(Column column) {
    switch (column) {
    case Column::Alias:
        return QStringLiteral("key_alias");
    case Column::Key:
        return QStringLiteral("token");
    case Column::Spend:
        return QStringLiteral("spend");
    case Column::Created:
        return QStringLiteral("created_at");
    default:
        return {};
    }
}

bool KeyTableModel::isSortable(int column) {
    if (column < 0 || column >= kColumnCount)
        return false;
    const QString field = sortField(Column(column));
    return !field.isEmpty() && KeyFilter::sortFields().contains(field);
}

void KeyTableModel::sort(int column, Qt::SortOrder order) {
    if (!m_directory || !isSortable(column))
        return;
    KeyFilter f = m_directory->filter();
    const QString field = sortField(Column(column));
    if (f.sortBy == field && f.sortOrder == order && m_directory->pagesLoaded() > 0)
        return;
    f.sortBy = field;
    f.sortOrder = order;
    m_directory->setFilter(f);
    m_directory->reload();
}

QDateTime KeyTableModel::now() const {
    return m_directory ? m_directory->now() : QDateTime::currentDateTimeUtc();
}

QString KeyTableModel::relativeTime(const QDateTime &when, const QDateTime &now) {
    const qint64 s = now.secsTo(when);
    const qint64 a = std::abs(s);
    if (a < 60)
        return tr("just now");
    const auto count = [](qint64 n, const char *one, const char *many) {
        return n == 1 ? tr(one) : tr(many).arg(n);
    };
    QString amount;
    if (a < 3600)
        amount = count(a / 60, QT_TR_NOOP("1 minute"), QT_TR_NOOP("%1 minutes"));
    else if (a < 86400)
        amount = count(a / 3600, QT_TR_NOOP("1 hour"), QT_TR_NOOP("%1 hours"));
    else if (a < 86400LL * 60)
        amount = count(a / 86400, QT_TR_NOOP("1 day"), QT_TR_NOOP("%1 days"));
    else if (a < 86400LL * 730)
        amount = count(a / (86400LL * 30), QT_TR_NOOP("1 month"), QT_TR_NOOP("%1 months"));
    else
        amount = count(a / (86400LL * 365), QT_TR_NOOP("1 year"), QT_TR_NOOP("%1 years"));
    return s > 0 ? tr("in %1").arg(amount) : tr("%1 ago").arg(amount);
}

QString KeyTableModel::countText() const {
    const qsizetype loaded = m_rows.size();
    const auto total = m_directory ? m_directory->totalCount() : std::nullopt;
    if (loaded == 0 && total.value_or(0) == 0 && m_directory && m_directory->pagesLoaded() > 0)
        return tr("No keys"); // none listed, or the last one just deleted
    if (!total)
        return loaded == 1 ? tr("Loaded 1 key") : tr("Loaded %1 keys").arg(formatCount(loaded));
    return tr("Loaded %1 of %2 keys").arg(formatCount(loaded), formatCount(*total));
}

QString KeyTableModel::teamName(const KeyRecord &k, const QHash<QString, QString> &teamAliases) {
    if (!k.teamAlias.isEmpty())
        return k.teamAlias;
    return teamAliases.value(k.teamId, k.teamId);
}

QVariant KeyTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= kColumnCount)
        return {};
    return cell(m_rows.at(index.row()), index.column(), role, now(), m_teamAliases, m_budgets);
}

void KeyTableModel::setBudgets(const BudgetBook &budgets) {
    m_budgets = budgets;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, kColumnCount - 1));
}

QVariant KeyTableModel::limitedBy(const KeyRecord &k, int role, const BudgetBook &budgets) {
    if (k.hashOnly || !budgets.isRead()) {
        if (role == Qt::DisplayRole)
            return dash();
        if (role == Qt::ToolTipRole && !k.hashOnly)
            return tr("Team, user and proxy budgets have not been read yet");
        return {};
    }
    const BudgetLadder ladder = budgets.ladder(k);
    const auto limit = ladder.limitedBy();
    switch (role) {
    case Qt::DisplayRole:
        return limit ? budgetladder::brief(ladder, true) : dash();
    case Qt::ToolTipRole: {
        QStringList lines{budgetladder::explain(ladder)};
        lines << budgets.warnings << tr("Budgets read %1").arg(utcText(budgets.readAt));
        return lines.join(u'\n');
    }
    case SortRole:
        return limit ? QVariant(limit->remaining()) : QVariant();
    case SpendShareRole:
        return limit && limit->maxBudget > 0 ? QVariant(limit->spend / limit->maxBudget) : QVariant();
    default:
        return {};
    }
}

QVariant KeyTableModel::cell(const KeyRecord &k, int col, int role, const QDateTime &now,
                             const QHash<QString, QString> &teamAliases, const BudgetBook &budgets) {
    if (col < 0 || col >= kColumnCount)
        return {};
    const auto column = Column(col);
    if (column == Column::LimitedBy && role != TokenRole && role != RisksRole)
        return limitedBy(k, role, budgets);
    if (column == Column::Risks && (role == Qt::DisplayRole || role == SortRole)) {
        const QList<KeyRisk> risks = keyrisk::risks(k, now, budgets.ladder(k));
        if (role == SortRole)
            return int(risks.size());
        QStringList labels;
        for (KeyRisk r : risks)
            labels << keyrisk::label(r);
        return labels.join(QStringLiteral(", "));
    }
    switch (role) {
    case Qt::DisplayRole:
        return display(k, column, now, teamAliases);
    case SortRole:
        return sortValue(k, column, now, teamAliases);
    case Qt::ToolTipRole:
        return toolTip(k, column, budgets);
    case TokenRole:
        return k.token;
    case SpendShareRole:
        if (column == Column::Spend && k.maxBudget && *k.maxBudget > 0)
            return k.spend / *k.maxBudget;
        return {};
    case RisksRole: {
        QVariantList out;
        for (KeyRisk r : keyrisk::risks(k, now, budgets.ladder(k)))
            out << int(r);
        return out;
    }
    case Qt::TextAlignmentRole:
        if (column == Column::Spend || column == Column::Limits)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant KeyTableModel::display(const KeyRecord &k, Column column, const QDateTime &now,
                                const QHash<QString, QString> &teamAliases) {
    if (k.hashOnly && column != Column::Key)
        return dash();
    switch (column) {
    case Column::Alias:
        return k.keyAlias.isEmpty() ? dash() : k.keyAlias;
    case Column::Key:
        return k.keyName.isEmpty() ? k.token.left(12) + u'…' : k.keyName;
    case Column::Team:
        return k.teamId.isEmpty() ? dash() : teamName(k, teamAliases);
    case Column::User:
        return !k.userEmail.isEmpty() ? k.userEmail : (k.userId.isEmpty() ? dash() : k.userId);
    case Column::Models:
        return k.modelsText();
    case Column::Spend:
        return k.maxBudget ? QStringLiteral("%1 / %2").arg(formatUsd(k.spend), formatUsd(*k.maxBudget))
                           : formatUsd(k.spend);
    case Column::BudgetReset:
        if (!k.budgetResetAt.isValid())
            return k.budgetDuration.isEmpty() ? dash() : k.budgetDuration;
        return relativeTime(k.budgetResetAt, now);
    case Column::Expires:
        if (!k.expires.isValid())
            return tr("Never");
        return QStringLiteral("%1 (%2)").arg(relativeTime(k.expires, now), localText(k.expires));
    case Column::Created:
        return k.createdAt.isValid() ? localText(k.createdAt) : dash();
    case Column::LastActive:
        return k.lastActive.isValid() ? relativeTime(k.lastActive, now) : dash();
    case Column::Limits:
        if (!k.tpmLimit && !k.rpmLimit)
            return dash();
        return QStringLiteral("%1 / %2").arg(limit(k.tpmLimit), limit(k.rpmLimit));
    case Column::Status:
        return statusLabel(keyrisk::status(k, now));
    case Column::LimitedBy: // cell() answers these two with the budgets
    case Column::Risks:
        return {};
    }
    return {};
}

QVariant KeyTableModel::sortValue(const KeyRecord &k, Column column, const QDateTime &now,
                                  const QHash<QString, QString> &teamAliases) {
    switch (column) {
    case Column::Alias:
        return k.keyAlias;
    case Column::Key:
        return k.token;
    case Column::Team:
        return teamName(k, teamAliases);
    case Column::User:
        return k.userId;
    case Column::Models:
        return k.models.join(u',');
    case Column::Spend:
        return k.spend;
    case Column::BudgetReset:
        return k.budgetResetAt;
    case Column::Expires:
        return k.expires;
    case Column::Created:
        return k.createdAt;
    case Column::LastActive:
        return k.lastActive;
    case Column::Limits:
        return k.tpmLimit ? QVariant(*k.tpmLimit) : QVariant();
    case Column::Status:
        return keyrisk::name(keyrisk::status(k, now));
    case Column::LimitedBy: // cell() answers these two with the budgets
    case Column::Risks:
        return {};
    }
    return {};
}

QVariant KeyTableModel::toolTip(const KeyRecord &k, Column column, const BudgetBook &budgets) {
    auto dated = [](const QDateTime &t) { return t.isValid() ? QVariant(utcText(t)) : QVariant(); };
    switch (column) {
    case Column::Key:
        return k.token;
    case Column::Team:
        return k.teamId.isEmpty() ? QVariant() : QVariant(k.teamId);
    case Column::Spend:
        if (k.maxBudget && *k.maxBudget > 0)
            return tr("%1% of the budget%2")
                .arg(QString::number(100.0 * k.spend / *k.maxBudget, 'f', 0))
                .arg(k.budgetDuration.isEmpty() ? QString() : tr(", reset every %1").arg(k.budgetDuration));
        return tr("No budget");
    case Column::BudgetReset:
        return dated(k.budgetResetAt);
    case Column::Expires:
        return k.expires.isValid() ? QVariant(utcText(k.expires)) : QVariant(tr("This key never expires"));
    case Column::Created:
        return dated(k.createdAt);
    case Column::LastActive:
        return k.lastActive.isValid() ? QVariant(utcText(k.lastActive))
                                      : QVariant(tr("The proxy does not say when this key was last used"));
    case Column::Limits:
        return tr("Tokens per minute / requests per minute");
    case Column::Risks:
        if (const auto limit = budgets.ladder(k).limitedBy(); limit && limit->isExhausted())
            return budgetladder::summary(budgets.ladder(k));
        return {};
    default:
        return {};
    }
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    if (role == Qt::ToolTipRole)
        return isSortable(section) ? tr("Click to sort on the proxy")
                                   : tr("The proxy cannot sort by this column");
    if (role != Qt::DisplayRole)
        return {};
    return columnTitle(Column(section));
}

QString KeyTableModel::columnTitle(Column column) {
    switch (column) {
    case Column::Alias:
        return tr("Alias");
    case Column::Key:
        return tr("Key");
    case Column::Team:
        return tr("Team");
    case Column::User:
        return tr("User");
    case Column::Models:
        return tr("Models");
    case Column::Spend:
        return tr("Spend / budget");
    case Column::LimitedBy:
        return tr("Limited by");
    case Column::BudgetReset:
        return tr("Budget reset");
    case Column::Expires:
        return tr("Expires");
    case Column::Created:
        return tr("Created");
    case Column::LastActive:
        return tr("Last active");
    case Column::Limits:
        return tr("TPM / RPM");
    case Column::Status:
        return tr("Status");
    case Column::Risks:
        return tr("Risks");
    }
    return {};
}
