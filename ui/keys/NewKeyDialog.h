#pragma once

#include <QDialog>

class RawKeyField;

// Shows a new raw key once (after regenerating), with a Copy button (RawKeyField). The key is wiped from
// the widgets when the dialog closes and kept nowhere.
class NewKeyDialog : public QDialog {
    Q_OBJECT
public:
    NewKeyDialog(const QString &title, const QString &rawKey, const QString &details,
                 QWidget *parent = nullptr);

    int clipboardClearInterval() const;
    void setClipboardClearInterval(int ms);
    void done(int result) override;

private:
    RawKeyField *m_key = nullptr;
};
