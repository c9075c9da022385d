#include "HealthApi.h"

#include "core/api/ErrorReason.h"
#include "core/api/Json.h"

#include <QCoreApplication>

QString roleLabel(const QString &role) {
    if (role == u"proxy_admin")
        return QCoreApplication::translate("Health", "Admin (All Permissions)");
    if (role == u"proxy_admin_viewer")
        return QCoreApplication::translate("Health", "Admin (View Only)");
    if (role == u"internal_user")
        return QCoreApplication::translate("Health", "Internal User (Create/Delete/View)");
    if (role == u"internal_user_viewer")
        return QCoreApplication::translate("Health", "Internal User (View Only)");
    if (role == u"org_admin")
        return QCoreApplication::translate("Health", "Organization Admin");
    if (role.isEmpty())
        return QCoreApplication::translate("Health", "Unknown role");
    return role;
}

namespace api {

Expected<bool> decodeLiveliness(const QByteArray &body) {
    auto v = json::parse(body);
    if (!v)
        return Unexpected(v.error());
    // "I'm alive!" in every version seen; accept any non-error answer.
    return true;
}

Expected<Readiness> decodeReadiness(const QByteArray &body) {
    auto o = json::parseObject(body);
    if (!o)
        return Unexpected(o.error());
    Readiness r;
    r.status = json::str(o->value(u"status"));
    r.db = json::str(o->value(u"db"));
    // A Redis semantic cache is reported as {"type": "redis-semantic", "index_info": ...}.
    const QJsonValue cache = o->value(u"cache");
    r.cache = json::str(cache.isObject() ? cache.toObject().value(u"type") : cache);
    r.litellmVersion = json::str(o->value(u"litellm_version"));
    r.successCallbacks = json::strList(o->value(u"success_callbacks"));
    r.lastUpdated = json::dateTime(o->value(u"last_updated"));
    if (r.status.isEmpty() && r.litellmVersion.isEmpty())
        return Unexpected(
            ApiError::decode(QStringLiteral("the readiness answer has neither status nor version"),
                             QString::fromUtf8(body.left(300))));
    return r;
}

ApiReply *liveliness(ProxyClient &client, QObject *context, Handler<bool> done) {
    return call<bool>(client, Request::get(QStringLiteral("/health/liveliness")), &decodeLiveliness, context,
                      std::move(done));
}

namespace {

// A readiness answer: 200, or 503 with the readiness body itself when the database is down (read what it
// reports, ready = false). Anything else is an error.
Expected<Readiness> readReadiness(const ApiReply *reply) {
    const bool notReady = !reply->isOk() && reply->httpStatus() == 503;
    if (!reply->isOk() && !notReady)
        return Unexpected(reply->error());
    Expected<Readiness> ready = decodeReadiness(reply->body());
    if (!ready)
        return notReady ? Unexpected(reply->error()) : std::move(ready);
    ready->ready = !notReady;
    return ready;
}

} // namespace

void readiness(ProxyClient &client, QObject *context, Handler<Readiness> done) {
    QPointer<ProxyClient> guard(&client);
    ApiReply *reply = client.send(Request::get(QStringLiteral("/health/readiness")));
    QObject::connect(reply, &ApiReply::finished, context, [reply, guard, context, done] {
        Expected<Readiness> ready = readReadiness(reply);
        if (!ready || ready->hasDetails() || !guard)
            return done(std::move(ready));
        // Newer proxies keep the details for an authenticated route; without it, the status is all.
        ApiReply *more = guard->send(Request::get(QStringLiteral("/health/readiness/details")));
        QObject::connect(more, &ApiReply::finished, context, [more, basic = *ready, done] {
            Expected<Readiness> details = readReadiness(more);
            if (!details)
                return done(basic);
            details->ready = basic.ready && details->ready;
            done(std::move(details));
        });
    });
}

namespace {

void probeAdmin(ProxyClient &client, QObject *context, CallerIdentity who, Handler<CallerIdentity> done) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("page_size"), QStringLiteral("1"));
    call<QJsonObject>(client, Request::get(QStringLiteral("/user/list"), q), &json::parseObject, context,
                      [who, done](Expected<QJsonObject> r) mutable {
                          if (r) {
                              if (who.role.isEmpty())
                                  who.role = QStringLiteral("proxy_admin");
                          } else if (!isRefused(r.error())) {
                              done(Unexpected(r.error()));
                              return;
                          }
                          done(who);
                      });
}

} // namespace

void probeCallerRole(ProxyClient &client, QObject *context, Handler<CallerIdentity> done) {
    QPointer<ProxyClient> guard(&client);
    call<QJsonObject>(client, Request::get(QStringLiteral("/key/info")), &json::parseObject, context,
                      [guard, context, done](Expected<QJsonObject> keyInfo) {
                          if (!guard)
                              return;
                          if (!keyInfo) {
                              const ApiError &e = keyInfo.error();
                              // The master key has no row: /key/info answers 404 (or 400 in some versions).
                              // If the admin-only route then answers, this is the master key.
                              if (isGone(e) || e.httpStatus == 400) {
                                  CallerIdentity master;
                                  master.userId = QStringLiteral("default_user_id");
                                  master.isMasterKey = true;
                                  probeAdmin(*guard, context, master, [done](Expected<CallerIdentity> r) {
                                      if (r && r->role.isEmpty())
                                          r->isMasterKey = false;
                                      done(std::move(r));
                                  });
                              } else {
                                  done(Unexpected(e));
                              }
                              return;
                          }
                          const auto info = json::obj(keyInfo->value(u"info"));
                          CallerIdentity who;
                          who.userId = json::str(info.value(u"user_id"));
                          who.teamId = json::str(info.value(u"team_id"));
                          if (who.userId.isEmpty()) {
                              probeAdmin(*guard, context, who, done);
                              return;
                          }
                          QUrlQuery q;
                          q.addQueryItem(QStringLiteral("user_id"), who.userId);
                          call<QJsonObject>(
                              *guard, Request::get(QStringLiteral("/user/info"), q), &json::parseObject,
                              context, [guard, context, who, done](Expected<QJsonObject> userInfo) mutable {
                                  if (userInfo) {
                                      const auto row = json::obj(userInfo->value(u"user_info"));
                                      who.role = json::str(row.value(u"user_role"));
                                  }
                                  if (!who.role.isEmpty() || !guard) {
                                      done(who);
                                      return;
                                  }
                                  probeAdmin(*guard, context, who, done);
                              });
                      });
}

} // namespace api
