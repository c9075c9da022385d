#pragma once

#include "core/api/ApiError.h"
#include "core/roles/KeyPlan.h"

#include <QObject>
#include <QPointer>

#include <functional>

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

// A key the proxy created, or may have created, whose raw key was never shown: it cannot be used and
// should be revoked (by its alias) before issuing again.
struct UnseenKey {
    QString alias;
    bool certain = false; // the proxy answered 2xx, so the key exists; else it may exist
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
    // Revokes a key left unseen (by its alias): true when it was revoked, false when no such key exists.
    void revokeUnseen(const UnseenKey &key, QObject *context, std::function<void(Expected<bool>)> done);

signals:
    void issued(const IssuedKey &key);
    void invalid(const QList<FieldError> &errors);
    // failed() after a request that may have created the key: `key` says which alias to look for. The
    // error's message and hint say so too, for front ends that only show the error.
    void failed(const ApiError &error);
    void leftUnseen(const UnseenKey &key);

private:
    void send(const Role &role, const IssueChoices &choices, int attempt);

    QPointer<ProxyClient> m_client;
    QString m_fixedSuffix; // preview and issue use the same random suffix until it is taken
    bool m_canceled = false;
};
