// Reading numbers from simdjson DOM elements the docs/events.md way: an "integer" may be written
// with a zero fraction (`2.0`), and only finite doubles are numbers.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "simdjson.h"

namespace vshop::events {

// The element's value when it is a JSON number (any of int64, uint64, double), else nullopt.
// Inline: it runs for several fields of every product.
inline std::optional<double> as_number(simdjson::dom::element value) {
  // get_double converts int64 and uint64 too; anything else is INCORRECT_TYPE. A double that
  // is not finite cannot come from simdjson, but the rule is "finite doubles only".
  double d;
  if (value.get_double().get(d) || !std::isfinite(d)) return std::nullopt;
  return d;
}

// The element's value when it is a number with no fraction that fits in int64, else nullopt.
std::optional<std::int64_t> as_integer(simdjson::dom::element value);

// An id as text: a string as is, an integer (also `12.0`) in decimal; nullopt otherwise.
std::optional<std::string> id_text(simdjson::dom::element value);

}  // namespace vshop::events
