// The ISO 4217 rule of docs/events.md: `^[A-Z]{3}$` and in the current list (vshop::find_currency).
#include <bitset>

#include "events/payload_rules.hpp"
#include "vshop/currency.hpp"

namespace vshop::events {
namespace {

constexpr std::size_t kCodes = 26 * 26 * 26;

std::size_t code_index(char a, char b, char c) {
  return static_cast<std::size_t>(((a - 'A') * 26 + (b - 'A')) * 26 + (c - 'A'));
}

// Every AAA..ZZZ code marked once from vshop::find_currency: this check runs for every
// product, and a bit test is cheaper than a binary search over 178 strings.
const std::bitset<kCodes>& active_codes() {
  static const std::bitset<kCodes> codes = [] {
    std::bitset<kCodes> bits;
    char code[3];
    for (char a = 'A'; a <= 'Z'; ++a) {
      for (char b = 'A'; b <= 'Z'; ++b) {
        for (char c = 'A'; c <= 'Z'; ++c) {
          code[0] = a;
          code[1] = b;
          code[2] = c;
          if (find_currency(std::string_view(code, 3))) bits.set(code_index(a, b, c));
        }
      }
    }
    return bits;
  }();
  return codes;
}

}  // namespace

bool is_iso_currency(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return active_codes().test(code_index(code[0], code[1], code[2]));
}

}  // namespace vshop::events
