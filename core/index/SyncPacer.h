#pragma once

#include "core/api/ApiError.h"

#include <QtGlobal>

// How hard a sync may ask the proxy: at most `concurrency` requests at once (1 unless asked, never
// more than 4); fewer and further apart when the proxy's latency rises well above what it was at the
// start; growing pauses on 429, 503 and other transient failures (1 s, 2 s, 4 s, ... up to a minute).
// Plain logic over measured times, so it is tested without a network.
class SyncPacer {
public:
    static constexpr int kMaxConcurrency = 4;
    // A timeout or a dropped connection is tried again this many times, after 1, 2 and 4 s: a proxy that
    // is gone ends the sync in seconds (resumable later), not after minutes of waiting.
    static constexpr int kMaxRetries = 3;
    // A 429 or 503 has already been asked again by the client, after the proxy's Retry-After: the sync
    // slows down and tries only this many more times, so the two waits do not multiply into minutes.
    static constexpr int kMaxBusyRetries = 2;

    explicit SyncPacer(int concurrency = 1);

    int concurrency() const { return m_current; } // requests allowed in flight now
    int maxConcurrency() const { return m_max; }
    qint64 delayMs() const { return m_delayMs; } // wait this long before the next request
    qint64 baselineMs() const { return m_baselineMs; }

    void onSuccess(qint64 latencyMs);
    // False when the sync should stop here: the failure is not transient, or too many came in a row.
    bool onFailure(const ApiError &error);

private:
    int m_max = 1;
    int m_current = 1;
    qint64 m_delayMs = 0;
    qint64 m_baselineMs = -1;
    int m_failures = 0;
};
