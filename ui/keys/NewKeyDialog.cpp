#include "NewKeyDialog.h"

#include "ui/RawKeyField.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

NewKeyDialog::NewKeyDialog(const QString &title, const QString &rawKey, const QString &details,
                           QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("newKeyDialog"));
    setWindowTitle(title);
    m_key = new RawKeyField(this);
    m_key->setKey(rawKey);
    auto *info = new QLabel(details, this);
    info->setObjectName(QStringLiteral("newKeyDetails"));
    info->setWordWrap(true);
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_key);
    layout->addWidget(info);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

int NewKeyDialog::clipboardClearInterval() const {
    return m_key->clipboardClearInterval();
}

void NewKeyDialog::setClipboardClearInterval(int ms) {
    m_key->setClipboardClearInterval(ms);
}

void NewKeyDialog::done(int result) {
    m_key->wipe();
    QDialog::done(result);
}
