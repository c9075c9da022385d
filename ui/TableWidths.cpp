#include "TableWidths.h"

#include <QEvent>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <utility>

TableWidths *TableWidths::fit(QTableView *view, int maxContentWidth) {
    auto *widths = new TableWidths(view, maxContentWidth);
    widths->refit();
    return widths;
}

TableWidths::TableWidths(QTableView *view, int maxContentWidth)
    : QObject(view)
    , m_view(view)
    , m_maxContentWidth(maxContentWidth > 0 ? maxContentWidth
                                            : view->fontMetrics().averageCharWidth() * kMaxContentChars) {
    setObjectName(QStringLiteral("tableWidths"));
    const QHeaderView *header = view->horizontalHeader();
    for (int c = 0; c < header->count(); ++c)
        m_floor << (header->sectionSize(c) != header->defaultSectionSize() ? header->sectionSize(c) : 0);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &TableWidths::refitLater);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first) {
            if (!parent.isValid() && first == 0)
                refitLater();
        });
        connect(model, &QAbstractItemModel::headerDataChanged, this, &TableWidths::refitLater);
    }
    view->installEventFilter(this);
}

bool TableWidths::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_view && event->type() == QEvent::Show)
        refitLater();
    return QObject::eventFilter(watched, event);
}

void TableWidths::refitLater() {
    // Once the view has laid out the new rows, and once for a burst of changes.
    if (std::exchange(m_pending, true))
        return;
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        refit();
    });
}

int TableWidths::neededWidth(int column) const {
    const QHeaderView *header = m_view->horizontalHeader();
    const QAbstractItemModel *model = m_view->model();
    const int headerWidth = header->sectionSizeHint(column);
    int content = 0;
    if (model) {
        const int rows = model->rowCount(m_view->rootIndex());
        int first = m_view->rowAt(0);
        if (first < 0)
            first = 0;
        const int last = std::min(rows, first + kSampleRows);
        for (int r = first; r < last; ++r)
            content = std::max(
                content, m_view->sizeHintForIndex(model->index(r, column, m_view->rootIndex())).width());
        if (m_view->showGrid())
            content += 1;
    }
    return std::max({headerWidth, std::min(content, m_maxContentWidth), int(m_floor.value(column))});
}

bool TableWidths::stretches(int column) const {
    const QHeaderView *header = m_view->horizontalHeader();
    return header->sectionResizeMode(column) == QHeaderView::Stretch ||
           (header->stretchLastSection() && header->visualIndex(column) == header->count() - 1);
}

void TableWidths::refit() {
    QHeaderView *header = m_view->horizontalHeader();
    const int columns = header->count();
    // A column that takes the room left is never squeezed below its header. First, as the minimum
    // applies to every section.
    int stretchHeader = 0;
    for (int c = 0; c < columns; ++c)
        if (!header->isSectionHidden(c) && stretches(c))
            stretchHeader = std::max(stretchHeader, header->sectionSizeHint(c));
    m_fitted.resize(columns, -1);
    if (stretchHeader > header->minimumSectionSize()) {
        header->setMinimumSectionSize(stretchHeader);
        for (int c = 0; c < columns; ++c) // what the new minimum widened was not sized by hand
            if (m_fitted.at(c) >= 0 && m_fitted.at(c) < stretchHeader)
                m_fitted[c] = header->sectionSize(c);
    }
    for (int c = 0; c < columns; ++c) {
        if (header->isSectionHidden(c) || stretches(c) ||
            header->sectionResizeMode(c) != QHeaderView::Interactive)
            continue;
        const int size = header->sectionSize(c);
        if (m_fitted.at(c) >= 0 && size != m_fitted.at(c))
            continue; // sized by hand
        header->resizeSection(c, neededWidth(c));
        m_fitted[c] = header->sectionSize(c);
    }
}
