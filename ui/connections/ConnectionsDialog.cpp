#include "ConnectionsDialog.h"

#include "core/api/ProxyClient.h"
#include "core/connection/ProfileStore.h"
#include "core/connection/ProxyProbe.h"
#include "core/connection/SecretStore.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

QIcon colorDot(const QString &color) {
    QPixmap pm(14, 14);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(color));
    p.setPen(Qt::NoPen);
    p.drawEllipse(1, 1, 12, 12);
    return QIcon(pm);
}

} // namespace

ConnectionsDialog::ConnectionsDialog(ProfileStore *profiles, SecretStore *keychain,
                                     MemorySecretStore *session, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_keychain(keychain)
    , m_session(session) {
    setWindowTitle(tr("Connections"));
    setObjectName(QStringLiteral("connectionsDialog"));
    resize(820, 520);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("Saved connections"));
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(QStringLiteral("addButton"));
    m_duplicate = new QPushButton(tr("D&uplicate"), this);
    m_duplicate->setObjectName(QStringLiteral("duplicateButton"));
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeButton"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto named = [this](QWidget *w, const char *name, const QString &accessible) {
        w->setObjectName(QString::fromLatin1(name));
        w->setAccessibleName(accessible);
        return w;
    };
    m_name = static_cast<QLineEdit *>(named(new QLineEdit(this), "nameEdit", tr("Name")));
    m_url = static_cast<QLineEdit *>(named(new QLineEdit(this), "urlEdit", tr("Proxy URL")));
    m_url->setPlaceholderText(QStringLiteral("https://litellm.example.com"));
    m_auth = static_cast<QComboBox *>(named(new QComboBox(this), "authCombo", tr("Key header")));
    m_auth->addItem(QStringLiteral("Authorization: Bearer"), authStyleName(AuthStyle::Bearer));
    m_auth->addItem(QStringLiteral("x-litellm-api-key"), authStyleName(AuthStyle::LiteLlmHeader));
    m_environment =
        static_cast<QComboBox *>(named(new QComboBox(this), "environmentCombo", tr("Environment")));
    m_environment->setEditable(true);
    m_environment->addItems(
        {QString(), QStringLiteral("dev"), QStringLiteral("staging"), QStringLiteral("prod")});
    m_color = static_cast<QPushButton *>(named(new QPushButton(this), "colorButton", tr("Colour")));
    m_color->setFixedWidth(64);
    m_caFile = static_cast<QLineEdit *>(named(new QLineEdit(this), "caFileEdit", tr("CA certificate file")));
    m_caFile->setPlaceholderText(tr("System certificates"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    m_pin = static_cast<QLineEdit *>(named(new QLineEdit(this), "pinEdit", tr("Pinned certificate SHA-256")));
    m_pin->setPlaceholderText(tr("For a self-signed proxy: its certificate's SHA-256"));
    m_timeout = static_cast<QSpinBox *>(named(new QSpinBox(this), "timeoutSpin", tr("Timeout")));
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(tr(" s"));
    m_key = static_cast<QLineEdit *>(named(new QLineEdit(this), "keyEdit", tr("Master key")));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Leave empty to keep the stored key"));
    m_sessionOnly =
        static_cast<QCheckBox *>(named(new QCheckBox(tr("Keep the key for this session only"), this),
                                       "sessionOnlyCheck", tr("Session only")));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("Key &header:"), m_auth);
    form->addRow(tr("&Environment:"), m_environment);
    form->addRow(tr("Colour:"), m_color);
    form->addRow(tr("CA file:"), caRow);
    form->addRow(tr("&Pinned certificate:"), m_pin);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("Master &key:"), m_key);
    form->addRow(QString(), m_sessionOnly);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(link); font-weight: 600;"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResultLabel"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pinButton = new QPushButton(tr("Pin this certificate"), this);
    m_pinButton->setObjectName(QStringLiteral("pinButton"));
    m_pinButton->hide();

    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("testButton"));
    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_connect = new QPushButton(tr("&Connect"), this);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    auto *close = new QPushButton(tr("Close"), this);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_test);
    actions->addStretch(1);
    actions->addWidget(m_save);
    actions->addWidget(m_connect);
    actions->addWidget(close);

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addWidget(m_problem);
    right->addWidget(m_testResult);
    right->addWidget(m_pinButton, 0, Qt::AlignLeft);
    right->addStretch(1);
    right->addLayout(actions);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addLayout(right, 5);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showProfile(selectedId()); });
    connect(m_add, &QPushButton::clicked, this, &ConnectionsDialog::addProfile);
    connect(m_duplicate, &QPushButton::clicked, this, &ConnectionsDialog::duplicateProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectionsDialog::removeProfile);
    connect(m_test, &QPushButton::clicked, this, &ConnectionsDialog::testProfile);
    connect(m_save, &QPushButton::clicked, this, [this] { saveProfile(false); });
    connect(m_connect, &QPushButton::clicked, this, [this] { saveProfile(true); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_color, &QPushButton::clicked, this, &ConnectionsDialog::chooseColor);
    connect(browse, &QPushButton::clicked, this, &ConnectionsDialog::chooseCaFile);
    connect(m_pinButton, &QPushButton::clicked, this, [this] {
        m_pin->setText(m_offeredPin);
        m_pinButton->hide();
        m_testResult->setText(tr("Pinned. Test again to check, then save."));
    });
    for (QLineEdit *e : {m_name, m_url, m_caFile, m_pin, m_key})
        connect(e, &QLineEdit::textChanged, this, &ConnectionsDialog::updateState);
    connect(m_environment, &QComboBox::currentTextChanged, this, [this](const QString &env) {
        if (m_colorName.isEmpty() || m_colorName == Profile::defaultColor(QString()))
            m_colorName = Profile::defaultColor(env);
        m_color->setIcon(colorDot(m_colorName));
        updateState();
    });

    reload();
    if (m_list->count() == 0)
        addProfile();
}

