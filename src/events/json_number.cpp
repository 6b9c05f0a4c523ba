#include "events/json_number.hpp"

#include <cmath>

namespace vshop::events {

std::optional<std::int64_t> as_integer(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::INT64:
      return value.get_int64().value_unsafe();
    case simdjson::dom::element_type::UINT64: {
      const std::uint64_t u = value.get_uint64().value_unsafe();
      if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<std::int64_t>(u);
    }
    case simdjson::dom::element_type::DOUBLE: {
      const double d = value.get_double().value_unsafe();
      // 2^63 is the first double past int64; a fraction makes it "not an integer".
      if (!std::isfinite(d) || std::trunc(d) != d || d < -9.2233720368547758e18 ||
          d >= 9.2233720368547758e18) {
        return std::nullopt;
      }
      return static_cast<std::int64_t>(d);
    }
    default:
      return std::nullopt;
  }
}

std::optional<std::string> id_text(simdjson::dom::element value) {
  if (value.is_string()) return std::string(value.get_string().value_unsafe());
  if (value.type() == simdjson::dom::element_type::UINT64) {
    return std::to_string(value.get_uint64().value_unsafe());
  }
  if (auto n = as_integer(value)) return std::to_string(*n);
  return std::nullopt;
}

}  // namespace vshop::events
