#include "AboutDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

QStringList AboutDialog::versionLines(const QString &proxyName, const QString &proxyVersion) {
    QStringList lines{
        tr("LiteLLM Desk %1").arg(QStringLiteral(DESK_VERSION)),
        tr("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        tr("QtKeychain %1").arg(QStringLiteral(DESK_QTKEYCHAIN_VERSION)),
        tr("simdjson %1").arg(QStringLiteral(DESK_SIMDJSON_VERSION)),
        tr("System: %1 (%2)").arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture()),
    };
    if (proxyName.isEmpty())
        lines << tr("Proxy: not connected");
    else if (proxyVersion.isEmpty())
        lines << tr("Proxy: %1, LiteLLM version unknown").arg(proxyName);
    else
        lines << tr("Proxy: %1, LiteLLM %2").arg(proxyName, proxyVersion);
    return lines;
}

AboutDialog::AboutDialog(const QString &proxyName, const QString &proxyVersion, QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About LiteLLM Desk"));
    auto *icon = new QLabel(this);
    icon->setPixmap(windowIcon().pixmap(64, 64));
    auto *title = new QLabel(tr("<h3>LiteLLM Desk %1</h3><p>A desktop console for the people who run LiteLLM "
                                "proxies: usage, keys, roles and leases.</p>")
                                 .arg(QStringLiteral(DESK_VERSION)),
                             this);
    title->setWordWrap(true);
    const QStringList lines = versionLines(proxyName, proxyVersion);
    auto *versions = new QLabel(lines.join(u'\n'), this);
    versions->setObjectName(QStringLiteral("versions"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyVersions"));
    connect(copy, &QPushButton::clicked, this,
            [lines] { QApplication::clipboard()->setText(lines.join(u'\n')); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(versions);
    layout->addWidget(buttons);
}
