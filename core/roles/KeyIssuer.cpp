#include "KeyIssuer.h"

#include "core/api/Call.h"
#include "core/api/ErrorReason.h"
#include "core/api/Json.h"

KeyIssuer::KeyIssuer(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_fixedSuffix(randomSuffix()) {}

PlanResult KeyIssuer::preview(const Role &role, const IssueChoices &choices) const {
    return planKey(role, choices, QDateTime::currentDateTimeUtc(), m_fixedSuffix);
}

void KeyIssuer::cancel() {
    m_canceled = true;
    if (m_client)
        m_client->cancelAll();
}

void KeyIssuer::issue(const Role &role, const IssueChoices &choices) {
    m_canceled = false;
    send(role, choices, 0);
}

void KeyIssuer::send(const Role &role, const IssueChoices &choices, int attempt) {
    const PlanResult planned = planKey(role, choices, QDateTime::currentDateTimeUtc(), m_fixedSuffix);
    if (!planned.plan) {
        emit invalid(planned.errors);
        return;
    }
    if (!m_client)
        return;
    const KeyPlan plan = *planned.plan;
    api::call<QJsonObject>(
        *m_client, Request::post(QStringLiteral("/key/generate"), plan.body), &json::parseObject, this,
        [this, role, choices, attempt, plan](Expected<QJsonObject> reply) {
            if (m_canceled)
                return;
            if (!reply) {
                ApiError e = reply.error();
                if (isTaken(e)) {
                    if (choices.label.trimmed().isEmpty() && attempt < 3) {
                        m_fixedSuffix = randomSuffix();
                        send(role, choices, attempt + 1);
                        return;
                    }
                    e.message = tr("A key with the alias \"%1\" already exists.").arg(plan.alias);
                    e.hint = tr("Choose another label, or leave it empty for a random one.");
                }
                emit failed(e);
                return;
            }
            IssuedKey k;
            k.rawKey = json::str(reply->value(u"key"));
            if (!k.rawKey.startsWith(u"sk-")) {
                emit failed(ApiError::decode(tr("the reply to /key/generate holds no key")));
                return;
            }
            k.token = json::str(reply->value(u"token"));
            if (k.token.isEmpty())
                k.token = json::str(reply->value(u"token_id"));
            k.alias = json::str(reply->value(u"key_alias"));
            k.expires = json::dateTime(reply->value(u"expires"));
            k.request = plan.body;
            k.reply = *reply;
            k.reply.remove(QStringLiteral("key")); // the raw key lives in rawKey only
            k.warnings = compareKeyReply(plan.body, *reply);
            m_fixedSuffix = randomSuffix(); // the next key gets a new one
            emit issued(k);
        });
}
