#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>

// Sorting and filtering over a ModelTableModel. Sorts on ModelTableModel::SortRole: text with a
// numeric, case-insensitive collator ("gpt-4" before "gpt-40"), numbers as numbers, and rows with no
// value last in either order. The text filter keeps rows whose name, provider, mode or LiteLLM model
// contain every word typed; the mode filter keeps one mode.
class ModelFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit ModelFilterProxy(QObject *parent = nullptr);

    QString textFilter() const { return m_text; }
    void setTextFilter(const QString &text);

    QString modeFilter() const { return m_mode; }
    // Empty keeps every mode.
    void setModeFilter(const QString &mode);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QStringList m_words;
    QString m_mode;
    QCollator m_collator;
};
