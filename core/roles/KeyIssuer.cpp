#include "KeyIssuer.h"

#include "core/api/Call.h"
#include "core/api/ErrorReason.h"
#include "core/api/Json.h"
#include "core/api/KeyApi.h"

namespace {

// After /key/generate was sent, an answer that could not be read means the key may exist: a 2xx whose
// body did not decode (it does), a timeout, a dropped or capped reply, a gateway's 502 or 504 (it may).
// A refusal from the proxy (4xx, 500, 503) means it made nothing.
std::optional<UnseenKey> unseenAfter(const ApiError &e, const QString &alias) {
    switch (e.kind) {
    case ApiError::Kind::Decode:
        return UnseenKey{alias, true};
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Network:
    case ApiError::Kind::TooLarge:
        return UnseenKey{alias, false};
    case ApiError::Kind::Http:
        if (e.httpStatus == 502 || e.httpStatus == 504)
            return UnseenKey{alias, false};
        return std::nullopt;
    case ApiError::Kind::Tls:
    case ApiError::Kind::Canceled:
        return std::nullopt;
    }
    return std::nullopt;
}

void describeUnseen(ApiError &e, const UnseenKey &key) {
    const QString was = e.message;
    e.message =
        key.certain
            ? KeyIssuer::tr("The proxy created the key \"%1\", but its reply could not be read (%2), so "
                            "its raw key was never shown and the key cannot be used.")
                  .arg(key.alias, was)
            : KeyIssuer::tr("%1 The proxy may have created the key \"%2\" all the same; its raw key "
                            "was never shown.")
                  .arg(was, key.alias);
    e.hint = KeyIssuer::tr("Revoke the key \"%1\" (it cannot be used without its raw key), then issue "
                           "again.")
                 .arg(key.alias);
}

} // namespace

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

void KeyIssuer::revokeUnseen(const UnseenKey &key, QObject *context,
                             std::function<void(Expected<bool>)> done) {
    if (!m_client)
        return;
    api::deleteKeysByAlias(*m_client, {key.alias}, context, [done](Expected<QStringList> r) {
        if (r)
            return done(true);
        if (isGone(r.error())) // LiteLLM's own "not found": the key was never made
            return done(false);
        done(Unexpected(r.error()));
    });
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
                if (const auto unseen = unseenAfter(e, plan.alias)) {
                    describeUnseen(e, *unseen);
                    emit leftUnseen(*unseen);
                    emit failed(e);
                    return;
                }
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
                ApiError e = ApiError::decode(tr("the reply to /key/generate holds no key"));
                const UnseenKey unseen{plan.alias, true};
                describeUnseen(e, unseen);
                emit leftUnseen(unseen);
                emit failed(e);
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
