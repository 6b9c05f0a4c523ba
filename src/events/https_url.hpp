// The URL rule of `image` and `location`: an absolute `https:` URL with a host.
#pragma once

#include <string_view>

namespace vshop::events {

// True for `https://host...` (scheme case-insensitive, RFC 3986), a non-empty host and no
// whitespace or control characters. False for `http:`, `//cdn...`, relative paths, "".
bool is_absolute_https_url(std::string_view url);

}  // namespace vshop::events
