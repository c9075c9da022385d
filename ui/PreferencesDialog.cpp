#include "PreferencesDialog.h"

#include "ui/Appearance.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("Follow the system"), int(appearance::Theme::System));
    m_theme->addItem(tr("Light"), int(appearance::Theme::Light));
    m_theme->addItem(tr("Dark"), int(appearance::Theme::Dark));
    m_theme->setCurrentIndex(m_theme->findData(int(appearance::savedTheme())));
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const auto theme = appearance::Theme(m_theme->currentData().toInt());
        appearance::saveTheme(theme);
        appearance::apply(theme);
    });
    auto *hint =
        new QLabel(tr("Charts exported for print can use the light theme whatever is chosen here."), this);
    hint->setWordWrap(true);
    textstyle::setMuted(hint);
    auto *form = new QFormLayout;
    form->addRow(tr("&Colours:"), m_theme);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addStretch();
    layout->addWidget(buttons);
}
