#include "NewUserDialog.h"

#include "core/api/ProxyClient.h"
#include "core/format/CommaList.h"
#include "core/roles/Duration.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

const QString kDefaults = QStringLiteral("users/defaults/");

QString metadataText(const QMap<QString, QString> &metadata) {
    QStringList lines;
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        lines << it.key() + u'=' + it.value();
    return lines.join(u'\n');
}

QSpinBox *limitBox(QWidget *parent, const QString &name) {
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, 1'000'000'000);
    box->setSpecialValueText(NewUserDialog::tr("No limit"));
    box->setGroupSeparatorShown(true);
    return box;
}

} // namespace

UserDefaults NewUserDialog::savedDefaults() {
    QSettings s;
    UserDefaults d;
    d.maxBudget = s.value(kDefaults + u"maxBudget", d.maxBudget).toDouble();
    d.budgetDuration = s.value(kDefaults + u"budgetDuration", d.budgetDuration).toString();
    d.models = s.value(kDefaults + u"models", d.models).toStringList();
    if (const qint64 tpm = s.value(kDefaults + u"tpm", 0).toLongLong(); tpm > 0)
        d.tpmLimit = tpm;
    if (const qint64 rpm = s.value(kDefaults + u"rpm", 0).toLongLong(); rpm > 0)
        d.rpmLimit = rpm;
    if (s.contains(kDefaults + u"metadata")) {
        const auto pairs = parseMetadataPairs(s.value(kDefaults + u"metadata").toStringList());
        d.metadata = pairs.value_or(d.metadata);
    }
    return d;
}

void NewUserDialog::saveDefaults(const UserDefaults &d) {
    QSettings s;
    s.setValue(kDefaults + u"maxBudget", d.maxBudget);
    s.setValue(kDefaults + u"budgetDuration", d.budgetDuration);
    s.setValue(kDefaults + u"models", d.models);
    s.setValue(kDefaults + u"tpm", d.tpmLimit.value_or(0));
    s.setValue(kDefaults + u"rpm", d.rpmLimit.value_or(0));
    s.setValue(kDefaults + u"metadata", metadataText(d.metadata).split(u'\n', Qt::SkipEmptyParts));
}

