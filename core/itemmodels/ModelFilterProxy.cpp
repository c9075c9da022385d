#include "ModelFilterProxy.h"

#include "core/itemmodels/ModelTableModel.h"

namespace {

// The C locale's collation is plain code-point order, which knows nothing of numbers; fall back to
// English there so "gpt-4o" still sorts before "gpt-40-mini".
QLocale collationLocale() {
    const QLocale locale;
    return locale.language() == QLocale::C ? QLocale(QLocale::English) : locale;
}

} // namespace

ModelFilterProxy::ModelFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_collator(collationLocale()) {
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(ModelTableModel::SortRole);
}

void ModelFilterProxy::setTextFilter(const QString &text) {
    const QString trimmed = text.simplified();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    m_words = trimmed.isEmpty() ? QStringList() : trimmed.split(u' ');
    invalidateRowsFilter();
}

void ModelFilterProxy::setModeFilter(const QString &mode) {
    if (mode == m_mode)
        return;
    m_mode = mode;
    invalidateRowsFilter();
}

bool ModelFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const {
    const auto *source = qobject_cast<const ModelTableModel *>(sourceModel());
    if (!source || sourceParent.isValid())
        return true;
    const ModelInfo *m = source->modelAt(sourceRow);
    if (!m)
        return false;
    if (!m_mode.isEmpty() && m->mode.compare(m_mode, Qt::CaseInsensitive) != 0)
        return false;
    for (const QString &word : m_words) {
        const bool found = m->modelName.contains(word, Qt::CaseInsensitive) ||
                           m->provider.contains(word, Qt::CaseInsensitive) ||
                           m->mode.contains(word, Qt::CaseInsensitive) ||
                           m->litellmModel.contains(word, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    return true;
}

bool ModelFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const {
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    // Missing values go last whichever way the column is sorted.
    if (!l.isValid() || !r.isValid()) {
        if (l.isValid() == r.isValid())
            return false;
        const bool leftMissing = !l.isValid();
        return sortOrder() == Qt::AscendingOrder ? !leftMissing : leftMissing;
    }
    if (l.typeId() == QMetaType::QString || r.typeId() == QMetaType::QString)
        return m_collator.compare(l.toString(), r.toString()) < 0;
    return l.toDouble() < r.toDouble();
}
