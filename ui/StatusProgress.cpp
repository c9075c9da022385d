#include "StatusProgress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

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
    m_cancel->setToolTip(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel"));
    connect(m_cancel, &QToolButton::clicked, this, &StatusProgress::cancel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    hide();
}

void StatusProgress::start(const QString &label, std::function<void()> cancel) {
    m_onCancel = std::move(cancel);
    m_active = true;
    m_label->setText(label);
    m_bar->setRange(0, 0); // busy until the total is known
    m_cancel->setVisible(bool(m_onCancel));
    show();
    emit activeChanged(true);
}

void StatusProgress::setProgress(qint64 done, qint64 total, const QString &label) {
    if (!m_active)
        return;
    if (!label.isEmpty())
        m_label->setText(label);
    if (total <= 0) {
        m_bar->setRange(0, 0);
        return;
    }
    // QProgressBar takes ints; scale large totals down.
    const qint64 scale = std::max<qint64>(1, total / 1'000'000);
    m_bar->setRange(0, int(total / scale));
    m_bar->setValue(int(std::min(done, total) / scale));
}

void StatusProgress::finish() {
    m_active = false;
    m_onCancel = nullptr;
    hide();
    emit activeChanged(false);
}

QString StatusProgress::label() const {
    return m_label->text();
}

void StatusProgress::cancel() {
    if (!m_active)
        return;
    auto onCancel = std::exchange(m_onCancel, nullptr);
    finish();
    if (onCancel)
        onCancel();
}
