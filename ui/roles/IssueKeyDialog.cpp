#include "IssueKeyDialog.h"

#include "core/itemmodels/LeaseTableModel.h"
#include "ui/ErrorBanner.h"
#include "ui/RawKeyField.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

IssueKeyDialog::IssueKeyDialog(ProxyClient *client, const QList<Role> &roles, const QStringList &knownModels,
                               QWidget *parent)
    : QDialog(parent)
    , m_issuer(new KeyIssuer(client, this))
    , m_roles(roles)
    , m_knownModels(knownModels) {
    setObjectName(QStringLiteral("issueKeyDialog"));
    setWindowTitle(tr("Issue key"));
    resize(760, 560);

    m_banner = new ErrorBanner(this);
    m_pages = new QStackedWidget(this);

    // Page 1: the choices and the exact request.
    auto *form = new QWidget;
    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The label names the control (its buddy): `input`, or `control` inside it.
    const auto addField = [&](const QString &field, const QString &label, QWidget *input,
                              QWidget *control = nullptr) {
        auto *name = new QLabel(label);
        name->setBuddy(control ? control : input);
        auto *cell = new QWidget;
        auto *v = new QVBoxLayout(cell);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        v->addWidget(input);
        auto *error = textstyle::fieldError(field, cell);
        v->addWidget(error);
        m_errorLabels.insert(field, error);
        fields->addRow(name, cell);
    };

    m_role = new QComboBox;
    m_role->setObjectName(QStringLiteral("role"));
    for (const auto &r : m_roles)
        m_role->addItem(r.name);
    m_roleSummary = new QLabel;
    m_roleSummary->setObjectName(QStringLiteral("roleSummary"));
    textstyle::setMuted(m_roleSummary);
    m_roleSummary->setWordWrap(true);
    auto *roleCell = new QWidget;
    auto *roleLayout = new QVBoxLayout(roleCell);
    roleLayout->setContentsMargins(0, 0, 0, 0);
    roleLayout->setSpacing(2);
    roleLayout->addWidget(m_role);
    roleLayout->addWidget(m_roleSummary);
    auto *roleName = new QLabel(tr("Role:"));
    roleName->setBuddy(m_role);
    fields->addRow(roleName, roleCell);

    m_label = new QLineEdit;
    m_label->setObjectName(QStringLiteral("label"));
    m_label->setPlaceholderText(tr("optional; 8 random characters when empty"));
    addField(QStringLiteral("label"), tr("Label:"), m_label);

    m_user = new QLineEdit;
    m_user->setObjectName(QStringLiteral("userId"));
    m_user->setPlaceholderText(tr("optional user id of the key's owner"));
    addField(QStringLiteral("user_id"), tr("Owner:"), m_user);

    m_team = new QLineEdit;
    m_team->setObjectName(QStringLiteral("team"));
    addField(QStringLiteral("team_id"), tr("Team:"), m_team);

    auto *modelsCell = new QWidget;
    auto *modelsLayout = new QVBoxLayout(modelsCell);
    modelsLayout->setContentsMargins(0, 0, 0, 0);
    modelsLayout->setSpacing(2);
    m_models = new QListWidget;
    m_models->setObjectName(QStringLiteral("models"));
    m_models->setMaximumHeight(110);
    m_modelsHint = new QLabel;
    textstyle::setMuted(m_modelsHint);
    m_modelsHint->setWordWrap(true);
    modelsLayout->addWidget(m_models);
    modelsLayout->addWidget(m_modelsHint);
    addField(QStringLiteral("models"), tr("Models:"), modelsCell, m_models);

    m_budget = new QDoubleSpinBox;
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setDecimals(2);
    m_budget->setPrefix(QStringLiteral("$"));
    m_budget->setAccelerated(true);
    addField(QStringLiteral("max_budget"), tr("Budget:"), m_budget);

    m_ttl = new QLineEdit;
    m_ttl->setObjectName(QStringLiteral("ttl"));
    addField(QStringLiteral("ttl"), tr("TTL:"), m_ttl);

    m_preview = new QPlainTextEdit;
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *previewTitle = new QLabel(tr("Request to POST /key/generate"));
    previewTitle->setBuddy(m_preview);
    QFont bold = previewTitle->font();
    bold.setBold(true);
    previewTitle->setFont(bold);
    auto *previewBox = new QVBoxLayout;
    previewBox->addWidget(previewTitle);
    previewBox->addWidget(m_preview, 1);

    auto *formLayout = new QHBoxLayout(form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    auto *fieldsColumn = new QVBoxLayout;
    fieldsColumn->addLayout(fields);
    fieldsColumn->addStretch(1);
    formLayout->addLayout(fieldsColumn, 1);
    formLayout->addLayout(previewBox, 1);
    m_pages->addWidget(form);

    // Page 2: the key, once.
    auto *result = new QWidget;
    m_issuedTitle = new QLabel;
    m_issuedTitle->setFont(bold);
    m_rawKey = new RawKeyField;
    m_issuedDetails = new QLabel;
    m_issuedDetails->setObjectName(QStringLiteral("issuedDetails"));
    m_issuedDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings = new QLabel;
    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setWordWrap(true);
    textstyle::setNotice(m_warnings, textstyle::Tone::Warning);
    m_warnings->hide();
    auto *doneLayout = new QVBoxLayout(result);
    doneLayout->addWidget(m_issuedTitle);
    doneLayout->addWidget(m_rawKey);
    doneLayout->addWidget(m_issuedDetails);
    doneLayout->addWidget(m_warnings);
    doneLayout->addStretch();
    m_pages->addWidget(result);

    auto *buttons = new QDialogButtonBox(this);
    m_issue = buttons->addButton(tr("Issue"), QDialogButtonBox::AcceptRole);
    m_issue->setObjectName(QStringLiteral("issueButton"));
    m_issue->setDefault(true);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    connect(m_issue, &QPushButton::clicked, this, &IssueKeyDialog::issue);
    connect(m_close, &QPushButton::clicked, this, &IssueKeyDialog::reject);

    // After a create whose answer could not be read: the key it may have made, for revoking.
    m_revokeUnseen = new QPushButton(this);
    m_revokeUnseen->setObjectName(QStringLiteral("revokeUnseenButton"));
    m_revokeUnseen->hide();
    connect(m_revokeUnseen, &QPushButton::clicked, this, &IssueKeyDialog::revokeUnseen);
    m_revokeResult = new QLabel(this);
    m_revokeResult->setObjectName(QStringLiteral("revokeUnseenResult"));
    m_revokeResult->setWordWrap(true);
    m_revokeResult->hide();
    auto *unseen = new QHBoxLayout;
    unseen->addWidget(m_revokeUnseen);
    unseen->addWidget(m_revokeResult, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(unseen);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);

    connect(m_role, &QComboBox::currentIndexChanged, this, &IssueKeyDialog::roleChanged);
    for (auto *edit : {m_label, m_user, m_team, m_ttl})
        connect(edit, &QLineEdit::textChanged, this, &IssueKeyDialog::updatePreview);
    connect(m_models, &QListWidget::itemChanged, this, &IssueKeyDialog::updatePreview);
    connect(m_budget, &QDoubleSpinBox::valueChanged, this, &IssueKeyDialog::updatePreview);
    connect(m_issuer, &KeyIssuer::issued, this, &IssueKeyDialog::showIssued);
    connect(m_issuer, &KeyIssuer::invalid, this, [this](const QList<FieldError> &errors) {
        m_issue->setEnabled(true);
        showFieldErrors(errors);
    });
    connect(m_issuer, &KeyIssuer::failed, this, [this](const ApiError &error) {
        m_issue->setEnabled(true);
        m_issue->setText(tr("Issue"));
        m_banner->showError(error);
    });
    connect(m_issuer, &KeyIssuer::leftUnseen, this, &IssueKeyDialog::offerRevoke);
    connect(m_banner, &ErrorBanner::retryRequested, this, &IssueKeyDialog::issue);

    roleChanged();
}

void IssueKeyDialog::offerRevoke(const UnseenKey &key) {
    m_unseenAlias = key.alias;
    m_revokeUnseen->setText(tr("Revoke \u201c%1\u201d").arg(key.alias));
    m_revokeUnseen->setToolTip(key.certain ? tr("The proxy created this key but its raw key was never shown.")
                                           : tr("The proxy may have created this key; if it did, its raw "
                                                "key was never shown."));
    m_revokeUnseen->setEnabled(true);
    m_revokeUnseen->show();
    m_revokeResult->hide();
}

void IssueKeyDialog::revokeUnseen() {
    if (m_unseenAlias.isEmpty())
        return;
    m_revokeUnseen->setEnabled(false);
    const QString alias = m_unseenAlias;
    m_issuer->revokeUnseen(UnseenKey{alias, false}, this, [this, alias](Expected<bool> r) {
        m_revokeResult->show();
        if (r) {
            m_unseenAlias.clear();
            m_revokeUnseen->hide();
            m_banner->clear();
            m_revokeResult->setText(
                *r ? tr("Revoked the key \u201c%1\u201d. You can issue the key again.").arg(alias)
                   : tr("No key \u201c%1\u201d exists on the proxy: nothing was left behind. "
                        "You can issue the key again.")
                         .arg(alias));
            textstyle::setTone(m_revokeResult, textstyle::Tone::Success);
            return;
        }
        m_revokeUnseen->setEnabled(true);
        m_revokeResult->setText(tr("Could not revoke \u201c%1\u201d: %2").arg(alias, r.error().toString()));
        textstyle::setTone(m_revokeResult, textstyle::Tone::Error);
    });
}

IssueKeyDialog::~IssueKeyDialog() {
    wipe();
}

int IssueKeyDialog::clipboardClearInterval() const {
    return m_rawKey->clipboardClearInterval();
}

void IssueKeyDialog::setClipboardClearInterval(int ms) {
    m_rawKey->setClipboardClearInterval(ms);
}

void IssueKeyDialog::selectRole(const QString &name) {
    const int i = m_role->findText(name);
    if (i >= 0)
        m_role->setCurrentIndex(i);
}

const Role *IssueKeyDialog::currentRole() const {
    const int i = m_role->currentIndex();
    return i >= 0 && i < m_roles.size() ? &m_roles.at(i) : nullptr;
}

void IssueKeyDialog::roleChanged() {
    const Role *role = currentRole();
    m_loading = true;
    m_models->clear();
    if (!role) {
        m_roleSummary->setText(tr("There are no roles yet: create one on the Roles tab first."));
        m_issue->setEnabled(false);
        m_preview->clear();
        m_loading = false;
        return;
    }
    QStringList summary;
    summary << (role->maxBudget > 0 ? tr("up to $%1").arg(role->maxBudget, 0, 'f', 2)
                                    : tr("unlimited budget"));
    summary << (role->maxTtl.isZero() ? tr("no maximum TTL")
                                      : tr("max TTL %1").arg(role->maxTtl.toDisplay()));
    if (!role->teamId.isEmpty())
        summary << tr("team %1").arg(role->teamId);
    m_roleSummary->setText(summary.join(QStringLiteral(" · ")));

    if (!role->teamId.isEmpty()) {
        m_team->setText(role->teamId);
        m_team->setEnabled(false);
        m_team->setToolTip(tr("Role “%1” issues keys for team %2 only.").arg(role->name, role->teamId));
    } else {
        m_team->clear();
        m_team->setEnabled(true);
        m_team->setToolTip({});
        m_team->setPlaceholderText(role->teams.isEmpty() ? tr("optional team id") : role->teams.first());
    }

    const bool restricted = !role->models.isEmpty();
    const QStringList offered = restricted ? role->models : m_knownModels;
    for (const auto &m : offered) {
        auto *item = new QListWidgetItem(m, m_models);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(restricted ? Qt::Checked : Qt::Unchecked);
    }
    m_models->setVisible(!offered.isEmpty());
    m_modelsHint->setText(
        restricted ? tr("The role allows these models; uncheck to narrow. None checked: all of them.")
                   : tr("The role does not restrict models; none checked allows every model."));

    // Any amount can be typed; one above the role's is refused with the role's limit, not cut down.
    m_budget->setMaximum(1e9);
    m_budget->setMinimum(0);
    m_budget->setSpecialValueText(role->maxBudget > 0 ? QString() : tr("unlimited"));
    m_budget->setValue(role->maxBudget);
    m_budget->setToolTip(role->maxBudget > 0 ? tr("At most the role's $%1.").arg(role->maxBudget, 0, 'f', 2)
                                             : tr("0 = unlimited"));

    m_ttl->clear();
    m_ttl->setPlaceholderText(role->ttl.isZero()
                                  ? (role->maxTtl.isZero() ? tr("no expiry") : role->maxTtl.toString())
                                  : role->ttl.toString());
    m_ttl->setToolTip(role->maxTtl.isZero() ? tr("How long the key lives, e.g. 1h or 30d.")
                                            : tr("At most %1.").arg(role->maxTtl.toDisplay()));
    m_loading = false;
    updatePreview();
}

IssueChoices IssueKeyDialog::choices() const {
    IssueChoices c;
    c.label = m_label->text().trimmed();
    c.userId = m_user->text().trimmed();
    c.teamId = m_team->text().trimmed();
    for (int i = 0; i < m_models->count(); ++i)
        if (m_models->item(i)->checkState() == Qt::Checked)
            c.models << m_models->item(i)->text();
    c.maxBudget = m_budget->value();
    if (!m_ttl->text().trimmed().isEmpty())
        c.ttl = Duration::parse(m_ttl->text());
    return c;
}

void IssueKeyDialog::updatePreview() {
    const Role *role = currentRole();
    if (m_loading || !role)
        return;
    QList<FieldError> errors;
    QString why;
    if (!m_ttl->text().trimmed().isEmpty() && !Duration::parse(m_ttl->text(), &why))
        errors.append({QStringLiteral("ttl"), why});
    const PlanResult planned = m_issuer->preview(*role, choices());
    errors += planned.errors;
    showFieldErrors(errors);
    if (planned.plan && errors.isEmpty())
        m_preview->setPlainText(
            QString::fromUtf8(QJsonDocument(planned.plan->body).toJson(QJsonDocument::Indented)));
    else
        m_preview->setPlainText(tr("// Fix the fields marked in red to see the request."));
    m_issue->setEnabled(errors.isEmpty() && planned.plan.has_value());
}

void IssueKeyDialog::showFieldErrors(const QList<FieldError> &errors) {
    for (auto it = m_errorLabels.begin(); it != m_errorLabels.end(); ++it) {
        QStringList messages;
        for (const auto &e : errors)
            if (e.field == it.key())
                messages << e.message;
        textstyle::setFieldError(it.value(), messages.join(u' '));
    }
}

void IssueKeyDialog::issue() {
    const Role *role = currentRole();
    if (!role)
        return;
    m_banner->clear();
    m_issue->setEnabled(false);
    m_issue->setText(tr("Issuing…"));
    m_issuer->issue(*role, choices());
}

void IssueKeyDialog::showIssued(const IssuedKey &key) {
    if (m_closed) { // closed while the request was on the wire: the key is never shown
        emit keyIssued(key.token, key.alias);
        return;
    }
    m_issuedTitle->setText(tr("Key “%1” issued").arg(key.alias));
    m_rawKey->setKey(key.rawKey);
    QStringList details;
    details << tr("Expires: %1 (%2)")
                   .arg(LeaseTableModel::formatLocal(key.expires),
                        key.expires.isValid() ? LeaseTableModel::formatUtc(key.expires) : tr("no expiry"));
    details << tr("Key id (hash): %1").arg(key.token);
    m_issuedDetails->setText(details.join(u'\n'));
    if (!key.warnings.isEmpty()) {
        m_warnings->setText(tr("The proxy did not keep everything that was asked for:\n• %1")
                                .arg(key.warnings.join(QStringLiteral("\n• "))));
        m_warnings->show();
    }
    m_pages->setCurrentIndex(1);
    m_issue->hide();
    m_close->setFocus();
    emit keyIssued(key.token, key.alias);
}

void IssueKeyDialog::wipe() {
    if (m_rawKey)
        m_rawKey->wipe();
}

void IssueKeyDialog::done(int result) {
    m_closed = true;
    wipe();
    QDialog::done(result);
}
