#include "ErrorBanner.h"

#include "ui/TextStyle.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("errorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    textstyle::setNotice(this, textstyle::Tone::Error);

    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_LargeIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("errorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_message->font();
    bold.setBold(true);
    m_message->setFont(bold);

    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("errorHint"));
    m_hint->setWordWrap(true);

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("errorDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->hide();

    m_detailsButton = new QToolButton(this);
    m_detailsButton->setObjectName(QStringLiteral("errorDetailsButton"));
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_detailsButton->setAutoRaise(true);
    connect(m_detailsButton, &QToolButton::toggled, m_detail, &QLabel::setVisible);

    m_retry = new QPushButton(tr("Retry"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    connect(m_retry, &QPushButton::clicked, this, &ErrorBanner::retryRequested);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_message);
    text->addWidget(m_hint);
    text->addWidget(m_detail);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_detailsButton, 0, Qt::AlignRight);
    buttons->addStretch();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(icon);
    layout->addLayout(text, 1);
    layout->addLayout(buttons);
    hide();
}

void ErrorBanner::showError(const ApiError &error) {
    QString detail = kindName(error.kind);
    if (error.httpStatus)
        detail += QStringLiteral(" · HTTP %1").arg(error.httpStatus);
    if (!error.type.isEmpty())
        detail += QStringLiteral(" · ") + error.type;
    if (!error.detail.isEmpty())
        detail += u'\n' + error.detail;
    showProblem(error.message.isEmpty() ? tr("The request failed.") : error.message, error.hint, detail);
}

void ErrorBanner::showProblem(const QString &message, const QString &hint, const QString &detail) {
    m_message->setText(message);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_detail->setText(detail);
    m_detailsButton->setVisible(!detail.isEmpty());
    m_detailsButton->setChecked(false);
    m_retry->setEnabled(true);
    show();
}

void ErrorBanner::clear() {
    hide();
}
