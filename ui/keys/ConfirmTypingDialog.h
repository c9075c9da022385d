#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

// Asks for a destructive action to be confirmed by typing a word (a key's alias, the number of keys or
// "delete"); the confirm button stays disabled until one of the accepted words is typed.
class ConfirmTypingDialog : public QDialog {
    Q_OBJECT
public:
    ConfirmTypingDialog(const QString &title, const QString &message, const QStringList &accepted,
                        const QString &confirmText, QWidget *parent = nullptr);

private:
    QStringList m_accepted;
    QLineEdit *m_input = nullptr;
    QPushButton *m_confirm = nullptr;
};
