#pragma once

#include <QDialog>

// Version of the app, of Qt and of the libraries it was built with, and of the proxy it is connected to,
// in a selectable text that can be copied into a bug report.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    // `proxyVersion` empty: not connected (or the proxy did not say).
    AboutDialog(const QString &proxyName, const QString &proxyVersion, QWidget *parent = nullptr);

    // The lines shown under "Versions" (tests read them).
    static QStringList versionLines(const QString &proxyName, const QString &proxyVersion);
};
