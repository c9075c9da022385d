#include "Page.h"

#include <QLineEdit>

Page::Page(QWidget *parent)
    : QWidget(parent) {}

bool Page::focusFilter() {
    QWidget *filter = filterWidget();
    if (!filter || !filter->isEnabled())
        return false;
    filter->setFocus(Qt::ShortcutFocusReason);
    if (auto *edit = qobject_cast<QLineEdit *>(filter))
        edit->selectAll();
    return true;
}

void Page::setBusy(bool busy) {
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void Page::startWork(const QString &label) {
    m_working = true;
    emit workStarted(label);
}

void Page::setWorkProgress(qint64 done, qint64 total, const QString &label) {
    if (m_working)
        emit workProgress(done, total, label);
}

void Page::finishWork() {
    if (!std::exchange(m_working, false))
        return;
    emit workFinished();
}
