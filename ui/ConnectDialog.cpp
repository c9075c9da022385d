#include "ConnectDialog.h"

#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a LiteLLM Proxy"));
    setMinimumWidth(460);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://litellm.example.com"));

    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyEdit"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(QStringLiteral("sk-…"));
    m_key->setToolTip(tr("The master key or an admin key. It is kept in memory for this session only."));

    m_authStyle = new QComboBox(this);
    m_authStyle->setObjectName(QStringLiteral("authStyleCombo"));
    m_authStyle->addItem(QStringLiteral("Authorization: Bearer"),
                         QVariant::fromValue(int(AuthStyle::Bearer)));
    m_authStyle->addItem(QStringLiteral("x-litellm-api-key"),
                         QVariant::fromValue(int(AuthStyle::LiteLlmHeader)));
    m_authStyle->setToolTip(
        tr("Use x-litellm-api-key when a gateway in front of the proxy consumes Authorization"));

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("connectProblem"));
    textstyle::setTone(m_problem, textstyle::Tone::Error);
    m_problem->setWordWrap(true);

    auto *note = new QLabel(tr("The key is kept in memory only and forgotten when the window closes."), this);
    note->setWordWrap(true);
    textstyle::setMuted(note);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Proxy &URL:"), m_url);
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("Send key &as:"), m_authStyle);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    connect(m_key, &QLineEdit::textChanged, this, &ConnectDialog::validate);
    validate();
}

void ConnectDialog::setUrl(const QUrl &url) {
    m_url->setText(url.toString());
    m_key->setFocus();
}

void ConnectDialog::validate() {
    QString why;
    const bool urlOk = normalizeBaseUrl(m_url->text(), &why).isValid();
    m_problem->setText(urlOk || m_url->text().isEmpty() ? QString() : why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(urlOk && !m_key->text().trimmed().isEmpty());
}

void ConnectDialog::submit() {
    ClientConfig config;
    config.baseUrl = normalizeBaseUrl(m_url->text());
    config.authStyle = static_cast<AuthStyle>(m_authStyle->currentData().toInt());
    if (!config.baseUrl.isValid())
        return;
    const QString key = m_key->text().trimmed();
    m_key->clear();
    accept();
    emit connectRequested(config, key);
}
