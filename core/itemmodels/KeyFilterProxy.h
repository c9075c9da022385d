#pragma once

#include "core/keys/KeyRisk.h"

#include <QSet>
#include <QSortFilterProxyModel>

class KeyTableModel;

// Narrows the keys already loaded: a quick text filter (alias, masked key, hash, team, user, models;
// every word must match) and risk flags (a key shows when it has any of the chosen risks). It never
// sorts: sort() is passed to the KeyTableModel, which asks the proxy for the order.
class KeyFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit KeyFilterProxy(QObject *parent = nullptr);

    void setKeyModel(KeyTableModel *model);
    KeyTableModel *keyModel() const { return m_model; }

    QString textFilter() const { return m_text; }
    void setTextFilter(const QString &text);
    QSet<KeyRisk> riskFilter() const { return m_risks; }
    void setRiskFilter(const QSet<KeyRisk> &risks);
    // Only keys used in the last 30 days (keyrisk::isRecentlyUsed), on top of the other filters.
    bool recentlyUsedFilter() const { return m_recentlyUsed; }
    void setRecentlyUsedFilter(bool on);

    // The same test for a record outside the model (an export).
    bool accepts(const KeyRecord &key, const QDateTime &now) const;

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    KeyTableModel *m_model = nullptr;
    QString m_text;
    QStringList m_words;
    QSet<KeyRisk> m_risks;
    bool m_recentlyUsed = false;
};
