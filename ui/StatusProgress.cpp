#include "StatusProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

StatusProgress::StatusProgress(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("statusProgress"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("statusProgressLabel"));
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("statusProgressBar"));
    m_bar->setMaximumWidth(180);
    m_bar->setMaximumHeight(fontMetrics().height() + 2);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Progress"));
    m_cancel = new QToolButton(this);
    m_cancel->setObjectName(QStringLiteral("statusProgressCancel"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel (Esc)"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_cancel, &QToolButton::clicked, this, &StatusProgress::cancel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void StatusProgress::start(const QObject *owner, const QString &label, std::function<void()> cancel) {
    const bool wasActive = isActive();
    m_tasks.removeIf([owner](const Task &t) { return t.owner == owner; });
    m_tasks.append({owner, label, 0, 0, std::move(cancel)});
    showLast();
    if (!wasActive)
        emit activeChanged(true);
}

void StatusProgress::setProgress(const QObject *owner, qint64 done, qint64 total, const QString &label) {
    Task *task = find(owner);
    if (!task)
        return;
    task->done = done;
    task->total = total;
    if (!label.isEmpty())
        task->label = label;
    if (task == &m_tasks.last())
        showLast();
}

void StatusProgress::finish(const QObject *owner) {
    if (!find(owner))
        return;
    m_tasks.removeIf([owner](const Task &t) { return t.owner == owner; });
    showLast();
    if (!isActive())
        emit activeChanged(false);
}

QString StatusProgress::label() const {
    return m_tasks.isEmpty() ? QString() : m_tasks.last().label;
}

void StatusProgress::cancel() {
    if (m_tasks.isEmpty() || !m_tasks.last().cancel)
        return;
    const Task task = m_tasks.last();
    finish(task.owner);
    task.cancel();
}

StatusProgress::Task *StatusProgress::find(const QObject *owner) {
    const auto it =
        std::find_if(m_tasks.begin(), m_tasks.end(), [owner](const Task &t) { return t.owner == owner; });
    return it == m_tasks.end() ? nullptr : &*it;
}

void StatusProgress::showLast() {
    if (m_tasks.isEmpty()) {
        hide();
        return;
    }
    const Task &task = m_tasks.last();
    m_label->setText(task.label);
    if (task.total <= 0) {
        m_bar->setRange(0, 0); // busy until the total is known
    } else {
        // QProgressBar takes ints; scale large totals down.
        const qint64 scale = std::max<qint64>(1, task.total / 1'000'000);
        m_bar->setRange(0, int(task.total / scale));
        m_bar->setValue(int(std::min(task.done, task.total) / scale));
    }
    m_cancel->setVisible(bool(task.cancel));
    show();
}
