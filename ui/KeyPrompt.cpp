#include "KeyPrompt.h"

#include "ui/TextStyle.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

KeyPrompt::KeyPrompt(const Profile &profile, Reason reason, bool keychainUsable, const QString &detail,
                     QWidget *parent)
    : QDialog(parent)
    , m_reason(reason)
    , m_keychainUsable(keychainUsable) {
    setObjectName(QStringLiteral("keyPrompt"));
    setWindowTitle(tr("Master Key for %1").arg(profile.name));
    setMinimumWidth(440);

    auto *title =
        new QLabel(tr("<b>%1</b> · %2")
                       .arg(profile.name.toHtmlEscaped(), profile.baseUrl.toDisplayString().toHtmlEscaped()),
                   this);
    title->setObjectName(QStringLiteral("keyPromptProfile"));

    auto *why = new QLabel(explain(reason, profile.name), this);
    why->setObjectName(QStringLiteral("keyPromptReason"));
    why->setWordWrap(true);
    if (reason == Reason::WrongKey || reason == Reason::KeychainError)
        textstyle::setTone(why, textstyle::Tone::Error);

    auto *more = new QLabel(detail, this);
    more->setObjectName(QStringLiteral("keyPromptDetail"));
    more->setWordWrap(true);
    textstyle::setMuted(more);
    more->setVisible(!detail.isEmpty());

    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("keyPromptEdit"));
    m_key->setAccessibleName(tr("Master key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(QStringLiteral("sk-…"));
    m_key->setClearButtonEnabled(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    if (offersKeychain()) {
        m_keychainButton =
            buttons->addButton(tr("Save in Keychain and Connect"), QDialogButtonBox::AcceptRole);
        m_keychainButton->setObjectName(QStringLiteral("keyPromptKeychainButton"));
        m_keychainButton->setToolTip(tr("The key goes to the keychain once the proxy accepts it; a key it "
                                        "refuses is not kept."));
        m_keychainButton->setDefault(true);
        connect(m_keychainButton, &QPushButton::clicked, this,
                [this] { submit(Connection::KeyStorage::Keychain); });
    }
    if (offersSessionOnly()) {
        m_sessionButton = buttons->addButton(tr("Use for This Session Only"), QDialogButtonBox::AcceptRole);
        m_sessionButton->setObjectName(QStringLiteral("keyPromptSessionButton"));
        m_sessionButton->setToolTip(
            tr("The key is kept in memory and forgotten when the app quits or you log out."));
        m_sessionButton->setDefault(!m_keychainButton);
        connect(m_sessionButton, &QPushButton::clicked, this,
                [this] { submit(Connection::KeyStorage::SessionOnly); });
    }
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto updateButtons = [this] {
        const bool typed = !m_key->text().trimmed().isEmpty();
        for (QPushButton *b : {m_keychainButton, m_sessionButton})
            if (b)
                b->setEnabled(typed);
    };
    connect(m_key, &QLineEdit::textChanged, this, updateButtons);
    updateButtons();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(why);
    layout->addWidget(more);
    layout->addWidget(m_key);
    layout->addWidget(buttons);
    m_key->setFocus();
}

void KeyPrompt::submit(Connection::KeyStorage storage) {
    const QString key = m_key->text().trimmed();
    if (key.isEmpty())
        return;
    // Wipe the field before handing the key over: the dialog keeps no copy.
    m_key->clear();
    emit keyEntered(key, storage);
    accept();
}

KeyPrompt::Reason KeyPrompt::reasonFor(const SecretError &error, bool wrongKey, bool savedProfile) {
    if (wrongKey)
        return Reason::WrongKey;
    if (!savedProfile)
        return Reason::NotSaved;
    switch (error.kind) {
    case SecretError::Kind::Locked:
        return Reason::KeychainLocked;
    case SecretError::Kind::NoBackend:
        return Reason::NoKeychain;
    case SecretError::Kind::AccessDenied:
        return Reason::KeychainDenied;
    case SecretError::Kind::Other:
        return Reason::KeychainError;
    case SecretError::Kind::None:
    case SecretError::Kind::NotFound:
        break;
    }
    return Reason::Missing;
}

QString KeyPrompt::explain(Reason reason, const QString &profileName) {
    switch (reason) {
    case Reason::Missing:
        return tr("No master key is saved for %1. Enter it once; it is kept in the system keychain.")
            .arg(profileName);
    case Reason::WrongKey:
        return tr("The proxy refused the key for %1 (authentication error). Enter the correct master key.")
            .arg(profileName);
    case Reason::KeychainLocked:
        return tr("The keychain is locked, so the key for %1 cannot be read or saved. Unlock it and "
                  "reconnect, "
                  "or use the key for this session only.")
            .arg(profileName);
    case Reason::NoKeychain:
        return tr("No keychain is available on this system, so the key for %1 cannot be saved. "
                  "You can use it for this session only.")
            .arg(profileName);
    case Reason::KeychainDenied:
        return tr("Access to the keychain was denied, so the key for %1 cannot be read or saved. "
                  "You can use it for this session only.")
            .arg(profileName);
    case Reason::KeychainError:
        return tr("The keychain could not be used for %1. You can use the key for this session only.")
            .arg(profileName);
    case Reason::NotSaved:
        return tr("Enter the key for %1. It is kept in memory for this session only.").arg(profileName);
    }
    return {};
}
