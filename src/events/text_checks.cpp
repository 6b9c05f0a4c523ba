#include "events/text_checks.hpp"

#include <array>

namespace vshop::events {
namespace {

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8) {
    // Every code point has exactly one byte that is not a continuation byte (top bits 10).
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string_view trim_ascii(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

bool looks_like_template_leak(std::string_view text) {
  static constexpr std::array<std::string_view, 4> kLeaks = {"undefined", "null", "nan",
                                                             "[object object]"};
  const std::string_view trimmed = trim_ascii(text);
  for (std::string_view leak : kLeaks) {
    if (equals_ignoring_ascii_case(trimmed, leak)) return true;
  }
  return text.find("{{") != std::string_view::npos || text.find("${") != std::string_view::npos;
}

}  // namespace vshop::events
