#pragma once

#include "core/api/ApiError.h"
#include "core/roles/KeyPlan.h"

#include <QObject>
#include <QPointer>

class ProxyClient;

// What came back from issuing a key. `rawKey` is shown once and never stored by the app.
struct IssuedKey {
    QString rawKey;
    QString token; // the hash, the key's id
    QString alias;
    QDateTime expires; // invalid: never
    QJsonObject request;
    QJsonObject reply;
    QStringList warnings; // fields the proxy dropped or changed (compareKeyReply)
};

// Issues a key from a role: plans the request, sends /key/generate, retries with a new random suffix
// when a generated alias is taken (never when the user typed the label), and compares the reply.
class KeyIssuer : public QObject {
    Q_OBJECT
public:
    explicit KeyIssuer(ProxyClient *client, QObject *parent = nullptr);

    // The request it would send, for the "exact request" preview. Errors are per field.
    PlanResult preview(const Role &role, const IssueChoices &choices) const;
    void issue(const Role &role, const IssueChoices &choices);
    void cancel();

signals:
    void issued(const IssuedKey &key);
    void invalid(const QList<FieldError> &errors);
    void failed(const ApiError &error);

private:
    void send(const Role &role, const IssueChoices &choices, int attempt);

    QPointer<ProxyClient> m_client;
    QString m_fixedSuffix; // preview and issue use the same random suffix until it is taken
    bool m_canceled = false;
};
