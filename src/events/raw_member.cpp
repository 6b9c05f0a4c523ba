#include "events/raw_member.hpp"

namespace vshop::events {
namespace {

// The container opening at structural `first` up to its matching closing bracket.
std::string_view container_at(std::string_view text, const std::uint32_t* structurals,
                              std::size_t count, std::size_t first) {
  std::size_t depth = 0;
  for (std::size_t k = first; k < count && structurals[k] < text.size(); ++k) {
    const char c = text[structurals[k]];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        return text.substr(structurals[first], structurals[k] - structurals[first] + 1);
      }
    }
  }
  return {};
}

}  // namespace

std::string_view raw_member_container(std::string_view text, const std::uint32_t* structurals,
                                      std::size_t count, std::string_view key) {
  std::size_t depth = 0;
  bool expect_key = false;  // the next structural at depth 1 is a member name
  for (std::size_t k = 0; k < count && structurals[k] < text.size(); ++k) {
    const std::size_t at = structurals[k];
    const char c = text[at];
    if (c == '{' || c == '[') {
      ++depth;
      expect_key = depth == 1 && c == '{';
    } else if (c == '}' || c == ']') {
      if (depth == 0) return {};
      --depth;
      expect_key = false;
    } else if (c == ',') {
      expect_key = depth == 1;
    } else if (c == '"' && expect_key) {
      // The parse succeeded, so a name starting with `key"` is exactly `key` (a quote inside a
      // name would be escaped). Structural k + 1 is the colon, k + 2 the value.
      const std::string_view name = text.substr(at + 1);
      if (name.size() > key.size() && name.substr(0, key.size()) == key &&
          name[key.size()] == '"' && k + 2 < count && structurals[k + 2] < text.size()) {
        const char open = text[structurals[k + 2]];
        if (open != '{' && open != '[') return {};
        return container_at(text, structurals, count, k + 2);
      }
      expect_key = false;
    } else {
      expect_key = false;
    }
  }
  return {};
}

}  // namespace vshop::events
