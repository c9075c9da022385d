#pragma once

#include <QDialog>

class QComboBox;

// Preferences that apply at once and are remembered: the colour scheme (system, light or dark).
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

private:
    QComboBox *m_theme = nullptr;
};
