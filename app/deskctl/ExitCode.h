#pragma once

#include "core/api/ApiError.h"
#include "core/api/ErrorReason.h"

// litellm-deskctl's exit codes, distinct so scripts can tell failures apart.
enum class ExitCode : int {
    Ok = 0,
    Failure = 1,    // a local failure (the simulator could not listen, output could not be written)
    Usage = 2,      // bad or missing arguments
    Connection = 3, // network, TLS or timeout: the proxy could not be reached or did not answer
    Auth = 4,       // HTTP 401/403: the key is wrong, or its role is not allowed to do this
    Api = 5,        // any other HTTP error, or an answer that could not be read
    Alerts = 10,    // watch --once: the pass found open alerts (it printed them)
};

inline ExitCode exitCodeFor(const ApiError &error) {
    switch (error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Tls:
    case ApiError::Kind::Timeout:
        return ExitCode::Connection;
    case ApiError::Kind::Http:
        return isRefused(error) ? ExitCode::Auth : ExitCode::Api;
    case ApiError::Kind::Canceled:
    case ApiError::Kind::Decode:
    case ApiError::Kind::TooLarge:
        return ExitCode::Api;
    }
    return ExitCode::Api;
}
