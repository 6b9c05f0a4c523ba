#include "events/error_locator.hpp"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace vshop::events {

std::size_t first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // beyond U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return n;
}

std::size_t first_too_deep_bracket(std::string_view text, const std::uint32_t* structurals,
                                   std::size_t count, std::size_t max_depth) {
  std::size_t depth = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t at = structurals[k];
    if (at >= text.size()) break;
    const char c = text[at];
    if (c == '{' || c == '[') {
      if (++depth > max_depth) return at;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return text.size();
}

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
constexpr std::uint64_t kLows = 0x7F7F7F7F7F7F7F7FULL;

// 1 in each byte lane of `x` that holds '{' or '[', else 0. '[' (0x5B) and '{' (0x7B) are the
// only bytes that become '{' with bit 0x20 set; a lane is zero after the XOR exactly then.
std::uint64_t opening_bracket_lanes(std::uint64_t x) {
  const std::uint64_t y = (x | (kOnes * 0x20)) ^ (kOnes * '{');
  const std::uint64_t nonzero = ((y & kLows) + kLows) | y;  // high bit set where y's byte != 0
  return (~nonzero & kHighs) >> 7;
}

}  // namespace

std::size_t count_opening_brackets(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time where SSE2 is there (every x86-64): each lane of `lanes` counts
  // its brackets (a match is -1, subtracted), summed by psadbw at most every 255 blocks.
  const __m128i fold = _mm_set1_epi8(0x20);
  const __m128i brace = _mm_set1_epi8('{');
  while (i + 16 <= text.size()) {
    __m128i lanes = _mm_setzero_si128();
    for (int block = 0; block < 255 && i + 16 <= text.size(); ++block, i += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_or_si128(x, fold), brace));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  // Eight bytes at a time, counted in byte lanes (at most 255 words between two sums).
  while (i + 8 <= text.size()) {
    std::uint64_t lanes = 0;
    for (int word = 0; word < 255 && i + 8 <= text.size(); ++word, i += 8) {
      std::uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      lanes += opening_bracket_lanes(x);
    }
    for (; lanes != 0; lanes >>= 8) count += lanes & 0xFF;
  }
  for (; i < text.size(); ++i) count += static_cast<std::size_t>((text[i] | 0x20) == '{');
  return count;
}

namespace {

// The byte scan of string literals, one byte (or an escape pair) per step.
struct StringScan {
  bool in_string = false;
  std::size_t opened = 0;  // the opening quote of the current (or last) string

  // Reads text[i] and moves `i` past it (past the escaped byte too); true, with `i` left on it,
  // for a raw control character inside a string.
  bool step(std::string_view text, std::size_t& i) {
    const char c = text[i];
    if (!in_string) {
      if (c == '"') {
        in_string = true;
        opened = i;
      }
      ++i;
      return false;
    }
    if (c == '\\') {
      i += 2;  // the escaped character cannot end the string
      return false;
    }
    if (c == '"') {
      in_string = false;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
    ++i;
    return false;
  }
};

#if defined(__SSE2__)
// Bit k set when an odd number of bits 0..k of the 16-bit `mask` are set.
unsigned prefix_xor16(unsigned mask) {
  mask ^= mask << 1;
  mask ^= mask << 2;
  mask ^= mask << 4;
  mask ^= mask << 8;
  return mask & 0xFFFF;
}
#endif

}  // namespace

std::size_t first_string_fault(std::string_view text) {
  StringScan scan;
  const std::size_t n = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: without a backslash in them, the quotes alone tell which bytes are
  // inside a string (a prefix XOR); a block with a backslash goes byte by byte.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  while (i + 16 <= n) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(x, backslash)) != 0) {
      for (const std::size_t end = i + 16; i < end;) {
        if (scan.step(text, i)) return i;
      }
      continue;
    }
    const auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, quote)));
    const auto controls =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, control_max), x)));
    // Inside a string after byte k (an opening quote is inside, a closing one is not).
    const unsigned inside = prefix_xor16(quotes) ^ (scan.in_string ? 0xFFFFu : 0u);
    if ((controls & inside) != 0) {
      return i + static_cast<std::size_t>(std::countr_zero(controls & inside));
    }
    if (const unsigned openings = quotes & inside; openings != 0) {
      scan.opened = i + 31 - static_cast<std::size_t>(std::countl_zero(openings));
    }
    scan.in_string = (inside >> 15) != 0;
    i += 16;
  }
#endif
  while (i < n) {
    if (scan.step(text, i)) return i;
  }
  return scan.in_string ? scan.opened : n;
}

