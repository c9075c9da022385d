#include "ChartExportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

ChartExportDialog::ChartExportDialog(const QString &suggestedPath, ChartTheme screenTheme, QWidget *parent)
    : QDialog(parent)
    , m_screenTheme(screenTheme) {
    setObjectName(QStringLiteral("chartExportDialog"));
    setWindowTitle(tr("Export Chart"));
    m_path = new QLineEdit(suggestedPath, this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setAccessibleName(tr("File"));
    m_path->setMinimumWidth(360);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ChartExportDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PNG image"), int(ChartFormat::Png));
    m_format->addItem(tr("SVG drawing"), int(ChartFormat::Svg));
    m_format->addItem(tr("PDF document"), int(ChartFormat::Pdf));
    if (const auto f = ChartRenderer::formatFromPath(suggestedPath))
        m_format->setCurrentIndex(m_format->findData(int(*f)));
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (const auto f = ChartRenderer::formatFromPath(text)) {
            const QSignalBlocker block(m_format);
            m_format->setCurrentIndex(m_format->findData(int(*f)));
        }
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        QFileInfo info(m_path->text());
        if (!info.fileName().isEmpty())
            m_path->setText(info.path() + u'/' + info.completeBaseName() + u'.' +
                            ChartRenderer::formatName(format()));
    });

    const auto spin = [this](const QString &name, int value) {
        auto *s = new QSpinBox(this);
        s->setObjectName(name);
        s->setRange(100, 10000);
        s->setSuffix(tr(" px"));
        s->setValue(value);
        return s;
    };
    m_width = spin(QStringLiteral("exportWidth"), ChartRenderer::kDefaultSize.width());
    m_width->setAccessibleName(tr("Width"));
    m_height = spin(QStringLiteral("exportHeight"), ChartRenderer::kDefaultSize.height());
    m_height->setAccessibleName(tr("Height"));
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch();

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("exportTheme"));
    m_theme->addItem(tr("Print-friendly (light, white background)"), int(ChartTheme::Print));
    m_theme->addItem(tr("As on screen"), int(screenTheme));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChartExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ChartExportDialog::reject);

    auto *form = new QFormLayout(this);
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(tr("Look:"), m_theme);
    form->addRow(buttons);
}

QString ChartExportDialog::path() const {
    return m_path->text().trimmed();
}

ChartFormat ChartExportDialog::format() const {
    return ChartFormat(m_format->currentData().toInt());
}

QSize ChartExportDialog::size() const {
    return {m_width->value(), m_height->value()};
}

ChartTheme ChartExportDialog::theme() const {
    return ChartTheme(m_theme->currentData().toInt());
}

void ChartExportDialog::browse() {
    auto *dialog =
        new QFileDialog(this, tr("Export Chart"), path(), tr("Images and documents (*.png *.svg *.pdf)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_path->setText(file);
        if (const auto f = ChartRenderer::formatFromPath(file))
            m_format->setCurrentIndex(m_format->findData(int(*f)));
    });
    dialog->open();
}

void ChartExportDialog::accept() {
    if (path().isEmpty()) {
        m_path->setFocus();
        m_path->setPlaceholderText(tr("Choose a file to save to"));
        return;
    }
    QDialog::accept();
}
