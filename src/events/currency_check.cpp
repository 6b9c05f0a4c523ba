// The ISO 4217 rule of EVENTS.md: `^[A-Z]{3}$` and in the current list (vshop::find_currency).
#include "events/payload_rules.hpp"
#include "vshop/currency.hpp"

namespace vshop::events {

bool is_iso_currency(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return find_currency(code).has_value();
}

}  // namespace vshop::events
