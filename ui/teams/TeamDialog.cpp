#include "TeamDialog.h"

#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QLineEdit *field(const QString &name, const QString &placeholder, QWidget *parent) {
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    // Wide enough to show the whole placeholder: it says what an empty field means.
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(placeholder) +
                          2 * edit->fontMetrics().height());
    return edit;
}

} // namespace

TeamDialog::TeamDialog(const TeamRecord *team, const QStringList &knownModels, QWidget *parent)
    : QDialog(parent)
    , m_creating(team == nullptr) {
    setObjectName(QStringLiteral("teamDialog"));
    setWindowTitle(m_creating ? tr("New Team") : tr("Edit Team %1").arg(team->displayName()));
    m_alias = field(QStringLiteral("teamAlias"), tr("platform-frontend"), this);
    m_models = field(QStringLiteral("teamModels"), tr("Empty: all proxy models"), this);
    if (!knownModels.isEmpty())
        m_models->setToolTip(tr("Models of this proxy: %1").arg(knownModels.join(QStringLiteral(", "))));
    m_budget = field(QStringLiteral("teamBudget"), tr("No budget"), this);
    m_duration = new QComboBox(this);
    m_duration->setObjectName(QStringLiteral("teamBudgetDuration"));
    m_duration->addItem(tr("Never resets"), QString());
    m_duration->addItem(tr("Every day"), QStringLiteral("1d"));
    m_duration->addItem(tr("Every week"), QStringLiteral("7d"));
    m_duration->addItem(tr("Every 30 days"), QStringLiteral("30d"));
    m_tpm = field(QStringLiteral("teamTpm"), tr("No limit"), this);
    m_rpm = field(QStringLiteral("teamRpm"), tr("No limit"), this);
    m_members = field(QStringLiteral("teamMembers"), tr("user-1, user-2:admin"), this);
    m_error = textstyle::fieldError(QStringLiteral("teamForm"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(tr("&Models:"), m_models);
    form->addRow(tr("&Budget (USD):"), m_budget);
    form->addRow(tr("Budget &resets:"), m_duration);
    form->addRow(tr("&TPM limit:"), m_tpm);
    form->addRow(tr("R&PM limit:"), m_rpm);
    if (m_creating)
        form->addRow(tr("First m&embers:"), m_members);
    else
        m_members->hide();

    if (team) {
        const TeamForm now = TeamForm::from(*team);
        m_original = now;
        m_alias->setText(now.alias);
        m_models->setText(now.models);
        m_budget->setText(now.budget);
        const int i = m_duration->findData(now.budgetDuration);
        if (i < 0 && !now.budgetDuration.isEmpty())
            m_duration->addItem(tr("Every %1").arg(now.budgetDuration), now.budgetDuration);
        m_duration->setCurrentIndex(i >= 0 ? i : m_duration->count() - 1);
        m_tpm->setText(now.tpm);
        m_rpm->setText(now.rpm);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(m_creating ? tr("Create Team") : tr("Save"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("teamDialogOk"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TeamDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TeamDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

TeamForm TeamDialog::form() const {
    TeamForm f;
    f.alias = m_alias->text();
    f.models = m_models->text();
    f.budget = m_budget->text();
    f.budgetDuration = m_duration->currentData().toString();
    f.tpm = m_tpm->text();
    f.rpm = m_rpm->text();
    f.members = m_creating ? m_members->text() : QString();
    f.hadBudget = m_original.hadBudget;
    f.hadTpm = m_original.hadTpm;
    f.hadRpm = m_original.hadRpm;
    return f;
}

void TeamDialog::accept() {
    const TeamForm::Result r = form().read(m_creating);
    textstyle::setFieldError(m_error, r.error);
    if (!r.ok())
        return;
    QDialog::accept();
}