namespace {

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number_token(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

// Writes `replacement` over `token` and pads the rest with spaces (JSON whitespace).
void overwrite(char* token, std::size_t length, std::string_view replacement) {
  std::size_t i = 0;
  for (; i < replacement.size() && i < length; ++i) token[i] = replacement[i];
  for (; i < length; ++i) token[i] = ' ';
}

// Whether an integer token fits int64 (negative) or uint64 (otherwise), as simdjson needs.
bool fits_64_bits(std::string_view token) {
  const char* end = token.data() + token.size();
  std::from_chars_result result;
  if (token.front() == '-') {
    std::int64_t value = 0;
    result = std::from_chars(token.data(), end, value);
  } else {
    std::uint64_t value = 0;
    result = std::from_chars(token.data(), end, value);
  }
  return result.ec == std::errc() && result.ptr == end;
}

// `value` (an integer beyond 64 bits, so at least 1e18 in magnitude) as all its shortest
// round-trip digits and an exponent, without a decimal point: `18446744073709552e3`. At most
// 1 + 17 + 1 + 3 characters, so it fits in the 20 or more characters of the token it replaces,
// and the exponent makes simdjson read it as a double.
bool format_as_exponent(double value, std::size_t length, char* out, std::size_t& written) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  if (result.ec != std::errc()) return false;
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  const std::size_t e = text.find('e');
  if (e == std::string_view::npos) return false;
  std::string digits;
  int fraction_digits = 0;
  bool after_point = false;
  for (const char c : text.substr(0, e)) {
    if (c == '.') {
      after_point = true;
    } else {
      digits.push_back(c);
      if (after_point) ++fraction_digits;
    }
  }
  int exponent = 0;
  std::string_view exponent_text = text.substr(e + 1);
  if (!exponent_text.empty() && exponent_text.front() == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  digits += 'e' + std::to_string(exponent - fraction_digits);
  if (digits.size() > length) return false;
  std::copy(digits.begin(), digits.end(), out);
  written = digits.size();
  return true;
}

}  // namespace

std::size_t repair_numbers(std::string& text, const std::uint32_t* structurals, std::size_t count,
                           bool& changed) {
  changed = false;
  std::string token_copy;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t at = structurals[k];
    if (at >= text.size()) break;
    const char first = text[at];
    if (first != '-' && (first < '0' || first > '9')) continue;
    std::size_t end = at;
    while (end < text.size() && is_number_char(text[end])) ++end;
    const std::string_view token(text.data() + at, end - at);
    if (!is_json_number_token(token)) return at;
    token_copy.assign(token);
    errno = 0;
    const double value = std::strtod(token_copy.c_str(), nullptr);
    const bool is_integer = token.find_first_of(".eE") == std::string_view::npos;
    if (std::isinf(value)) {
      overwrite(text.data() + at, token.size(), "false");
      changed = true;
    } else if (errno == ERANGE && !is_integer) {
      overwrite(text.data() + at, token.size(), "0");  // underflow: as good as zero
      changed = true;
    } else if (is_integer && token.size() >= 19 && !fits_64_bits(token)) {
      // simdjson 3.0 refuses integers beyond 64 bits (a 20-digit one >= 2^64 too); a double
      // still holds them. The replacement has an exponent: without one, simdjson would read
      // the digits as an integer again and refuse them again.
      char buffer[64];
      std::size_t written = 0;
      if (format_as_exponent(value, token.size(), buffer, written)) {
        overwrite(text.data() + at, token.size(), std::string_view(buffer, written));
        changed = true;
      }
    }
  }
  return text.size();
}

namespace {

simdjson::error_code walk(simdjson::ondemand::value value) {
  using simdjson::ondemand::json_type;
  json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case json_type::object: {
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        simdjson::ondemand::value inner;
        if (auto error = field.value().get(inner)) return error;
        if (auto error = walk(inner)) return error;
      }
      return simdjson::SUCCESS;
    }
    case json_type::array: {
      simdjson::ondemand::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto element : array) {
        simdjson::ondemand::value inner;
        if (auto error = element.get(inner)) return error;
        if (auto error = walk(inner)) return error;
      }
      return simdjson::SUCCESS;
    }
    case json_type::number: {
      double d;
      return value.get_double().get(d);
    }
    case json_type::string: {
      std::string_view s;
      return value.get_string().get(s);
    }
    case json_type::boolean: {
      bool b;
      return value.get_bool().get(b);
    }
    case json_type::null: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::SUCCESS;
}

}  // namespace

std::size_t locate_with_on_demand(simdjson::ondemand::parser& parser, std::string_view text,
                                  std::size_t max_depth) {
  // One level of slack: depth faults are located elsewhere, here only syntax matters.
  if (parser.capacity() < text.size() + 1 || parser.max_depth() != max_depth + 1) {
    if (parser.allocate(std::max<std::size_t>(text.size() + 1, 4096), max_depth + 1)) {
      return text.size();
    }
  }
  // On-Demand reads a token cut at the end of the text up to the byte after it, so the offset
  // of such a fault would depend on what follows the document in the caller's buffer (`\0`,
  // a newline, padding). Locating a copy followed by spaces gives every entry point (the CLI,
  // validate_lines, validate_document) the same offset. Only failed documents get here.
  std::string copy;
  copy.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  copy.append(text).append(simdjson::SIMDJSON_PADDING, ' ');
  simdjson::ondemand::document doc;
  const simdjson::padded_string_view padded(copy.data(), text.size(), copy.size());
  if (parser.iterate(padded).get(doc)) return text.size();
  simdjson::ondemand::value root;
  simdjson::error_code error = doc.get_value().get(root);
  if (!error) error = walk(root);
  const char* location = nullptr;
  if (doc.current_location().get(location) || location == nullptr) return text.size();
  const auto offset = static_cast<std::size_t>(location - copy.data());
  // Without an error, a location left over is trailing content after the root value.
  return offset <= text.size() ? offset : text.size();
}

}  // namespace vshop::events