ConnectionsDialog::~ConnectionsDialog() {
    m_key->clear();
}

QString ConnectionsDialog::selectedId() const {
    const auto *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ConnectionsDialog::selectProfile(const QString &id) {
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
}

void ConnectionsDialog::reload(const QString &selectId) {
    const QSignalBlocker block(m_list);
    m_list->clear();
    if (!m_profiles)
        return;
    for (const auto &p : m_profiles->profiles()) {
        auto *item = new QListWidgetItem(
            colorDot(p.color),
            p.environment.isEmpty() ? p.name : p.name + QStringLiteral("  (") + p.environment + u')');
        item->setData(Qt::UserRole, p.id);
        item->setToolTip(p.baseUrl.toString());
        m_list->addItem(item);
    }
    if (!selectId.isEmpty())
        selectProfile(selectId);
    if (m_list->currentRow() < 0 && m_list->count() > 0)
        m_list->setCurrentRow(0);
    showProfile(selectedId());
}

void ConnectionsDialog::showProfile(const QString &id) {
    const auto p = m_profiles ? m_profiles->byId(id) : std::nullopt;
    if (!p)
        return;
    m_currentId = p->id;
    m_name->setText(p->name);
    m_url->setText(p->baseUrl.toString());
    m_auth->setCurrentIndex(p->authStyle == AuthStyle::LiteLlmHeader ? 1 : 0);
    m_environment->setCurrentText(p->environment);
    m_colorName = p->color;
    m_color->setIcon(colorDot(m_colorName));
    m_caFile->setText(p->caFile);
    m_pin->setText(p->pinnedSha256);
    m_timeout->setValue(p->timeoutSeconds);
    m_plainHttpConfirmed = p->plainHttpConfirmed;
    m_key->clear();
    m_sessionOnly->setChecked(m_session && m_session->contains(p->secretKey()));
    m_testResult->clear();
    m_pinButton->hide();
    updateState();
}

Profile ConnectionsDialog::formProfile() const {
    Profile p;
    p.id = m_currentId;
    p.name = m_name->text().trimmed();
    p.baseUrl = normalizeBaseUrl(m_url->text());
    p.authStyle = authStyleFromName(m_auth->currentData().toString());
    p.environment = m_environment->currentText().trimmed();
    p.color = m_colorName.isEmpty() ? Profile::defaultColor(p.environment) : m_colorName;
    p.caFile = m_caFile->text().trimmed();
    p.pinnedSha256 = m_pin->text().trimmed();
    p.timeoutSeconds = m_timeout->value();
    p.plainHttpConfirmed = m_plainHttpConfirmed;
    return p;
}

void ConnectionsDialog::updateState() {
    QString why;
    if (!normalizeBaseUrl(m_url->text(), &why).isValid() && !m_url->text().trimmed().isEmpty())
        m_problem->setText(why);
    else {
        Profile p = formProfile();
        if (m_url->text().trimmed().isEmpty())
            p.baseUrl = QUrl();
        const QString problem =
            m_name->text().isEmpty() && m_url->text().isEmpty() ? QString() : p.validate();
        m_problem->setText(problem);
        why = problem;
    }
    const bool valid =
        why.isEmpty() && !m_name->text().trimmed().isEmpty() && !m_url->text().trimmed().isEmpty();
    m_save->setEnabled(valid);
    m_connect->setEnabled(valid);
    m_test->setEnabled(valid);
    m_duplicate->setEnabled(!m_currentId.isEmpty());
    m_remove->setEnabled(!m_currentId.isEmpty());
}

void ConnectionsDialog::addProfile() {
    const QSignalBlocker block(m_list);
    m_list->clearSelection();
    m_list->setCurrentRow(-1);
    m_currentId.clear();
    m_name->clear();
    m_url->clear();
    m_auth->setCurrentIndex(0);
    m_environment->setCurrentText(QString());
    m_colorName = Profile::defaultColor(QString());
    m_color->setIcon(colorDot(m_colorName));
    m_caFile->clear();
    m_pin->clear();
    m_timeout->setValue(30);
    m_key->clear();
    m_sessionOnly->setChecked(false);
    m_plainHttpConfirmed = false;
    m_testResult->clear();
    m_pinButton->hide();
    m_name->setFocus();
    updateState();
}

void ConnectionsDialog::duplicateProfile() {
    Profile p = formProfile();
    m_currentId.clear();
    m_name->setText(tr("%1 (copy)").arg(p.name));
    m_key->clear();
    m_testResult->setText(tr("A copy: enter its master key, then save."));
    m_list->clearSelection();
    updateState();
}

void ConnectionsDialog::removeProfile() {
    const auto p = m_profiles ? m_profiles->byId(m_currentId) : std::nullopt;
    if (!p)
        return;
    if (QMessageBox::question(
            this, tr("Remove connection"),
            tr("Remove \"%1\" and delete its master key from the keychain?").arg(p->name)) !=
        QMessageBox::Yes)
        return;
    m_profiles->remove(p->id);
    if (m_session)
        m_session->wipe(p->secretKey());
    if (m_keychain)
        m_keychain->remove(p->secretKey(), this, [this](SecretError e) {
            if (!e.ok())
                m_testResult->setText(
                    tr("The connection was removed, but its key could not be deleted from the keychain: %1")
                        .arg(e.message));
        });
    reload();
    if (m_list->count() == 0)
        addProfile();
}

bool ConnectionsDialog::confirmPlainHttp(Profile &p) {
    if (!p.needsPlainHttpConfirmation())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unencrypted connection"),
        tr("%1 uses http:// to a host that is not this computer. The master key would cross the network "
           "unencrypted.\n\nUse it anyway for this connection?")
            .arg(p.baseUrl.toString()),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return false;
    p.plainHttpConfirmed = m_plainHttpConfirmed = true;
    return true;
}

void ConnectionsDialog::testProfile() {
    Profile p = formProfile();
    if (!confirmPlainHttp(p))
        return;
    m_testResult->setText(tr("Testing…"));
    m_pinButton->hide();
    auto run = [this, p](const QString &key) {
        delete m_probe;
        delete m_testClient;
        m_testClient = new ProxyClient(p.clientConfig(), key, this);
        m_probe = new ProxyProbe(m_testClient, this);
        connect(m_probe, &ProxyProbe::stepChanged, m_testResult, &QLabel::setText);
        connect(m_probe, &ProxyProbe::finished, this, &ConnectionsDialog::showProbe);
        m_probe->start();
    };
    if (!m_key->text().trimmed().isEmpty()) {
        run(m_key->text().trimmed());
        return;
    }
    if (m_session && m_session->contains(p.secretKey())) {
        m_session->read(p.secretKey(), this, [run](QString key, SecretError) { run(key); });
        return;
    }
    if (m_currentId.isEmpty() || !m_keychain) {
        m_testResult->setText(tr("Enter the master key to test this connection."));
        return;
    }
    m_keychain->read(p.secretKey(), this, [this, run](QString key, SecretError e) {
        if (!e.ok()) {
            m_testResult->setText(e.message + u' ' + e.hint);
            return;
        }
        run(key);
    });
}

void ConnectionsDialog::showProbe(const ProbeResult &r) {
    if (!r.ok()) {
        const ApiError &e = *r.error;
        QString text = (r.alive ? tr("Reached the proxy, but: ") : QString()) + e.message;
        if (!e.hint.isEmpty())
            text += QStringLiteral("\n") + e.hint;
        if (!e.certificateSummary.isEmpty()) {
            text += QStringLiteral("\n\n") + e.certificateSummary;
            m_offeredPin = e.certificateSha256;
            m_pinButton->setVisible(m_pin->text().isEmpty());
        }
        m_testResult->setText(text);
        return;
    }
    QStringList parts{tr("Connected")};
    if (r.readinessKnown) {
        parts << tr("LiteLLM %1")
                     .arg(r.readiness.litellmVersion.isEmpty() ? tr("(version unknown)")
                                                               : r.readiness.litellmVersion);
        parts << (!r.readiness.dbReported()   ? tr("database: not reported")
                  : r.readiness.dbConnected() ? tr("database connected")
                                              : tr("database: %1").arg(r.readiness.db));
    }
    parts << (r.caller.isMasterKey ? tr("master key") : tr("virtual key")) + QStringLiteral(": ") +
                 roleLabel(r.caller.role);
    m_testResult->setText(parts.join(QStringLiteral(" · ")));
}

void ConnectionsDialog::saveProfile(bool thenConnect) {
    if (!m_profiles)
        return;
    Profile p = formProfile();
    if (!confirmPlainHttp(p))
        return;
    if (p.id.isEmpty())
        p.id = Profile::newId();
    if (const QString error = m_profiles->save(p); !error.isEmpty()) {
        m_problem->setText(error);
        return;
    }
    const QString key = m_key->text().trimmed();
    const bool sessionOnly = m_sessionOnly->isChecked();
    m_currentId = p.id;
    reload(p.id); // shows the saved profile, which clears the key field
    storeKeyThen(p, key, sessionOnly, thenConnect);
}

void ConnectionsDialog::storeKeyThen(const Profile &p, const QString &key, bool sessionOnly,
                                     bool thenConnect) {
    auto finish = [this, p, thenConnect] {
        m_key->clear();
        if (thenConnect) {
            emit connectRequested(p.id);
            accept();
        } else {
            m_testResult->setText(tr("Saved."));
        }
    };
    if (key.isEmpty()) {
        finish();
        return;
    }
    if (sessionOnly || !m_keychain) {
        if (m_session)
            m_session->write(p.secretKey(), key, this, [finish](SecretError) { finish(); });
        return;
    }
    m_keychain->write(p.secretKey(), key, this, [this, p, key, finish](SecretError e) {
        if (e.ok()) {
            if (m_session)
                m_session->wipe(p.secretKey());
            finish();
            return;
        }
        // Not modal to the event loop: the answer arrives through the box's signal.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("The key could not be stored"), e.message,
                                    QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("keychainFailedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(e.hint);
        auto *sessionButton = box->addButton(tr("Use for this session only"), QMessageBox::AcceptRole);
        sessionButton->setObjectName(QStringLiteral("sessionOnlyButton"));
        connect(box, &QMessageBox::buttonClicked, this,
                [this, p, key, finish, sessionButton](QAbstractButton *clicked) {
                    if (clicked != sessionButton)
                        return;
                    m_sessionOnly->setChecked(true);
                    if (m_session)
                        m_session->write(p.secretKey(), key, this, [finish](SecretError) { finish(); });
                });
        box->open();
    });
}

void ConnectionsDialog::chooseColor() {
    const QColor c = QColorDialog::getColor(QColor(m_colorName), this, tr("Connection colour"));
    if (!c.isValid())
        return;
    m_colorName = c.name();
    m_color->setIcon(colorDot(m_colorName));
}

void ConnectionsDialog::chooseCaFile() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("CA certificate"), QString(), tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(file);
}
