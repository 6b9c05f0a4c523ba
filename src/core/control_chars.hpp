// Control characters in host text: Unicode's category Cc, that is C0 (U+0000..U+001F), DEL and
// C1 (U+0080..U+009F). Ids (R-ID-1) allow none; appointment texts allow TAB and LF.
#pragma once

#include <cstddef>
#include <string_view>

namespace vshop {

// The code point of the first control character in valid UTF-8 `text`, skipping TAB and LF when
// `allow_tab_lf`; -1 when there is none.
inline int first_control_character(std::string_view text, bool allow_tab_lf) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20) {
      if (allow_tab_lf && (c == '\t' || c == '\n')) continue;
      return c;
    }
    if (c == 0x7F) return c;
    if (c == 0xC2 && i + 1 < text.size()) {  // U+0080..U+00BF are C2 80..C2 BF
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return next;
    }
  }
  return -1;
}

}  // namespace vshop
