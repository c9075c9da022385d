#pragma once

// Budgets for tests that check time or memory: AddressSanitizer (the asan preset) makes code several
// times slower and keeps freed memory in quarantine, so a budget that holds for users is scaled for it.
#if defined(__SANITIZE_ADDRESS__)
#define DESK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DESK_ASAN 1
#endif
#endif

namespace sanitizers {
#ifdef DESK_ASAN
inline constexpr int kTimeFactor = 4;
inline constexpr int kMemoryFactor = 3;
#else
inline constexpr int kTimeFactor = 1;
inline constexpr int kMemoryFactor = 1;
#endif
} // namespace sanitizers
