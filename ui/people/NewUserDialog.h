#pragma once

#include "core/api/TeamRecord.h"
#include "core/roles/Role.h"
#include "core/roles/UserProvisioner.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

// Creates an internal user the way LiteLLM needs it (see UserProvisioner). The form starts from the
// defaults for new users (remembered between runs) and the role suited to the teams ticked; the role's
// fields win where it sets them. The exact /user/new body is shown as it changes; Create is enabled only
// when it is valid. Afterwards the dialog lists what the proxy stored and every field it did not keep.
class NewUserDialog : public QDialog {
    Q_OBJECT
public:
    NewUserDialog(ProxyClient *client, const QList<Role> &roles, const QList<TeamRecord> &teams,
                  const QStringList &knownModels, QWidget *parent = nullptr);

    // The defaults the form shows, from the settings (the built-in ones on first use).
    static UserDefaults savedDefaults();
    static void saveDefaults(const UserDefaults &defaults);

    // The body Create would send, or why it cannot be sent.
    std::variant<QJsonObject, QString> request() const;
    QString suggestedRole() const { return m_suggested; }

signals:
    void userCreated(const QString &userId);

private:
    NewUser user() const;
    std::variant<UserDefaults, QString> defaults() const;
    const Role *role() const;
    void teamsChanged();
    void updatePreview();
    void create();
    void showResult(const QString &userId, const QJsonObject &stored, const QStringList &warnings);

    QPointer<ProxyClient> m_client;
    QList<Role> m_roles;
    QString m_suggested;
    bool m_rolePicked = false; // the person chose a role: stop suggesting

    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_userId = nullptr;
    QLineEdit *m_domain = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_userRole = nullptr;
    QListWidget *m_teams = nullptr;
    QComboBox *m_role = nullptr;
    QLabel *m_roleHint = nullptr;
    QDoubleSpinBox *m_budget = nullptr;
    QLineEdit *m_duration = nullptr;
    QLineEdit *m_models = nullptr;
    QSpinBox *m_tpm = nullptr;
    QSpinBox *m_rpm = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
    QLabel *m_error = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QPushButton *m_create = nullptr;
    QString m_unfinished; // a user created without its fields: Create becomes Finish for it
    QLabel *m_progress = nullptr;
    QLabel *m_result = nullptr;
};
