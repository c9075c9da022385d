#include "RoleEditor.h"

#include "core/format/CommaList.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

QString optionalText(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QString();
}

} // namespace

RoleEditor::RoleEditor(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("roleEditor"));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("roleEditorTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *body = new QWidget;
    m_form = new QFormLayout(body);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    m_name = addLine(QStringLiteral("name"), tr("Name"), tr("e.g. analytics"),
                     tr("Lowercase letters, digits, '-', '_' and '.'; part of every key alias."));

    auto *models = new QWidget;
    auto *modelsLayout = new QVBoxLayout(models);
    modelsLayout->setContentsMargins(0, 0, 0, 0);
    m_modelList = new QListWidget(models);
    m_modelList->setObjectName(QStringLiteral("field_models"));
    m_modelList->setAccessibleName(tr("Models of the proxy"));
    m_modelList->setMaximumHeight(120);
    m_modelList->setUniformItemSizes(true);
    m_modelText = new QLineEdit(models);
    m_modelText->setObjectName(QStringLiteral("field_models_text"));
    m_modelText->setAccessibleName(tr("Models, comma separated"));
    m_modelText->setPlaceholderText(tr("Comma separated; empty allows every model"));
    modelsLayout->addWidget(m_modelList);
    modelsLayout->addWidget(m_modelText);
    addRow(QStringLiteral("models"), tr("Models"), models,
           tr("None checked: keys may use every model of the proxy."));
    connect(m_modelList, &QListWidget::itemChanged, this, &RoleEditor::edited);
    connect(m_modelText, &QLineEdit::textEdited, this, &RoleEditor::edited);

    m_budget = addLine(QStringLiteral("max_budget"), tr("Max budget (USD)"), tr("0 = unlimited"),
                       tr("The most a key from this role may spend; issuing may lower it."));

    m_budgetDuration = new QComboBox;
    m_budgetDuration->setObjectName(QStringLiteral("field_budget_duration"));
    m_budgetDuration->setEditable(true);
    m_budgetDuration->addItems(
        {QString(), QStringLiteral("1d"), QStringLiteral("7d"), QStringLiteral("30d")});
    m_budgetDuration->lineEdit()->setPlaceholderText(tr("none (the budget never resets)"));
    addRow(QStringLiteral("budget_duration"), tr("Budget resets every"), m_budgetDuration,
           tr("A LiteLLM duration such as 1d, 7d, 30d or 1mo; empty: the budget never resets."));
    connect(m_budgetDuration, &QComboBox::currentTextChanged, this, &RoleEditor::edited);

    m_prefix = addLine(QStringLiteral("key_alias_prefix"), tr("Alias prefix"), QStringLiteral("desk"),
                       tr("Keys are named <prefix>-<role>-<label>."));

    m_metadata = new QPlainTextEdit;
    m_metadata->setObjectName(QStringLiteral("field_metadata"));
    m_metadata->setPlaceholderText(tr("key=value, one per line"));
    m_metadata->setTabChangesFocus(true);
    m_metadata->setMaximumHeight(80);
    addRow(QStringLiteral("metadata"), tr("Metadata"), m_metadata,
           tr("Stamped on every key issued from this role."));
    connect(m_metadata, &QPlainTextEdit::textChanged, this, &RoleEditor::edited);

    m_ttl = addLine(QStringLiteral("ttl"), tr("TTL"), tr("e.g. 1h, 30d; empty = no expiry"),
                    tr("How long a key lives, and how far a renewal extends it."));
    m_maxTtl = addLine(QStringLiteral("max_ttl"), tr("Max TTL"), tr("e.g. 90d; empty = no cap"),
                       tr("No renewal takes a key past its issue time plus this."));
    m_tpm = addLine(QStringLiteral("tpm_limit"), tr("TPM limit"), tr("none"), tr("Tokens per minute."));
    m_rpm = addLine(QStringLiteral("rpm_limit"), tr("RPM limit"), tr("none"), tr("Requests per minute."));
    m_parallel = addLine(QStringLiteral("max_parallel_requests"), tr("Max parallel"), tr("none"),
                         tr("Requests a key may have in flight at once."));
    m_teamId = addLine(QStringLiteral("team_id"), tr("Team"), tr("none"),
                       tr("Keys from this role belong to this team."));
    m_teams = addLine(QStringLiteral("teams"), tr("Suits teams"), tr("first choice, second choice, …"),
                      tr("Teams whose members this role suits, in priority order (comma separated)."));

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setText(tr("Revert"));
    connect(m_save, &QPushButton::clicked, this, &RoleEditor::save);
    connect(m_cancel, &QPushButton::clicked, this, &RoleEditor::canceled);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);

    setKnownModels({});
    clearRole();
}

