#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;

// Preferences that are remembered: the colour scheme (system, light or dark; it applies at once) and
// whether closing the window keeps watching in the tray.
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

private:
    QComboBox *m_theme = nullptr;
    QCheckBox *m_closeToTray = nullptr;
};
