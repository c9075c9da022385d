#pragma once

#include "core/api/ApiError.h"

// What an HTTP error means, for callers to decide on: they switch on this, never on the message text,
// which is for people only.
enum class ErrorReason {
    Other,
    Unauthenticated, // 401: the key is missing, wrong, expired or blocked
    Forbidden,       // the key is valid but its role may not do this (refusedRole() names it when known)
    NotFound,        // LiteLLM's own answer that the key, user or team asked about does not exist
    NoRoute,         // nothing answers at this path: a wrong proxy URL (path prefix) or an older proxy
    Enterprise,      // the feature needs LiteLLM Enterprise
    RateLimited,     // 429
    Unavailable,     // 502, 503, 504: the proxy or its database is down or overloaded
    AlreadyExists,   // 400: the alias or id asked for is taken ("Key with alias 'x' already exists")
};

ErrorReason errorReason(const ApiError &error);
// LiteLLM's own not-found for the item asked about: the key, user or team is gone. A route 404
// ({"detail":"Not Found"} from FastAPI, or a gateway's page) is not.
inline bool isGone(const ApiError &error) {
    return errorReason(error) == ErrorReason::NotFound;
}
inline bool isNoRoute(const ApiError &error) {
    return errorReason(error) == ErrorReason::NoRoute;
}
// The alias or id asked for is already in use.
inline bool isTaken(const ApiError &error) {
    return errorReason(error) == ErrorReason::AlreadyExists;
}
// The key was refused: it is wrong (Unauthenticated) or its role may not do this (Forbidden).
inline bool isRefused(const ApiError &error) {
    const ErrorReason r = errorReason(error);
    return r == ErrorReason::Unauthenticated || r == ErrorReason::Forbidden;
}
// The role LiteLLM says the refused key has ("... Your role=proxy_admin_viewer"), or empty.
QString refusedRole(const ApiError &error);
// Completes an HTTP error with what only the request knows: the action a refused role may not do
// ("may not delete keys"), and that a missing route means the proxy URL is wrong.
void describeForRoute(ApiError &error, const QString &path);
