// R-DISPLAY-1: whether the on-site chat widget shows, from the page, the shopper's geography and
// who is available now.
#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "engine/core.hpp"
#include "engine/url_glob.hpp"

namespace vshop {

using engine_detail::Core;
using engine_detail::Idx;
using engine_detail::kNone;

namespace {

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t out = 0;
  int parts = 0;
  std::size_t pos = 0;
  while (parts < 4) {
    const std::size_t end = text.find('.', pos);
    const std::string_view part =
        text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
    std::uint32_t v = 0;
    if (part.empty() || part.size() > 3 ||
        !absl::SimpleAtoi(absl::string_view(part.data(), part.size()), &v) || v > 255) {
      return std::nullopt;
    }
    out = (out << 8) | v;
    ++parts;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  if (parts != 4) return std::nullopt;
  return out;
}

// `a.b.c.d/n` (or a single address) contains `ip`.
bool cidr_contains(std::string_view cidr, std::string_view ip) {
  const auto slash = cidr.find('/');
  const auto net = parse_ipv4(cidr.substr(0, slash));
  const auto addr = parse_ipv4(ip);
  if (!net || !addr) return false;
  int bits = 32;
  if (slash != std::string_view::npos) {
    const std::string_view b = cidr.substr(slash + 1);
    if (!absl::SimpleAtoi(absl::string_view(b.data(), b.size()), &bits) || bits < 0 || bits > 32) {
      return false;
    }
  }
  const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return (*net & mask) == (*addr & mask);
}

bool geo_matches(const WidgetRules::Geo& g, const WidgetQuery& q) {
  const auto eq = [](std::string_view a, std::string_view b) {
    return !a.empty() && absl::EqualsIgnoreCase(absl::string_view(a.data(), a.size()),
                                                absl::string_view(b.data(), b.size()));
  };
  if (g.field == "country") return eq(q.country, g.value);
  if (g.field == "city") return eq(q.city, g.value);
  if (g.field == "postal_code") return eq(q.postal_code, g.value);
  if (g.field == "ip") return !q.ip.empty() && cidr_contains(g.value, q.ip);
  return false;
}

bool url_matches(const std::vector<std::string>& patterns, std::string_view url) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
    return engine_detail::glob_matches(p, url);  // R-DISPLAY-2
  });
}

}  // namespace

WidgetState Engine::widget_state(const WidgetQuery& q, const WidgetRules& rules,
                                 Instant now) const {
  // Pages: the deny list wins, then the allow list, then the page types.
  if (url_matches(rules.deny_urls, q.page_url)) return WidgetState::kHidden;
  const bool page_ok = url_matches(rules.allow_urls, q.page_url) ||
                       std::find(rules.page_types.begin(), rules.page_types.end(), q.page_type) !=
                           rules.page_types.end();
  if (!page_ok) return WidgetState::kHidden;
  WidgetState cap = WidgetState::kVisible;
  for (const auto& g : rules.geo) {
    if (!geo_matches(g, q)) continue;
    if (g.result == WidgetState::kHidden) return WidgetState::kHidden;
    cap = WidgetState::kOngoingOnly;
  }
  const Core& s = *core_;
  // Instants outside years 0001..9999 are read as the nearest end (the hours know no others).
  const std::int64_t t = std::clamp(to_epoch_ms(now), kMinEpochMs, kMaxEpochMs);
  bool someone_free = false, someone_busy = false, any_open = false;
  for (const auto& [idle, e] : s.available_all) {
    if (!s.store_open(s.experts[e].store, t)) continue;
    (s.experts[e].active_chats < s.settings.max_active_chats ? someone_free : someone_busy) = true;
  }
  for (Idx st = 0; st < s.stores.size() && !any_open; ++st) any_open = s.store_open(st, t);
  const bool shown = someone_free || (someone_busy && s.settings.show_when_busy) ||
                     (!any_open && s.settings.show_outside_opening_hours);
  WidgetState state = shown ? cap : WidgetState::kOngoingOnly;
  if (state == WidgetState::kOngoingOnly && !q.shopper.empty()) {
    // A shopper with an open chat keeps seeing it.
    const auto it = s.shopper_ids.find(absl::string_view(q.shopper.data(), q.shopper.size()));
    if (it != s.shopper_ids.end() && s.shoppers[it->second].open_chat != kNone) {
      state = WidgetState::kVisible;
    }
  }
  return state;
}

}  // namespace vshop
