#include "KeyFilterProxy.h"

#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyDirectory.h"

KeyFilterProxy::KeyFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent) {
    setDynamicSortFilter(false);
}

void KeyFilterProxy::setKeyModel(KeyTableModel *model) {
    m_model = model;
    setSourceModel(model);
}

void KeyFilterProxy::setTextFilter(const QString &text) {
    const QString trimmed = text.simplified();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    m_words = trimmed.isEmpty() ? QStringList() : trimmed.split(u' ');
    invalidateFilter();
}

void KeyFilterProxy::setRiskFilter(const QSet<KeyRisk> &risks) {
    if (risks == m_risks)
        return;
    m_risks = risks;
    invalidateFilter();
}

void KeyFilterProxy::setRecentlyUsedFilter(bool on) {
    if (on == m_recentlyUsed)
        return;
    m_recentlyUsed = on;
    invalidateFilter();
}

bool KeyFilterProxy::accepts(const KeyRecord &k, const QDateTime &now) const {
    if (m_recentlyUsed && !keyrisk::isRecentlyUsed(k, now))
        return false;
    for (const QString &word : m_words) {
        const bool found =
            k.keyAlias.contains(word, Qt::CaseInsensitive) || k.keyName.contains(word, Qt::CaseInsensitive) ||
            k.token.startsWith(word, Qt::CaseInsensitive) || k.teamId.contains(word, Qt::CaseInsensitive) ||
            k.teamAlias.contains(word, Qt::CaseInsensitive) || k.userId.contains(word, Qt::CaseInsensitive) ||
            k.userEmail.contains(word, Qt::CaseInsensitive) ||
            k.models.join(u' ').contains(word, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    if (m_risks.isEmpty())
        return true;
    for (KeyRisk r : keyrisk::risks(k, now, m_model ? m_model->budgets().ladder(k) : BudgetLadder()))
        if (m_risks.contains(r))
            return true;
    return false;
}

bool KeyFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    if (sourceParent.isValid() || !m_model)
        return false;
    const KeyRecord *k = m_model->keyAt(sourceRow);
    if (!k)
        return false;
    if (m_words.isEmpty() && m_risks.isEmpty() && !m_recentlyUsed)
        return true;
    const QDateTime now =
        m_model->directory() ? m_model->directory()->now() : QDateTime::currentDateTimeUtc();
    return accepts(*k, now);
}

void KeyFilterProxy::sort(int column, Qt::SortOrder order) {
    // The order is the proxy's: rows stay in the order they arrived.
    if (m_model)
        m_model->sort(column, order);
}
