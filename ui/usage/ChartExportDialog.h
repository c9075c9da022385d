#pragma once

#include "ui/charts/ChartRenderer.h"
#include "ui/charts/ChartStyle.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

// Where and how to save a chart: the file (its suffix picks PNG, SVG or PDF), the size in pixels and
// the look (as on screen, or print-friendly light). Opened with open(); accepted() then means the
// fields are valid.
class ChartExportDialog : public QDialog {
    Q_OBJECT
public:
    ChartExportDialog(const QString &suggestedPath, ChartTheme screenTheme, QWidget *parent = nullptr);

    QString path() const;
    ChartFormat format() const;
    QSize size() const;
    ChartTheme theme() const;

    void accept() override;

private:
    void browse();

    QLineEdit *m_path = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QComboBox *m_theme = nullptr;
    ChartTheme m_screenTheme;
};
