#pragma once

#include "core/api/Call.h"
#include "core/api/Health.h"

namespace api {

Expected<bool> decodeLiveliness(const QByteArray &body);
Expected<Readiness> decodeReadiness(const QByteArray &body);

ApiReply *liveliness(ProxyClient &client, QObject *context, Handler<bool> done);
// /health/readiness, and /health/readiness/details when the first says only its status. A 503 that
// carries a readiness body is an answer (ready = false), not an error.
void readiness(ProxyClient &client, QObject *context, Handler<Readiness> done);

// Finds the caller's role: a key with no /key/info row and admin rights is the master key (proxy_admin);
// otherwise /key/info gives the user, /user/info gives the role; /user/list answers only admins.
void probeCallerRole(ProxyClient &client, QObject *context, Handler<CallerIdentity> done);

} // namespace api
