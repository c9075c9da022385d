#pragma once

#include "core/index/KeyJournal.h"

#include <QAbstractTableModel>
#include <QList>

// Entries of the key index's changes journal as a table, newest first. Qt::DisplayRole gives text for
// people (local times, "created"), RawRole the values an export writes (UTC ISO times).
class JournalModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { At, Kind, Key, Team, Field, Old, New, Source };
    static constexpr int kColumnCount = 8;
    enum Role { RawRole = Qt::UserRole + 1, TokenRole, FieldNameRole };

    explicit JournalModel(QObject *parent = nullptr);

    // Entries oldest first, as KeyJournal::entries() gives them; `teamId` keeps only that team's.
    void setEntries(const QList<JournalEntry> &entries, const QString &teamId = {});
    const JournalEntry &entryAt(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<JournalEntry> m_entries; // newest first
};
