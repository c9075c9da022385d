#include "RawKeyField.h"

#include "ui/ClipboardGuard.h"
#include "ui/TextStyle.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

RawKeyField::RawKeyField(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("rawKeyField"));
    auto *once =
        new QLabel(tr("Copy the key now: it is shown once and LiteLLM Desk does not keep it."), this);
    once->setWordWrap(true);
    m_rawKey = new QLineEdit(this);
    m_rawKey->setObjectName(QStringLiteral("rawKey"));
    m_rawKey->setAccessibleName(tr("New key"));
    m_rawKey->setReadOnly(true);
    m_rawKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyButton"));
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("copiedNote"));
    textstyle::setMuted(m_copied);
    connect(copy, &QPushButton::clicked, this, &RawKeyField::copyKey);

    auto *row = new QHBoxLayout;
    row->addWidget(m_rawKey, 1);
    row->addWidget(copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(once);
    layout->addLayout(row);
    layout->addWidget(m_copied);
}

void RawKeyField::setKey(const QString &rawKey) {
    m_rawKey->setText(rawKey);
    m_rawKey->setCursorPosition(0);
}

void RawKeyField::wipe() {
    m_rawKey->setText(QString(m_rawKey->text().size(), u' '));
    m_rawKey->clear();
}

void RawKeyField::copyKey() {
    if (const QString told = copySecret(m_rawKey->text(), m_clipboardClearMs); !told.isEmpty())
        m_copied->setText(told);
}
