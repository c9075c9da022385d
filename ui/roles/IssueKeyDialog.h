#pragma once

#include "core/roles/KeyIssuer.h"

#include <QDialog>
#include <QHash>

class ErrorBanner;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class RawKeyField;

// Issues one key from a role. The person picks the role and narrows it (label, owner, team, models,
// budget, TTL); the exact /key/generate body is shown as it changes, with a message under each field the
// choices break. After Issue, the raw key is shown once with a Copy button (RawKeyField). The key is kept
// nowhere else and is wiped from the widgets when the dialog closes.
class IssueKeyDialog : public QDialog {
    Q_OBJECT
public:
    // `knownModels` are offered when the role does not restrict models.
    IssueKeyDialog(ProxyClient *client, const QList<Role> &roles, const QStringList &knownModels,
                   QWidget *parent = nullptr);
    ~IssueKeyDialog() override;

    void selectRole(const QString &name);
    IssueChoices choices() const;

    int clipboardClearInterval() const;
    void setClipboardClearInterval(int ms);

    void done(int result) override;

signals:
    // A key was issued (never carries the raw key).
    void keyIssued(const QString &token, const QString &alias);

private:
    const Role *currentRole() const;
    void roleChanged();
    void updatePreview();
    void showFieldErrors(const QList<FieldError> &errors);
    void issue();
    void showIssued(const IssuedKey &key);
    void offerRevoke(const UnseenKey &key);
    void revokeUnseen();
    void wipe();

    KeyIssuer *m_issuer = nullptr;
    QString m_unseenAlias; // a key that may exist without its raw key ever shown: offered for revoking
    QList<Role> m_roles;
    QStringList m_knownModels;
    bool m_loading = false;
    bool m_closed = false;

    QStackedWidget *m_pages = nullptr;
    ErrorBanner *m_banner = nullptr;
    QComboBox *m_role = nullptr;
    QLabel *m_roleSummary = nullptr;
    QLineEdit *m_label = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_team = nullptr;
    QListWidget *m_models = nullptr;
    QLabel *m_modelsHint = nullptr;
    QDoubleSpinBox *m_budget = nullptr;
    QLineEdit *m_ttl = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QHash<QString, QLabel *> m_errorLabels;
    QPushButton *m_issue = nullptr;
    QPushButton *m_close = nullptr;
    QPushButton *m_revokeUnseen = nullptr;
    QLabel *m_revokeResult = nullptr;

    QLabel *m_issuedTitle = nullptr;
    RawKeyField *m_rawKey = nullptr;
    QLabel *m_issuedDetails = nullptr;
    QLabel *m_warnings = nullptr;
};