void RoleEditor::setKnownTeams(const QList<std::pair<QString, QString>> &idAndAlias) {
    m_teamIdOfAlias.clear();
    QStringList aliases;
    for (const auto &[id, alias] : idAndAlias)
        if (!alias.isEmpty() && !m_teamIdOfAlias.contains(alias.toLower())) {
            m_teamIdOfAlias.insert(alias.toLower(), id);
            aliases << alias;
        }
    for (QLineEdit *e : {m_teamId, m_teams}) {
        auto *completer = new QCompleter(aliases, e);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        delete e->completer();
        e->setCompleter(completer);
    }
    m_teamId->setPlaceholderText(aliases.isEmpty() ? tr("none") : tr("none; type a team's alias or id"));
}

QLineEdit *RoleEditor::addLine(const QString &field, const QString &label, const QString &placeholder,
                               const QString &tip) {
    auto *edit = new QLineEdit;
    edit->setObjectName(QStringLiteral("field_") + field);
    edit->setPlaceholderText(placeholder);
    addRow(field, label, edit, tip);
    connect(edit, &QLineEdit::textChanged, this, &RoleEditor::edited);
    return edit;
}

void RoleEditor::addRow(const QString &field, const QString &label, QWidget *input, const QString &tip) {
    auto *cell = new QWidget;
    auto *v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(input);
    auto *error = textstyle::fieldError(field, cell);
    v->addWidget(error);
    input->setToolTip(tip);
    m_errorLabels.insert(field, error);
    auto *labelWidget = new QLabel(label + u':');
    labelWidget->setBuddy(input);
    labelWidget->setToolTip(tip);
    m_form->addRow(labelWidget, cell);
}

void RoleEditor::setKnownModels(const QStringList &models) {
    const QStringList checked = checkedModels();
    m_knownModels = models;
    m_modelList->setVisible(!models.isEmpty());
    m_modelText->setVisible(models.isEmpty());
    fillModels(checked);
    revalidate();
}

void RoleEditor::fillModels(const QStringList &checked) {
    const bool loading = m_loading;
    m_loading = true;
    m_modelList->clear();
    QStringList all = m_knownModels;
    for (const auto &m : checked)
        if (!all.contains(m))
            all << m; // kept visible so that the error about it can be fixed by unchecking
    for (const auto &m : all) {
        auto *item = new QListWidgetItem(m, m_modelList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(m) ? Qt::Checked : Qt::Unchecked);
    }
    m_modelText->setText(checked.join(QStringLiteral(", ")));
    m_loading = loading;
}

QStringList RoleEditor::checkedModels() const {
    if (m_knownModels.isEmpty())
        return splitList(m_modelText->text());
    QStringList out;
    for (int i = 0; i < m_modelList->count(); ++i)
        if (m_modelList->item(i)->checkState() == Qt::Checked)
            out << m_modelList->item(i)->text();
    return out;
}

void RoleEditor::setRole(const Role &role, bool isNew) {
    m_loading = true;
    setEnabled(true);
    m_isNew = isNew;
    m_oldName = isNew ? QString() : role.name;
    m_title->setText(isNew ? tr("New role") : tr("Role “%1”").arg(role.name));
    m_name->setText(role.name);
    fillModels(role.models);
    m_budget->setText(role.maxBudget == 0 ? QString() : QString::number(role.maxBudget, 'g', 12));
    m_budgetDuration->setEditText(role.budgetDuration);
    m_prefix->setText(role.keyAliasPrefix);
    QStringList pairs;
    for (auto it = role.metadata.begin(); it != role.metadata.end(); ++it)
        pairs << it.key() + u'=' + it.value();
    m_metadata->setPlainText(pairs.join(u'\n'));
    m_ttl->setText(role.ttl.isZero() ? QString() : role.ttl.toString());
    m_maxTtl->setText(role.maxTtl.isZero() ? QString() : role.maxTtl.toString());
    m_tpm->setText(optionalText(role.tpmLimit));
    m_rpm->setText(optionalText(role.rpmLimit));
    m_parallel->setText(optionalText(role.maxParallelRequests));
    m_teamId->setText(role.teamId);
    m_teams->setText(role.teams.join(QStringLiteral(", ")));
    m_loading = false;
    m_modified = isNew;
    revalidate();
}

