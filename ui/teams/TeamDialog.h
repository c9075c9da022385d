#pragma once

#include "core/teams/TeamForm.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

// New team… and Edit team…: alias, models, budget and its reset period, TPM/RPM and, for a new team, its
// first members. Checks what was typed (TeamForm) before it closes; the page sends it to the proxy.
class TeamDialog : public QDialog {
    Q_OBJECT
public:
    // `team` null: a new team.
    TeamDialog(const TeamRecord *team, const QStringList &knownModels, QWidget *parent = nullptr);

    TeamForm form() const;
    api::TeamFields fields() const { return form().read(m_creating).fields; }
    void accept() override;

private:
    bool m_creating = true;
    TeamForm m_original; // the team as it was, when editing
    QLineEdit *m_alias = nullptr;
    QLineEdit *m_models = nullptr;
    QLineEdit *m_budget = nullptr;
    QComboBox *m_duration = nullptr;
    QLineEdit *m_tpm = nullptr;
    QLineEdit *m_rpm = nullptr;
    QLineEdit *m_members = nullptr;
    QLabel *m_error = nullptr;
};
