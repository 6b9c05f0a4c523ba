#include "events/https_url.hpp"

#include <cstdint>
#include <cstring>

namespace vshop::events {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// True when some byte of `x` is below `n` (n <= 128), eight bytes at a time ("hasless" of
// Sean Anderson's bit hacks): this runs for two URLs of every product.
constexpr bool has_byte_below(std::uint64_t x, std::uint64_t n) {
  return ((x - kOnes * n) & ~x & kHighs) != 0;
}

bool has_space_or_control(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    if (has_byte_below(x, 0x21) || has_byte_below(x ^ (kOnes * 0x7F), 1)) return true;
  }
  for (; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    if (u <= 0x20 || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

bool is_absolute_https_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() <= kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    // ASCII case folding: setting bit 0x20 lower-cases letters and keeps ':' and '/' as is.
    const char c = static_cast<char>(url[i] | (kScheme[i] >= 'a' ? 0x20 : 0));
    if (c != kScheme[i]) return false;
  }
  // A browser would percent-encode these; a raw space usually means a template went wrong.
  if (has_space_or_control(url)) return false;
  const char first_host_char = url[kScheme.size()];
  return first_host_char != '/' && first_host_char != '?' && first_host_char != '#';
}

}  // namespace vshop::events
