// The ISO 4217 currency list (active codes as amended to 2025), with each code's minor-unit
// exponent. Used by sales attribution (exact money) and the tracking-event validator.
#pragma once

#include <optional>
#include <string_view>

#include "vshop/export.hpp"

namespace vshop {

struct CurrencyInfo {
  std::string_view code;  // three upper-case letters
  int exponent;           // digits after the decimal point; 0 where ISO says "N.A."
};

// The entry for an active ISO 4217 code (exact, case-sensitive: "sek" is not a code).
VSHOP_API std::optional<CurrencyInfo> find_currency(std::string_view code);

}  // namespace vshop
