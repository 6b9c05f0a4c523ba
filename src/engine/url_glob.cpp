// Glob matching over whole URLs (R-DISPLAY-2), the greedy two-pointer algorithm: on a mismatch,
// retry from the last `*` one character further, never more than once per text position.
#include "engine/url_glob.hpp"

namespace vshop::engine_detail {
namespace {

// Bytes of the UTF-8 character starting at text[at] (1 for a stray byte), so that `?` and the
// retries of `*` step over whole characters.
std::size_t char_len(std::string_view text, std::size_t at) {
  std::size_t n = 1;
  while (at + n < text.size() && (static_cast<unsigned char>(text[at + n]) & 0xC0) == 0x80) ++n;
  return n;
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '?') {
      ++p;
      t += char_len(text, t);
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      resume += char_len(text, resume);
      t = resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace vshop::engine_detail
