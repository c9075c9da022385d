#include "JournalModel.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>

JournalModel::JournalModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void JournalModel::setEntries(const QList<JournalEntry> &entries, const QString &teamId) {
    beginResetModel();
    m_entries.clear();
    for (const JournalEntry &e : entries)
        if (teamId.isEmpty() || e.teamId == teamId)
            m_entries << e;
    std::reverse(m_entries.begin(), m_entries.end());
    endResetModel();
}

int JournalModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

int JournalModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant JournalModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_entries.size() || index.column() >= kColumnCount)
        return {};
    const JournalEntry &e = m_entries.at(index.row());
    if (role == TokenRole)
        return e.token;
    if (role != Qt::DisplayRole && role != RawRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Column::At:
        if (role == Qt::DisplayRole)
            return QLocale().toString(e.at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        return e.at.toTimeZone(QTimeZone::utc()).toString(Qt::ISODateWithMs);
    case Column::Kind:
        return JournalEntry::kindName(e.kind);
    case Column::Key:
        if (role == Qt::DisplayRole)
            return e.keyAlias.isEmpty() ? e.token.left(12) + u'…' : e.keyAlias;
        return role == RawRole ? e.token : e.token + u'\n' + e.keyAlias;
    case Column::Team:
        return e.teamId;
    case Column::Field:
        return e.kind == JournalEntry::Kind::Spend ? QStringLiteral("spend") : e.field;
    case Column::Old:
        return e.oldValue;
    case Column::New:
        if (e.kind == JournalEntry::Kind::Spend && role == Qt::DisplayRole)
            return tr("+%1").arg(QLocale().toString(e.spendDelta(), 'f', 2));
        return e.newValue;
    case Column::Source:
        return e.source;
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return {};
    if (role == FieldNameRole) {
        static const char *const fields[] = {"at",    "kind",      "token",     "team_id",
                                             "field", "old_value", "new_value", "source"};
        return QString::fromLatin1(fields[section]);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Column::At:
        return tr("When");
    case Column::Kind:
        return tr("Change");
    case Column::Key:
        return tr("Key");
    case Column::Team:
        return tr("Team");
    case Column::Field:
        return tr("Field");
    case Column::Old:
        return tr("Before");
    case Column::New:
        return tr("After");
    case Column::Source:
        return tr("Seen by");
    }
    return {};
}
