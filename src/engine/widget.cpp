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

namespace engine_detail {

WidgetState Core::widget_decision(const WidgetQuery& q, const WidgetRules& rules, std::int64_t t,
                                  std::vector<WidgetReason>* reasons) const {
  const auto why = [&](WidgetReason r) {
    if (reasons != nullptr) reasons->push_back(r);
  };
  // Pages: the deny list wins, then the allow list, then the page types.
  if (url_matches(rules.deny_urls, q.page_url)) {
    why(WidgetReason::kUrlDenied);
    return WidgetState::kHidden;
  }
  const bool page_ok = url_matches(rules.allow_urls, q.page_url) ||
                       std::find(rules.page_types.begin(), rules.page_types.end(), q.page_type) !=
                           rules.page_types.end();
  if (!page_ok) {
    if (!rules.allow_urls.empty()) why(WidgetReason::kUrlNotAllowed);
    why(WidgetReason::kPageTypeNotShown);
    return WidgetState::kHidden;
  }
  WidgetState cap = WidgetState::kVisible;
  for (const auto& g : rules.geo) {
    if (!geo_matches(g, q)) continue;
    if (g.result == WidgetState::kHidden) {
      why(WidgetReason::kGeoHidden);
      return WidgetState::kHidden;
    }
    cap = WidgetState::kOngoingOnly;
  }
  bool someone_free = false, someone_busy = false, any_open = false;
  for (const auto& [idle, e] : available_all) {
    if (!store_open(experts[e].store, t)) continue;
    (experts[e].active_chats < settings.max_active_chats ? someone_free : someone_busy) = true;
  }
  for (Idx st = 0; st < stores.size() && !any_open; ++st) any_open = store_open(st, t);
  const bool shown = someone_free || (someone_busy && settings.show_when_busy) ||
                     (!any_open && settings.show_outside_opening_hours);
  WidgetState state = shown ? cap : WidgetState::kOngoingOnly;
  if (state == WidgetState::kOngoingOnly && !q.shopper.empty()) {
    // A shopper with an open chat keeps seeing it.
    const auto it = shopper_ids.find(absl::string_view(q.shopper.data(), q.shopper.size()));
    if (it != shopper_ids.end() && shoppers[it->second].open_chat != kNone) {
      state = WidgetState::kVisible;
    }
  }
  if (reasons == nullptr) return state;
  if (state == WidgetState::kVisible) {
    why(WidgetReason::kShown);
  } else if (cap == WidgetState::kOngoingOnly) {
    why(WidgetReason::kGeoOngoingOnly);
  }
  if (state != WidgetState::kVisible && !shown) {
    if (!any_open) {
      why(WidgetReason::kOutsideOpeningHours);
    } else if (someone_busy) {
      why(WidgetReason::kAllExpertsBusy);
    } else {
      why(WidgetReason::kNoExpertAvailable);
    }
  }
  return state;
}

}  // namespace engine_detail

WidgetState Engine::widget_state(const WidgetQuery& q, const WidgetRules& rules,
                                 Instant now) const {
  // Instants outside years 0001..9999 are read as the nearest end (the hours know no others).
  const std::int64_t t = std::clamp(to_epoch_ms(now), kMinEpochMs, kMaxEpochMs);
  return core_->widget_decision(q, rules, t, nullptr);
}

WidgetExplanation Engine::explain_widget(const WidgetQuery& q, const WidgetRules& rules,
                                         Instant now) const {
  const std::int64_t t = std::clamp(to_epoch_ms(now), kMinEpochMs, kMaxEpochMs);
  WidgetExplanation out;
  out.state = core_->widget_decision(q, rules, t, &out.reasons);
  return out;
}

}  // namespace vshop
