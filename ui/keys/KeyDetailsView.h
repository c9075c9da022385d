#pragma once

#include "core/api/KeyRecord.h"

#include <QWidget>

class QLabel;
class QTextBrowser;

// The selected key in full: every field the proxy sent, its metadata, and, for a key issued from a
// role, the role and lease it came from (issued, TTL, max TTL, expiry, time left).
class KeyDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit KeyDetailsView(QWidget *parent = nullptr);

    // nullptr shows a hint to select a key.
    void showKey(const KeyRecord *key, const QDateTime &now);
    QString text() const; // what is shown, as plain text (for tests and copying)

private:
    QLabel *m_title = nullptr;
    QTextBrowser *m_body = nullptr;
};
