// Instants and durations: the only notion of time in vshop. The core never reads a clock
// (R-TIME-1); every instant comes from the host.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "vshop/export.hpp"

namespace vshop {

// A point in time: UTC, millisecond resolution.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

// Milliseconds since the Unix epoch, and back.
constexpr std::int64_t to_epoch_ms(Instant t) { return t.time_since_epoch().count(); }
constexpr Instant from_epoch_ms(std::int64_t ms) { return Instant{Duration{ms}}; }

// Instants accepted at the text boundaries: years 0001..9999.
inline constexpr std::int64_t kMinEpochMs = -62135596800000;  // 0001-01-01T00:00:00Z
inline constexpr std::int64_t kMaxEpochMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

// Parses an RFC 3339 timestamp (`2026-03-07T10:00:00Z`, `...T10:00:00.250+01:00`; `t`/`z`
// and a space separator accepted, fractions beyond milliseconds truncated) (R-TIME-2).
// Fails with invalid_argument naming `field` and the text.
VSHOP_API absl::StatusOr<Instant> parse_rfc3339(std::string_view text,
                                                std::string_view field = "at");

// Parses an instant given either as RFC 3339 or as integer milliseconds since the epoch.
VSHOP_API absl::StatusOr<Instant> parse_instant(std::string_view text,
                                                std::string_view field = "at");

// Checks that epoch milliseconds lie in the supported range; fails naming `field`.
VSHOP_API absl::StatusOr<Instant> instant_from_ms(std::int64_t ms, std::string_view field = "at");

// Canonical text of an instant: `YYYY-MM-DDTHH:MM:SSZ`, `.mmm` only when the milliseconds are
// not zero (docs/reference.md §11).
VSHOP_API std::string format_instant(Instant t);

// Appends the canonical text of `t` to `out` (no allocation beyond `out`'s growth).
VSHOP_API void append_instant(std::string& out, Instant t);

}  // namespace vshop
