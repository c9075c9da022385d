#pragma once

#include "core/keys/KeyActionResult.h"
#include "core/keys/KeyUpdate.h"

#include <QDialog>
#include <QPointer>

#include <variant>

class ErrorBanner;
class KeyDirectory;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// Edits one key (/key/update through KeyDirectory::update). Only fields that differ from the key are
// sent; the change is checked as it is typed (KeyUpdate::validate) and Save stays disabled with the
// reason shown until it is valid. After saving it says what the proxy did, including fields it did not
// apply.
class KeyEditDialog : public QDialog {
    Q_OBJECT
public:
    KeyEditDialog(KeyDirectory *directory, const KeyRecord &key, QWidget *parent = nullptr);

    // The change as typed, or the reason it cannot be sent.
    std::variant<KeyUpdate, QString> change() const;

signals:
    void saved(const KeyRecord &record);

private:
    static QString unchangedText();
    void revalidate();
    void save();
    void finished(const KeyActionResult &result);

    QPointer<KeyDirectory> m_directory;
    KeyRecord m_key;
    bool m_sending = false;
    ErrorBanner *m_banner = nullptr;
    QLineEdit *m_alias = nullptr;
    QLineEdit *m_models = nullptr;
    QLineEdit *m_budget = nullptr;
    QLineEdit *m_budgetDuration = nullptr;
    QLineEdit *m_tpm = nullptr;
    QLineEdit *m_rpm = nullptr;
    QPlainTextEdit *m_metadata = nullptr;
    QLineEdit *m_expiresIn = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_save = nullptr;
};