NewUserDialog::NewUserDialog(ProxyClient *client, const QList<Role> &roles, const QList<TeamRecord> &teams,
                             const QStringList &knownModels, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_roles(roles) {
    setObjectName(QStringLiteral("newUserDialog"));
    setWindowTitle(tr("New User"));
    const UserDefaults d = savedDefaults();

    auto *form = new QWidget;
    m_userId = new QLineEdit(form);
    m_userId->setObjectName(QStringLiteral("userIdEdit"));
    m_userId->setPlaceholderText(tr("jane.doe"));
    m_domain = new QLineEdit(QSettings().value(QStringLiteral("users/domain")).toString(), form);
    m_domain->setObjectName(QStringLiteral("domainEdit"));
    m_domain->setPlaceholderText(tr("example.com (optional)"));
    m_domain->setToolTip(tr("Turns a user id without @ into an address at this domain"));
    m_email = new QLineEdit(form);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("the user id when it is an address"));
    m_userRole = new QComboBox(form);
    m_userRole->setObjectName(QStringLiteral("userRoleCombo"));
    for (const char *r : {"internal_user", "internal_user_viewer", "proxy_admin", "proxy_admin_viewer"})
        m_userRole->addItem(QString::fromLatin1(r), QString::fromLatin1(r));

    m_teams = new QListWidget(form);
    m_teams->setObjectName(QStringLiteral("teamList"));
    m_teams->setAccessibleName(tr("Teams"));
    m_teams->setMaximumHeight(110);
    for (const TeamRecord &t : teams) {
        auto *item = new QListWidgetItem(t.displayName(), m_teams);
        item->setData(Qt::UserRole, t.teamId);
        item->setToolTip(t.teamId);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    if (teams.isEmpty())
        m_teams->setVisible(false);

    m_role = new QComboBox(form);
    m_role->setObjectName(QStringLiteral("roleCombo"));
    m_role->addItem(tr("None: the defaults only"), QString());
    for (const Role &r : roles)
        m_role->addItem(r.name, r.name);
    m_roleHint = new QLabel(form);
    m_roleHint->setObjectName(QStringLiteral("roleHint"));
    textstyle::setMuted(m_roleHint);

    auto *defaultsBox =
        new QGroupBox(tr("Defaults for new users (a role's fields win where it sets them)"), form);
    m_budget = new QDoubleSpinBox(defaultsBox);
    m_budget->setObjectName(QStringLiteral("budgetSpin"));
    m_budget->setRange(0, 1e9);
    m_budget->setDecimals(2);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setSpecialValueText(tr("No budget"));
    m_budget->setValue(d.maxBudget);
    m_duration = new QLineEdit(d.budgetDuration, defaultsBox);
    m_duration->setObjectName(QStringLiteral("durationEdit"));
    m_duration->setPlaceholderText(tr("30d (empty: never resets)"));
    m_models = new QLineEdit(d.models.join(QStringLiteral(", ")), defaultsBox);
    m_models->setObjectName(QStringLiteral("modelsEdit"));
    m_models->setPlaceholderText(tr("All models"));
    if (!knownModels.isEmpty())
        m_models->setToolTip(
            tr("Comma-separated; this proxy has: %1").arg(knownModels.join(QStringLiteral(", "))));
    m_tpm = limitBox(defaultsBox, QStringLiteral("tpmSpin"));
    m_tpm->setValue(int(std::min<qint64>(d.tpmLimit.value_or(0), m_tpm->maximum())));
    m_rpm = limitBox(defaultsBox, QStringLiteral("rpmSpin"));
    m_rpm->setValue(int(std::min<qint64>(d.rpmLimit.value_or(0), m_rpm->maximum())));
    m_metadata = new QPlainTextEdit(metadataText(d.metadata), defaultsBox);
    m_metadata->setObjectName(QStringLiteral("metadataEdit"));
    m_metadata->setPlaceholderText(tr("key=value, one per line"));
    m_metadata->setMaximumHeight(70);
    m_metadata->setTabChangesFocus(true);
    auto *defaultsForm = new QFormLayout(defaultsBox);
    defaultsForm->addRow(tr("Max &budget:"), m_budget);
    defaultsForm->addRow(tr("Budget &resets every:"), m_duration);
    defaultsForm->addRow(tr("&Models:"), m_models);
    auto *limits = new QHBoxLayout;
    auto *tpm = new QLabel(tr("TPM:"), defaultsBox);
    tpm->setBuddy(m_tpm);
    auto *rpm = new QLabel(tr("RPM:"), defaultsBox);
    rpm->setBuddy(m_rpm);
    limits->addWidget(tpm);
    limits->addWidget(m_tpm, 1);
    limits->addWidget(rpm);
    limits->addWidget(m_rpm, 1);
    defaultsForm->addRow(tr("Limits:"), limits);
    defaultsForm->addRow(tr("M&etadata:"), m_metadata);

    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("formError"));
    m_error->setWordWrap(true);
    textstyle::setTone(m_error, textstyle::Tone::Error);
    m_preview = new QPlainTextEdit(form);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setAccessibleName(tr("Request to POST /user/new"));
    m_progress = new QLabel(form);
    m_progress->setObjectName(QStringLiteral("progress"));

    auto *fields = new QFormLayout;
    fields->addRow(tr("&User ID:"), m_userId);
    fields->addRow(tr("&Domain:"), m_domain);
    fields->addRow(tr("E-&mail:"), m_email);
    fields->addRow(tr("User r&ole:"), m_userRole);
    if (!teams.isEmpty())
        fields->addRow(tr("&Teams:"), m_teams);
    fields->addRow(tr("Desk &role:"), m_role);
    fields->addRow(QString(), m_roleHint);
    auto *left = new QVBoxLayout;
    left->addLayout(fields);
    left->addWidget(defaultsBox);
    left->addWidget(m_error);
    left->addStretch();
    auto *right = new QVBoxLayout;
    auto *previewTitle = new QLabel(tr("Request to POST /user/new"), form);
    QFont bold = previewTitle->font();
    bold.setBold(true);
    previewTitle->setFont(bold);
    right->addWidget(previewTitle);
    right->addWidget(m_preview, 1);
    right->addWidget(m_progress);
    auto *formLayout = new QHBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(left, 3);
    formLayout->addLayout(right, 2);

    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setTextFormat(Qt::RichText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(form);
    m_pages->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    m_create->setDefault(true);
    connect(m_create, &QPushButton::clicked, this, &NewUserDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);

    for (QLineEdit *edit : {m_userId, m_domain, m_email, m_duration, m_models})
        connect(edit, &QLineEdit::textChanged, this, &NewUserDialog::updatePreview);
    connect(m_metadata, &QPlainTextEdit::textChanged, this, &NewUserDialog::updatePreview);
    connect(m_userRole, &QComboBox::currentIndexChanged, this, &NewUserDialog::updatePreview);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, &NewUserDialog::updatePreview);
    connect(m_tpm, &QSpinBox::valueChanged, this, &NewUserDialog::updatePreview);
    connect(m_rpm, &QSpinBox::valueChanged, this, &NewUserDialog::updatePreview);
    connect(m_teams, &QListWidget::itemChanged, this, &NewUserDialog::teamsChanged);
    connect(m_role, &QComboBox::activated, this, [this] {
        m_rolePicked = true;
        updatePreview();
    });
    resize(860, 560);
    teamsChanged();
}

NewUser NewUserDialog::user() const {
    NewUser u;
    u.userId = m_userId->text().trimmed();
    u.domain = m_domain->text().trimmed();
    u.email = m_email->text().trimmed();
    u.userRole = m_userRole->currentData().toString();
    for (int i = 0; i < m_teams->count(); ++i)
        if (m_teams->item(i)->checkState() == Qt::Checked)
            u.teams << m_teams->item(i)->data(Qt::UserRole).toString();
    u.roleName = m_role->currentData().toString();
    return u;
}

