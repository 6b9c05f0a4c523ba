// Exact money for sales attribution (R-ATTR-2): amounts are decimal strings or integers in
// minor units, scaled by the currency's ISO 4217 exponent; never binary floating point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace vshop::attribution {

struct Money {
  std::int64_t minor = 0;  // amount in minor units (cents for EUR, yen for JPY)
  int exponent = 0;        // the currency's minor-unit exponent
  std::string currency;    // ISO 4217 code
  friend bool operator==(const Money&, const Money&) = default;
};

// Parses a decimal string (`"89.95"`, `"-3"`, at most `exponent` fraction digits) for
// `currency`. Fails with invalid_argument naming `field` (or `currency`) and the value.
absl::StatusOr<Money> parse_money(std::string_view amount, std::string_view currency,
                                  std::string_view field = "subtotal");

// An amount given as integer minor units.
absl::StatusOr<Money> money_from_minor(std::int64_t minor, std::string_view currency,
                                       std::string_view field = "subtotal");

// The canonical decimal text (`89.95`, `1000`, `0.05`).
std::string format_money(const Money& money);

}  // namespace vshop::attribution
