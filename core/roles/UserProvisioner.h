#pragma once

#include "core/api/ApiError.h"
#include "core/roles/Role.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <variant>

class ProxyClient;

// What a new user gets unless a role or the admin says otherwise.
struct UserDefaults {
    double maxBudget = 10;
    QString budgetDuration = QStringLiteral("30d");
    QStringList models; // empty: all
    QStringList teams;
    std::optional<qint64> tpmLimit;
    std::optional<qint64> rpmLimit;
    QMap<QString, QString> metadata{{QStringLiteral("source"), QStringLiteral("litellm-desk")}};
};

struct NewUser {
    QString userId; // "jane.doe", or "jane.doe@example.com"
    QString email;  // empty: the user id when it is an address
    QString domain; // optional: turns "jane.doe" into "jane.doe@<domain>"
    QString userRole = QStringLiteral("internal_user");
    QStringList teams;
    QString roleName; // the role whose fields override the defaults (see suggestRole)
};

// The first role suited to the user's teams: the role listing one of them earliest in its `teams`
// (its priority order); ties go to the role that comes first by name. Empty when none fits.
QString suggestRole(const QList<Role> &roles, const QStringList &userTeams);
// The /user/new body for a user, the defaults, and the role (its fields win where it sets them).
// Returns an error message instead when the input is invalid.
std::variant<QJsonObject, QString> userRequest(const NewUser &user, const UserDefaults &defaults,
                                               const Role *role);

// Creates a user the way LiteLLM needs it: /user/new without minting a key, /user/update with the same
// fields (some versions drop user_role on create), then reads the user back and reports every field the
// proxy did not keep.
class UserProvisioner : public QObject {
    Q_OBJECT
public:
    explicit UserProvisioner(ProxyClient *client, QObject *parent = nullptr);

    void provision(const QJsonObject &request);
    // The same for a user that exists already (a create that failed part-way): applies the fields with
    // /user/update and reads the user back, without /user/new.
    void finish(const QJsonObject &request);

signals:
    void provisioned(const QString &userId, const QJsonObject &stored, const QStringList &warnings);
    // failed() after /user/new was sent: the user exists (`certain`: the proxy said so) or may exist, but
    // its fields were not applied. finish() completes it. The error's message and hint say so too.
    void leftUnfinished(const QString &userId, bool certain);
    void failed(const ApiError &error);
    void progress(const QString &step);

private:
    void apply(const QJsonObject &request, bool created);
    void failAfterCreate(ApiError error, const QString &userId, bool certain);

    QPointer<ProxyClient> m_client;
};
