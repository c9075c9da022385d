#include "ConnectionHeader.h"

#include "core/connection/Profile.h"
#include "ui/TextStyle.h"

#include <QHBoxLayout>
#include <QLabel>

namespace {

QLabel *makeLabel(QWidget *parent, const QString &name) {
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *separator(QWidget *parent) {
    auto *line = new QLabel(QStringLiteral("│"), parent);
    line->setStyleSheet(QStringLiteral("color: palette(mid);"));
    return line;
}

// The state's colour from the palette (textstyle's tones), so light, dark and high-contrast all read.
void paint(QLabel *label, ConnectionHeader::State state) {
    switch (state) {
    case ConnectionHeader::State::Connected:
        return textstyle::setTone(label, textstyle::Tone::Success);
    case ConnectionHeader::State::Connecting:
        return textstyle::setTone(label, textstyle::Tone::Warning);
    case ConnectionHeader::State::Error:
        return textstyle::setTone(label, textstyle::Tone::Error);
    case ConnectionHeader::State::Disconnected:
        textstyle::clearTone(label);
        return textstyle::setMuted(label);
    }
}

} // namespace

ConnectionHeader::ConnectionHeader(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("connectionHeader"));
    m_chip = new QLabel(this);
    m_chip->setObjectName(QStringLiteral("profileChip"));
    m_chip->setVisible(false);
    m_dot = new QLabel(QStringLiteral("●"), this);
    m_dot->setObjectName(QStringLiteral("connectionDot"));
    QFont large = m_dot->font();
    large.setPointSize(14);
    m_dot->setFont(large);
    m_stateText = makeLabel(this, QStringLiteral("connectionState"));
    QFont bold = m_stateText->font();
    bold.setBold(true);
    m_stateText->setFont(bold);
    m_url = makeLabel(this, QStringLiteral("proxyUrl"));
    m_version = makeLabel(this, QStringLiteral("litellmVersion"));
    m_database = makeLabel(this, QStringLiteral("databaseState"));
    m_role = makeLabel(this, QStringLiteral("callerRole"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->setSpacing(8);
    layout->addWidget(m_chip);
    layout->addWidget(m_dot);
    layout->addWidget(m_stateText);
    layout->addWidget(separator(this));
    layout->addWidget(m_url);
    for (QLabel *label : {m_version, m_database, m_role}) {
        layout->addWidget(separator(this));
        layout->addWidget(label);
    }
    setDisconnected();
}

void ConnectionHeader::setState(State state, const QString &text, const QString &toolTip) {
    m_state = state;
    paint(m_dot, state);
    m_stateText->setText(text);
    paint(m_stateText, state);
    m_stateText->setToolTip(toolTip);
    m_dot->setToolTip(toolTip);
}

void ConnectionHeader::setProfile(const Profile &profile) {
    m_chipColor =
        QColor(profile.color.isEmpty() ? Profile::defaultColor(profile.environment) : profile.color);
    if (!m_chipColor.isValid())
        m_chipColor = QColor(QStringLiteral("#546e7a"));
    // Dark text on light colours, white on dark ones (relative luminance).
    const double luminance =
        0.2126 * m_chipColor.redF() + 0.7152 * m_chipColor.greenF() + 0.0722 * m_chipColor.blueF();
    const QString text = luminance > 0.55 ? QStringLiteral("#1b1b1b") : QStringLiteral("#ffffff");
    m_chip->setStyleSheet(QStringLiteral("QLabel#profileChip { background: %1; color: %2; border-radius: 9px;"
                                         " padding: 2px 10px; font-weight: 600; }")
                              .arg(m_chipColor.name(), text));
    m_chip->setText(profile.environment.isEmpty()
                        ? profile.name
                        : QStringLiteral("%1 · %2").arg(profile.name, profile.environment));
    m_chip->setToolTip(tr("Connection: %1\n%2").arg(profile.name, profile.baseUrl.toDisplayString()));
    m_chip->setVisible(true);
    m_url->setText(profile.baseUrl.toDisplayString());
}

void ConnectionHeader::clearProfile() {
    m_chipColor = QColor();
    m_chip->clear();
    m_chip->setVisible(false);
}

QString ConnectionHeader::profileText() const {
    return m_chip->isVisibleTo(this) ? m_chip->text() : QString();
}

void ConnectionHeader::setDisconnected(const QString &why) {
    setState(State::Disconnected, why.isEmpty() ? tr("Not connected") : why);
    if (m_chip->isHidden())
        m_url->setText(tr("No proxy"));
    for (QLabel *label : {m_version, m_database, m_role})
        label->clear();
}

void ConnectionHeader::setConnecting(const QUrl &url) {
    setState(State::Connecting, tr("Connecting…"));
    m_url->setText(url.toDisplayString());
    m_version->setText(tr("LiteLLM …"));
    m_database->setText(tr("Database …"));
    m_role->setText(tr("Role …"));
}

void ConnectionHeader::setProbeResult(const ProbeResult &result) {
    if (result.readinessKnown) {
        const Readiness &r = result.readiness;
        m_version->setText(r.litellmVersion.isEmpty() ? tr("LiteLLM (version unknown)")
                                                      : tr("LiteLLM %1").arg(r.litellmVersion));
        // Newer proxies may keep the database state to themselves: that is not a fault.
        const bool down = r.dbReported() && !r.dbConnected();
        m_database->setText(!r.dbReported() ? tr("Database: not reported")
                            : down          ? tr("Database: %1").arg(r.db)
                                            : tr("Database connected"));
        if (down)
            textstyle::setTone(m_database, textstyle::Tone::Error);
        else
            textstyle::clearTone(m_database);
    } else {
        m_version->setText(tr("LiteLLM (version unknown)"));
        m_database->setText(tr("Database unknown"));
    }
    m_role->setText(result.callerKnown ? roleLabel(result.caller.role) : tr("Role unknown"));
    if (result.error) {
        setState(State::Error, tr("Connection failed"), result.error->toString());
        return;
    }
    setState(State::Connected, tr("Connected"));
}
