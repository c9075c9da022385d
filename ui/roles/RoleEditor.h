#pragma once

#include "core/roles/Role.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

// A form for every field of a Role. It validates as the user types (validateRole plus the parsing of
// each text field): a message under each offending field (objectName "error_<field>", the role's JSON
// field name) and Save disabled while anything is wrong. Inputs are named "field_<field>".
class RoleEditor : public QWidget {
    Q_OBJECT
public:
    explicit RoleEditor(QWidget *parent = nullptr);

    // The proxy's models: a checkable list when known, free entry (comma separated) when empty.
    void setKnownModels(const QStringList &models);
    // The proxy's teams (id, alias): the team fields complete their aliases and keep what is typed as
    // an alias as the team's id.
    void setKnownTeams(const QList<std::pair<QString, QString>> &idAndAlias);
    // Shows `role`; `isNew` makes Save create it rather than replace the role of that name.
    void setRole(const Role &role, bool isNew);
    // Empties the form and disables it (nothing selected).
    void clearRole();

    // The role as typed; valid only when errors() is empty.
    Role role() const;
    QList<FieldError> errors() const { return m_errors; }
    bool isModified() const { return m_modified; }
    QString oldName() const { return m_oldName; }

signals:
    // `oldName` is empty for a new role.
    void saved(const Role &role, const QString &oldName);
    void canceled();

private:
    QLineEdit *addLine(const QString &field, const QString &label, const QString &placeholder,
                       const QString &tip);
    void addRow(const QString &field, const QString &label, QWidget *input, const QString &tip);
    void fillModels(const QStringList &checked);
    QStringList checkedModels() const;
    void revalidate();
    void edited();
    void save();

    class QFormLayout *m_form = nullptr;
    QLabel *m_title = nullptr;
    QLineEdit *m_name = nullptr;
    QListWidget *m_modelList = nullptr;
    QLineEdit *m_modelText = nullptr;
    QLineEdit *m_budget = nullptr;
    QComboBox *m_budgetDuration = nullptr;
    QLineEdit *m_prefix = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
    QLineEdit *m_ttl = nullptr;
    QLineEdit *m_maxTtl = nullptr;
    QLineEdit *m_tpm = nullptr;
    QLineEdit *m_rpm = nullptr;
    QLineEdit *m_parallel = nullptr;
    QLineEdit *m_teamId = nullptr;
    QHash<QString, QString> m_teamIdOfAlias; // lower-case alias -> id
    QLineEdit *m_teams = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
    QHash<QString, QLabel *> m_errorLabels;

    QStringList m_knownModels;
    QList<FieldError> m_errors;
    QString m_oldName;
    bool m_isNew = false;
    bool m_modified = false;
    bool m_loading = false;
};
