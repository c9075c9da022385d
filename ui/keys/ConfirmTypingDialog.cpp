#include "ConfirmTypingDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

ConfirmTypingDialog::ConfirmTypingDialog(const QString &title, const QString &message,
                                         const QStringList &accepted, const QString &confirmText,
                                         QWidget *parent)
    : QDialog(parent)
    , m_accepted(accepted) {
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(title);
    auto *text = new QLabel(message, this);
    text->setObjectName(QStringLiteral("confirmMessage"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::PlainText);
    auto *ask = new QLabel(accepted.size() == 1 ? tr("Type %1 to confirm:").arg(accepted.first())
                                                : tr("Type %1 to confirm:").arg(accepted.join(tr(" or "))),
                           this);
    ask->setTextFormat(Qt::PlainText);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("confirmInput"));
    ask->setBuddy(m_input);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(confirmText, QDialogButtonBox::DestructiveRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setEnabled(false);
    connect(m_input, &QLineEdit::textChanged, this,
            [this](const QString &t) { m_confirm->setEnabled(m_accepted.contains(t.trimmed())); });
    connect(m_confirm, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(ask);
    layout->addWidget(m_input);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}
