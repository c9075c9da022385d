#pragma once

#include "core/api/ClientConfig.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Asks where the proxy is, for its key (typed with echo off) and how to send it. The key is handed
// over in connectRequested() and wiped from the dialog; it is never stored.
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectDialog(QWidget *parent = nullptr);

    void setUrl(const QUrl &url);

signals:
    void connectRequested(const ClientConfig &config, const QString &key);

private:
    void validate();
    void submit();

    QLineEdit *m_url = nullptr;
    QLineEdit *m_key = nullptr;
    QComboBox *m_authStyle = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
