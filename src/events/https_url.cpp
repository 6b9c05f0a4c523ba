#include "events/https_url.hpp"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (every x86-64).
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7F);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i at_most_space = _mm_cmpeq_epi8(_mm_min_epu8(x, space), x);
    if (_mm_movemask_epi8(_mm_or_si128(at_most_space, _mm_cmpeq_epi8(x, del))) != 0) return true;
  }
#endif
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

// The first eight bytes of `text` as one word (memory order).
std::uint64_t word_of(const char* text) {
  std::uint64_t word;
  std::memcpy(&word, text, 8);
  return word;
}

}  // namespace

bool is_absolute_https_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() <= kScheme.size()) return false;
  // ASCII case folding of the five letters: setting bit 0x20 lower-cases a letter, and only
  // 'H' and 'h' become 'h' (and so on); ':' and '/' are compared as they are.
  static constexpr char kFold[8] = {0x20, 0x20, 0x20, 0x20, 0x20, 0, 0, 0};
  if ((word_of(url.data()) | word_of(kFold)) != word_of(kScheme.data())) return false;
  // A browser would percent-encode these; a raw space usually means a template went wrong.
  if (has_space_or_control(url)) return false;
  const char first_host_char = url[kScheme.size()];
  return first_host_char != '/' && first_host_char != '?' && first_host_char != '#';
}

}  // namespace vshop::events
