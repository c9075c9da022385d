#include "LeaseManager.h"

#include "core/api/Call.h"
#include "core/api/ErrorReason.h"
#include "core/api/Json.h"
#include "core/roles/KeyPlan.h"

#include <QJsonArray>

namespace {

constexpr int kPageSize = 100;
constexpr int kMaxPages = 200; // 20,000 leases per role: beyond that, something is wrong with the filter

} // namespace

struct ListState {
    int pending = 0;
    bool failed = false;
    QHash<QString, LeasedKey> byToken;
};

LeaseManager::LeaseManager(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

void LeaseManager::cancel() {
    ++m_generation;
    if (m_client)
        m_client->cancelAll();
}

void LeaseManager::list(const QList<Role> &roles) {
    ++m_generation;
    auto state = std::make_shared<ListState>();
    if (roles.isEmpty()) {
        emit listed({});
        return;
    }
    state->pending = static_cast<int>(roles.size());
    for (const auto &role : roles)
        listRole(role, 1, state);
}

void LeaseManager::listRole(const Role &role, int page, std::shared_ptr<ListState> state) {
    if (!m_client)
        return;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("return_full_object"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("key_alias"), role.keyAliasPrefix + u'-' + role.name + u'-');
    q.addQueryItem(QStringLiteral("substring_matching"), QStringLiteral("true"));
    q.addQueryItem(QStringLiteral("page"), QString::number(page));
    q.addQueryItem(QStringLiteral("size"), QString::number(kPageSize));
    const int generation = m_generation;
    api::call<QJsonObject>(
        *m_client, Request::get(QStringLiteral("/key/list"), q), &json::parseObject, this,
        [this, role, page, state, generation](Expected<QJsonObject> reply) {
            if (generation != m_generation || state->failed)
                return;
            if (!reply) {
                state->failed = true;
                emit listFailed(reply.error());
                return;
            }
            const QJsonArray keys = reply->value(u"keys").toArray();
            for (const auto &v : keys) {
                const QJsonObject row =
                    v.toObject(); // hash-only rows (old proxies) carry no metadata: skipped
                const auto lease =
                    Lease::fromKey(json::obj(row.value(u"metadata")), json::dateTime(row.value(u"expires")));
                if (!lease || lease->role != role.name)
                    continue;
                LeasedKey k;
                k.token = json::str(row.value(u"token"));
                k.alias = json::str(row.value(u"key_alias"));
                k.userId = json::str(row.value(u"user_id"));
                k.teamId = json::str(row.value(u"team_id"));
                k.spend = json::num(row.value(u"spend"));
                k.lease = *lease;
                if (!k.token.isEmpty())
                    state->byToken.insert(k.token, k);
            }
            const int totalPages = static_cast<int>(json::integer(reply->value(u"total_pages"), 1));
            if (!keys.isEmpty() && page < totalPages && page < kMaxPages) {
                listRole(role, page + 1, state);
                return;
            }
            if (--state->pending == 0) {
                QList<LeasedKey> out = state->byToken.values();
                std::sort(out.begin(), out.end(), [](const LeasedKey &a, const LeasedKey &b) {
                    if (a.lease.expires.isValid() != b.lease.expires.isValid())
                        return a.lease.expires.isValid();
                    return a.lease.expires < b.lease.expires ||
                           (a.lease.expires == b.lease.expires && a.alias < b.alias);
                });
                emit listed(out);
            }
        });
}

void LeaseManager::renew(const LeasedKey &key) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const RenewPlan plan = planRenewal(key.lease, now);
    if (!plan.possible) {
        emit renewRefused(key, plan.message);
        return;
    }
    if (!m_client)
        return;
    const QJsonObject body{{QStringLiteral("key"), key.token}, {QStringLiteral("duration"), plan.duration}};
    api::call<QJsonObject>(
        *m_client, Request::post(QStringLiteral("/key/update"), body), &json::parseObject, this,
        [this, key, plan](Expected<QJsonObject> reply) {
            if (!reply) {
                emit renewFailed(key, reply.error());
                return;
            }
            LeasedKey updated = key;
            updated.lease.expires = json::dateTime(reply->value(u"expires"));
            // The proxy counts the duration from its own clock: allow for the request's time in flight.
            if (!updated.lease.expires.isValid() ||
                std::llabs(updated.lease.expires.secsTo(plan.newExpiry)) > 120) {
                ApiError e;
                e.kind = ApiError::Kind::Decode;
                e.message = tr("The proxy did not set the new expiry: asked for %1, it answered %2.")
                                .arg(json::isoUtc(plan.newExpiry), updated.lease.expires.isValid()
                                                                       ? json::isoUtc(updated.lease.expires)
                                                                       : tr("no expiry"));
                e.hint = tr("Check the key on the proxy before relying on it.");
                emit renewFailed(key, e);
                return;
            }
            emit renewed(updated, plan);
        });
}

void LeaseManager::revoke(const QList<LeasedKey> &keys) {
    if (keys.isEmpty() || !m_client) {
        emit revoked({});
        return;
    }
    // One request per key, so that one failure does not hide the others' outcome.
    auto outcomes = std::make_shared<QList<KeyOutcome>>();
    auto pending = std::make_shared<int>(static_cast<int>(keys.size()));
    for (const auto &k : keys) {
        const QJsonObject body{{QStringLiteral("keys"), QJsonArray{k.token}}};
        api::call<QJsonObject>(*m_client, Request::post(QStringLiteral("/key/delete"), body),
                               &json::parseObject, this,
                               [this, k, outcomes, pending](Expected<QJsonObject> reply) {
                                   KeyOutcome o{k.token, k.alias, true, tr("revoked")};
                                   if (!reply) {
                                       if (isGone(reply.error())) {
                                           o.message = tr("already gone");
                                       } else {
                                           o.ok = false;
                                           o.message = reply.error().toString();
                                       }
                                   }
                                   outcomes->append(o);
                                   if (--*pending == 0)
                                       emit revoked(*outcomes);
                               });
    }
}

void LeaseManager::tidy(const Role &role) {
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto failure = std::make_shared<QMetaObject::Connection>();
    *connection =
        connect(this, &LeaseManager::listed, this, [this, connection, failure](const QList<LeasedKey> &all) {
            disconnect(*connection);
            disconnect(*failure);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            QList<LeasedKey> expired;
            for (const auto &k : all)
                if (k.lease.isExpired(now))
                    expired << k;
            revoke(expired);
        });
    *failure = connect(this, &LeaseManager::listFailed, this, [this, connection, failure](const ApiError &) {
        disconnect(*connection);
        disconnect(*failure);
    });
    list({role});
}