std::variant<UserDefaults, QString> NewUserDialog::defaults() const {
    UserDefaults d;
    d.maxBudget = m_budget->value();
    d.budgetDuration = m_duration->text().trimmed();
    QString why;
    if (!d.budgetDuration.isEmpty() && !Duration::parse(d.budgetDuration, &why))
        return tr("Budget reset: %1").arg(why);
    d.models = splitList(m_models->text());
    if (m_tpm->value() > 0)
        d.tpmLimit = m_tpm->value();
    if (m_rpm->value() > 0)
        d.rpmLimit = m_rpm->value();
    const auto metadata =
        parseMetadataPairs(m_metadata->toPlainText().split(u'\n', Qt::SkipEmptyParts), &why);
    if (!metadata)
        return tr("Metadata: %1").arg(why);
    d.metadata = *metadata;
    return d;
}

const Role *NewUserDialog::role() const {
    const QString name = m_role->currentData().toString();
    for (const Role &r : m_roles)
        if (r.name == name)
            return &r;
    return nullptr;
}

std::variant<QJsonObject, QString> NewUserDialog::request() const {
    const auto d = defaults();
    if (const auto *why = std::get_if<QString>(&d))
        return *why;
    return userRequest(user(), std::get<UserDefaults>(d), role());
}

void NewUserDialog::teamsChanged() {
    m_suggested = suggestRole(m_roles, user().teams);
    if (!m_rolePicked) {
        const int index = m_role->findData(m_suggested);
        m_role->setCurrentIndex(index < 0 ? 0 : index);
    }
    m_roleHint->setText(m_suggested.isEmpty()
                            ? (m_roles.isEmpty() ? tr("No roles yet: create them on the Roles page")
                                                 : tr("No role lists these teams"))
                            : tr("Suggested by the teams: %1").arg(m_suggested));
    updatePreview();
}

void NewUserDialog::updatePreview() {
    const auto body = request();
    if (const auto *why = std::get_if<QString>(&body)) {
        m_error->setText(*why);
        m_preview->setPlainText(QString());
        m_create->setEnabled(false);
        return;
    }
    m_error->clear();
    const QJsonObject &request = std::get<QJsonObject>(body);
    m_preview->setPlainText(QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Indented)));
    const bool finishing = !m_unfinished.isEmpty() && request.value(u"user_id").toString() == m_unfinished;
    m_create->setText(finishing ? tr("&Finish User") : tr("&Create"));
    m_create->setEnabled(m_client != nullptr);
}

void NewUserDialog::create() {
    const auto body = request();
    if (!m_client || std::holds_alternative<QString>(body))
        return;
    if (const auto d = defaults(); std::holds_alternative<UserDefaults>(d))
        saveDefaults(std::get<UserDefaults>(d));
    QSettings().setValue(QStringLiteral("users/domain"), m_domain->text().trimmed());
    m_create->setEnabled(false);
    m_pages->widget(0)->setEnabled(false);
    auto *provisioner = new UserProvisioner(m_client, this);
    connect(provisioner, &UserProvisioner::progress, m_progress, &QLabel::setText);
    connect(provisioner, &UserProvisioner::leftUnfinished, this,
            [this](const QString &userId) { m_unfinished = userId; });
    connect(provisioner, &UserProvisioner::failed, this, [this, provisioner](const ApiError &error) {
        provisioner->deleteLater();
        m_pages->widget(0)->setEnabled(true);
        m_progress->clear();
        updatePreview();
        // The user may exist without its fields: the error says so, and Create has become Finish.
        m_error->setText(m_unfinished.isEmpty() ? tr("The user was not created: %1").arg(error.toString())
                                                : error.toString());
    });
    connect(
        provisioner, &UserProvisioner::provisioned, this,
        [this, provisioner](const QString &userId, const QJsonObject &stored, const QStringList &warnings) {
            provisioner->deleteLater();
            showResult(userId, stored, warnings);
            m_unfinished.clear();
            emit userCreated(userId);
        });
    const QJsonObject &request = std::get<QJsonObject>(body);
    if (!m_unfinished.isEmpty() && request.value(u"user_id").toString() == m_unfinished)
        provisioner->finish(request);
    else
        provisioner->provision(request);
}

void NewUserDialog::showResult(const QString &userId, const QJsonObject &stored,
                               const QStringList &warnings) {
    QString html = tr("<h3>Created %1</h3>").arg(userId.toHtmlEscaped());
    if (warnings.isEmpty())
        html += tr("<p>The proxy kept every field that was sent.</p>");
    else {
        html += QStringLiteral("<p style='color:%1'><b>%2</b></p><ul>")
                    .arg(textstyle::toneColor(textstyle::Tone::Error, palette()).name(),
                         tr("The proxy did not keep:"));
        for (const QString &w : warnings)
            html += QStringLiteral("<li>%1</li>").arg(w.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    html +=
        tr("<p>Stored:</p><pre>%1</pre>")
            .arg(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Indented)).toHtmlEscaped());
    m_result->setText(html);
    m_pages->setCurrentIndex(1);
    m_create->setVisible(false);
    if (auto *box = findChild<QDialogButtonBox *>())
        box->setStandardButtons(QDialogButtonBox::Close);
}
