#include "NewKeyDialog.h"

#include "ui/ClipboardGuard.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

NewKeyDialog::NewKeyDialog(const QString &title, const QString &rawKey, const QString &details,
                           QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("newKeyDialog"));
    setWindowTitle(title);
    auto *once =
        new QLabel(tr("Copy the key now: it is shown once and LiteLLM Desk does not keep it."), this);
    once->setWordWrap(true);
    m_rawKey = new QLineEdit(rawKey, this);
    m_rawKey->setObjectName(QStringLiteral("rawKey"));
    m_rawKey->setAccessibleName(tr("New key"));
    m_rawKey->setReadOnly(true);
    m_rawKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawKey->setCursorPosition(0);
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyButton"));
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("copiedNote"));
    auto *info = new QLabel(details, this);
    info->setObjectName(QStringLiteral("newKeyDetails"));
    info->setWordWrap(true);
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this, &NewKeyDialog::copyKey);

    auto *row = new QHBoxLayout;
    row->addWidget(m_rawKey, 1);
    row->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(once);
    layout->addLayout(row);
    layout->addWidget(m_copied);
    layout->addWidget(info);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

void NewKeyDialog::copyKey() {
    if (const QString told = copySecret(m_rawKey->text(), m_clipboardClearMs); !told.isEmpty())
        m_copied->setText(told);
}

void NewKeyDialog::done(int result) {
    m_rawKey->setText(QString(m_rawKey->text().size(), u' '));
    m_rawKey->clear();
    QDialog::done(result);
}
