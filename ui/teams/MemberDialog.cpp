#include "MemberDialog.h"

#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

MemberDialog::MemberDialog(const QString &teamName, const TeamMember *member, QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("memberDialog"));
    setWindowTitle(member ? tr("Change Role in %1").arg(teamName) : tr("Add Member to %1").arg(teamName));
    m_userId = new QLineEdit(this);
    m_userId->setObjectName(QStringLiteral("memberUserId"));
    m_userId->setPlaceholderText(tr("User id"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("memberRole"));
    m_role->addItem(tr("User: uses the team's keys and models"), QStringLiteral("user"));
    m_role->addItem(tr("Admin: also manages the team's members and keys"), QStringLiteral("admin"));
    if (member) {
        m_userId->setText(member->userId);
        m_userId->setReadOnly(true);
        m_role->setCurrentIndex(member->isAdmin() ? 0 : 1); // the other role: what a change means
    }
    m_error = textstyle::fieldError(QStringLiteral("memberUserId"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("&User:"), m_userId);
    form->addRow(QString(), m_error);
    form->addRow(tr("&Role:"), m_role);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(member ? tr("Change Role") : tr("Add Member"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("memberDialogOk"));
    connect(buttons, &QDialogButtonBox::accepted, this, &MemberDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &MemberDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

TeamMember MemberDialog::member() const {
    return TeamMember::withRole(m_userId->text().trimmed(), m_role->currentData().toString());
}

void MemberDialog::accept() {
    if (m_userId->text().trimmed().isEmpty()) {
        textstyle::setFieldError(m_error, tr("Type the id of the user to add (the Users page lists them)."));
        return;
    }
    QDialog::accept();
}
