#include "events/https_url.hpp"

#include <cctype>

namespace vshop::events {

bool is_absolute_https_url(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() <= kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(url[i])) != kScheme[i]) return false;
  }
  for (char c : url) {
    // A browser would percent-encode these; a raw space usually means a template went wrong.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
  }
  const char first_host_char = url[kScheme.size()];
  return first_host_char != '/' && first_host_char != '?' && first_host_char != '#';
}

}  // namespace vshop::events
