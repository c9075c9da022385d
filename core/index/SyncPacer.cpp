#include "SyncPacer.h"

#include <algorithm>

namespace {
constexpr qint64 kSlowExtraMs = 250; // latency this far above the start's is "slower", however fast
constexpr qint64 kMaxSlowDelayMs = 30 * 1000;
} // namespace

SyncPacer::SyncPacer(int concurrency)
    : m_max(std::clamp(concurrency, 1, kMaxConcurrency))
    , m_current(m_max) {}

void SyncPacer::onSuccess(qint64 latencyMs) {
    m_failures = 0;
    if (m_baselineMs < 0 || latencyMs < m_baselineMs)
        m_baselineMs = std::max<qint64>(1, latencyMs);
    const bool slow = latencyMs > std::max(3 * m_baselineMs, m_baselineMs + kSlowExtraMs);
    if (slow) {
        // The proxy is struggling: one request at a time, and as long a pause as the answer took.
        m_current = 1;
        m_delayMs = std::min(std::max(m_delayMs * 2, latencyMs), kMaxSlowDelayMs);
        return;
    }
    if (latencyMs * 2 <= m_baselineMs * 3) { // back near the start's pace: speed up again, step by step
        m_delayMs = m_delayMs < 20 ? 0 : m_delayMs / 2;
        if (m_delayMs == 0)
            m_current = std::min(m_current + 1, m_max);
    }
}

bool SyncPacer::onFailure(const ApiError &error) {
    const bool busy =
        error.kind == ApiError::Kind::Http && (error.httpStatus == 429 || error.httpStatus == 503);
    if (!error.isTransient() || ++m_failures > (busy ? kMaxBusyRetries : kMaxRetries))
        return false;
    m_current = 1;
    m_delayMs = std::min<qint64>(qint64(1000) << (m_failures - 1), 60 * 1000);
    return true;
}
