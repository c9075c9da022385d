#pragma once

#include "core/connection/Profile.h"

#include <QDialog>
#include <QPointer>

class MemorySecretStore;
class ProfileStore;
class ProxyClient;
class ProxyProbe;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class SecretStore;
struct ProbeResult;

// The connection manager: add, edit, duplicate, remove and test saved connections, and connect.
// Profiles go to QSettings without any secret; a typed master key goes to the keychain (or, when the
// keychain cannot be used and the user agrees, to this session's memory only).
class ConnectionsDialog : public QDialog {
    Q_OBJECT
public:
    ConnectionsDialog(ProfileStore *profiles, SecretStore *keychain, MemorySecretStore *session,
                      QWidget *parent = nullptr);
    ~ConnectionsDialog() override;

    void selectProfile(const QString &id);
    QString selectedId() const;

signals:
    void connectRequested(const QString &profileId);

private:
    void reload(const QString &selectId = {});
    void showProfile(const QString &id);
    Profile formProfile() const;
    void updateState();
    void addProfile();
    void duplicateProfile();
    void removeProfile();
    void testProfile();
    void saveProfile(bool thenConnect);
    void storeKeyThen(const Profile &p, const QString &key, bool sessionOnly, bool thenConnect);
    bool confirmPlainHttp(Profile &p);
    void showProbe(const ProbeResult &result);
    void chooseColor();
    void chooseCaFile();

    QPointer<ProfileStore> m_profiles;
    QPointer<SecretStore> m_keychain;
    QPointer<MemorySecretStore> m_session;

    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_auth = nullptr;
    QComboBox *m_environment = nullptr;
    QPushButton *m_color = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_pin = nullptr;
    QSpinBox *m_timeout = nullptr;
    QLineEdit *m_key = nullptr;
    QCheckBox *m_sessionOnly = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_testResult = nullptr;
    QPushButton *m_pinButton = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_connect = nullptr;

    QString m_currentId; // empty while a new profile is being added
    QString m_colorName;
    bool m_plainHttpConfirmed = false;
    QString m_offeredPin; // fingerprint from the last TLS failure
    ProxyClient *m_testClient = nullptr;
    ProxyProbe *m_probe = nullptr;
};
