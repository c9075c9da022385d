#include "PreferencesDialog.h"

#include "ui/Appearance.h"
#include "ui/TextStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
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
    m_closeToTray = new QCheckBox(tr("&Keep watching in the tray when the window is closed"), this);
    m_closeToTray->setObjectName(QStringLiteral("closeToTrayCheck"));
    m_closeToTray->setToolTip(
        tr("Applies from the next start; where the desktop has no tray, closing quits"));
    m_closeToTray->setChecked(QSettings().value(QStringLiteral("watch/closeToTray"), true).toBool());
    connect(m_closeToTray, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("watch/closeToTray"), on); });
    auto *form = new QFormLayout;
    form->addRow(tr("&Colours:"), m_theme);
    form->addRow(m_closeToTray);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addStretch();
    layout->addWidget(buttons);
}
