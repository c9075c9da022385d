#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

// A new raw key, shown once: a line that says so, the key (read-only, fixed width) with a Copy button,
// and what copying did. A copied key is cleared from the clipboard after clipboardClearInterval() if the
// clipboard still holds it. wipe() overwrites the key in the widget; the dialogs that show a key call it
// when they close, so the key is kept nowhere.
class RawKeyField : public QWidget {
    Q_OBJECT
public:
    explicit RawKeyField(QWidget *parent = nullptr);

    void setKey(const QString &rawKey);
    void wipe();

    int clipboardClearInterval() const { return m_clipboardClearMs; }
    void setClipboardClearInterval(int ms) { m_clipboardClearMs = ms; }

private:
    void copyKey();

    int m_clipboardClearMs = 30000;
    QLineEdit *m_rawKey = nullptr;
    QLabel *m_copied = nullptr;
};
