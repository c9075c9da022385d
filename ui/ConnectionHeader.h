#pragma once

#include "core/api/ProxyClient.h" // ProxyProbe.h keeps a QPointer<ProxyClient>
#include "core/connection/ProxyProbe.h"

#include <QColor>
#include <QUrl>
#include <QWidget>

class QLabel;
struct Profile;

// The connection at a glance, for the window's toolbar: a chip in the profile's colour with its name
// and environment, a coloured state (connecting, connected, error), the proxy's URL, its LiteLLM
// version and database state, and the caller's role.
class ConnectionHeader : public QWidget {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Error };
    Q_ENUM(State)

    explicit ConnectionHeader(QWidget *parent = nullptr);

    State state() const { return m_state; }
    // The chip: the profile's name and environment on its colour. clearProfile() hides it.
    void setProfile(const Profile &profile);
    void clearProfile();
    QString profileText() const;
    QColor profileColor() const { return m_chipColor; }

    // `why` replaces "Not connected" (e.g. "Logged out", "Key needed").
    void setDisconnected(const QString &why = {});
    void setConnecting(const QUrl &url);
    // Shows what the probe found; a probe that ended in an error shows the error state.
    void setProbeResult(const ProbeResult &result);

private:
    void setState(State state, const QString &text, const QString &toolTip = {});

    State m_state = State::Disconnected;
    QColor m_chipColor;
    QLabel *m_chip = nullptr;
    QLabel *m_dot = nullptr;
    QLabel *m_stateText = nullptr;
    QLabel *m_url = nullptr;
    QLabel *m_version = nullptr;
    QLabel *m_database = nullptr;
    QLabel *m_role = nullptr;
};