void RoleEditor::clearRole() {
    setRole(Role{}, true);
    m_title->setText(tr("No role selected"));
    m_modified = false;
    revalidate();
    setEnabled(false);
}

Role RoleEditor::role() const {
    Role r;
    r.name = normalizeRoleName(m_name->text());
    r.models = checkedModels();
    r.maxBudget =
        m_budget->text().trimmed().isEmpty() ? 0 : QLocale::c().toDouble(m_budget->text().trimmed());
    r.budgetDuration = m_budgetDuration->currentText().trimmed();
    if (r.budgetDuration.compare(u"none", Qt::CaseInsensitive) == 0)
        r.budgetDuration.clear();
    r.keyAliasPrefix = m_prefix->text().trimmed();
    r.metadata = parseMetadataPairs(m_metadata->toPlainText().split(u'\n', Qt::SkipEmptyParts))
                     .value_or(QMap<QString, QString>{});
    r.ttl = Duration::parseTtl(m_ttl->text()).value_or(Duration{});
    r.maxTtl = Duration::parseTtl(m_maxTtl->text()).value_or(Duration{});
    const auto optionalInt = [](const QLineEdit *e) -> std::optional<qint64> {
        bool ok = false;
        const qint64 v = e->text().trimmed().toLongLong(&ok);
        return ok ? std::optional<qint64>(v) : std::nullopt;
    };
    r.tpmLimit = optionalInt(m_tpm);
    r.rpmLimit = optionalInt(m_rpm);
    r.maxParallelRequests = optionalInt(m_parallel);
    // A team may be typed by its alias: kept as its id.
    const auto idOf = [this](const QString &text) { return m_teamIdOfAlias.value(text.toLower(), text); };
    r.teamId = idOf(m_teamId->text().trimmed());
    for (const QString &team : splitList(m_teams->text()))
        r.teams << idOf(team);
    return r;
}

void RoleEditor::revalidate() {
    QList<FieldError> errors;
    const auto fail = [&](const QString &field, const QString &message) { errors.append({field, message}); };

    bool budgetOk = true;
    if (const QString b = m_budget->text().trimmed(); !b.isEmpty()) {
        QLocale::c().toDouble(b, &budgetOk);
        if (!budgetOk)
            fail(QStringLiteral("max_budget"),
                 tr("\"%1\" is not an amount; write dollars like 25 or 12.50.").arg(b));
    }
    QString why;
    if (!m_metadata->toPlainText().trimmed().isEmpty() &&
        !parseMetadataPairs(m_metadata->toPlainText().split(u'\n', Qt::SkipEmptyParts), &why))
        fail(QStringLiteral("metadata"), why);
    for (auto [edit, field] : {std::pair{m_ttl, "ttl"}, std::pair{m_maxTtl, "max_ttl"}}) {
        if (!edit->text().trimmed().isEmpty() && !Duration::parseTtl(edit->text(), &why))
            fail(QString::fromLatin1(field), why);
    }
    for (auto [edit, field] : {std::pair{m_tpm, "tpm_limit"}, std::pair{m_rpm, "rpm_limit"},
                               std::pair{m_parallel, "max_parallel_requests"}}) {
        bool ok = false;
        if (const QString t = edit->text().trimmed(); !t.isEmpty() && (t.toLongLong(&ok), !ok))
            fail(QString::fromLatin1(field),
                 tr("\"%1\" is not a whole number; leave it empty for no limit.").arg(t));
    }
    const Role r = role();
    for (const auto &e : validateRole(r, m_knownModels)) {
        const bool alreadyParsedBad = std::any_of(errors.begin(), errors.end(),
                                                  [&](const FieldError &p) { return p.field == e.field; });
        if (!alreadyParsedBad && !(e.field == u"max_budget" && !budgetOk))
            errors.append(e);
    }
    m_errors = errors;

    for (auto it = m_errorLabels.begin(); it != m_errorLabels.end(); ++it) {
        QStringList messages;
        for (const auto &e : errors)
            if (e.field == it.key())
                messages << e.message;
        textstyle::setFieldError(it.value(), messages.join(u' '));
    }
    m_save->setEnabled(errors.isEmpty() && m_modified);
    m_cancel->setEnabled(m_modified || m_isNew);
}

void RoleEditor::edited() {
    if (m_loading)
        return;
    m_modified = true;
    revalidate();
}

void RoleEditor::save() {
    revalidate();
    if (!m_errors.isEmpty())
        return;
    emit saved(role(), m_oldName);
}
