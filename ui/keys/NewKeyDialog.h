#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

// Shows a new raw key once (after regenerating), with a Copy button. A copied key is cleared from the
// clipboard after clipboardClearInterval() if the clipboard still holds it; the key is wiped from the
// widgets when the dialog closes and kept nowhere.
class NewKeyDialog : public QDialog {
    Q_OBJECT
public:
    NewKeyDialog(const QString &title, const QString &rawKey, const QString &details,
                 QWidget *parent = nullptr);

    int clipboardClearInterval() const { return m_clipboardClearMs; }
    void setClipboardClearInterval(int ms) { m_clipboardClearMs = ms; }
    void done(int result) override;

private:
    void copyKey();

    int m_clipboardClearMs = 30000;
    QLineEdit *m_rawKey = nullptr;
    QLabel *m_copied = nullptr;
};
