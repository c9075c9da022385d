#pragma once

#include "core/api/TeamRecord.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

// Add member… (a user id and a role) and Change role… (the role of a member, whose id is fixed).
class MemberDialog : public QDialog {
    Q_OBJECT
public:
    // `member` null: a new member.
    MemberDialog(const QString &teamName, const TeamMember *member, QWidget *parent = nullptr);

    TeamMember member() const;
    void accept() override;

private:
    QLineEdit *m_userId = nullptr;
    QComboBox *m_role = nullptr;
    QLabel *m_error = nullptr;
};
