// Merchant settings and their bounds (SPEC §1, R-SET-1).
#include "vshop/engine/settings.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "vshop/error.hpp"
#include "vshop/hours/opening_hours.hpp"

namespace vshop {
namespace {

absl::Status out_of_bounds(std::string_view field, std::int64_t value, std::int64_t lo,
                           std::int64_t hi) {
  return error(ErrorCode::kInvalidSetting, "%s: %d is outside %d..%d", field, value, lo, hi);
}

bool known_zone(const std::string& name) { return hours::locate_iana_zone(name) != nullptr; }

}  // namespace

absl::StatusOr<Settings> apply_settings_patch(const Settings& base, const SettingsPatch& p) {
  Settings s = base;
  struct IntSetting {
    std::string_view name;
    const std::optional<std::int64_t>* value;
    std::int64_t lo, hi;
  };
  // Bounds that do not depend on another setting; offer_timeout is checked against the
  // claim window of the whole result below.
  const IntSetting ints[] = {
      {"max_active_chats", &p.max_active_chats, 1, 20},
      {"claim_window_s", &p.claim_window_s, 10, 600},
      {"offer_timeout_s", &p.offer_timeout_s, 5, 600},
      {"offer_fanout", &p.offer_fanout, 1, 50},
      {"missed_streak_limit", &p.missed_streak_limit, 1, 10},
      {"decline_streak_limit", &p.decline_streak_limit, 1, 10},
      {"transfer_timeout_s", &p.transfer_timeout_s, 10, 600},
      {"attribution_window_days", &p.attribution_window_days, 1, 90},
  };
  for (const auto& i : ints) {
    if (*i.value && (**i.value < i.lo || **i.value > i.hi)) {
      return out_of_bounds(i.name, **i.value, i.lo, i.hi);
    }
  }
  if (p.max_active_chats) s.max_active_chats = static_cast<int>(*p.max_active_chats);
  if (p.claim_window_s) s.claim_window = Duration{*p.claim_window_s * 1000};
  if (p.offer_timeout_s) s.offer_timeout = Duration{*p.offer_timeout_s * 1000};
  if (p.offer_fanout) s.offer_fanout = static_cast<int>(*p.offer_fanout);
  if (p.missed_streak_limit) s.missed_streak_limit = static_cast<int>(*p.missed_streak_limit);
  if (p.decline_streak_limit) s.decline_streak_limit = static_cast<int>(*p.decline_streak_limit);
  if (p.transfer_timeout_s) s.transfer_timeout = Duration{*p.transfer_timeout_s * 1000};
  if (p.attribution_window_days) {
    s.attribution_window_days = static_cast<int>(*p.attribution_window_days);
  }
  if (s.offer_timeout > s.claim_window) {
    return error(ErrorCode::kInvalidSetting,
                 "offer_timeout_s: %d exceeds claim_window_s %d (offer_timeout must be within "
                 "the claim window)",
                 s.offer_timeout.count() / 1000, s.claim_window.count() / 1000);
  }
  if (p.reporting_timezone) {
    if (!known_zone(*p.reporting_timezone)) {
      return error(ErrorCode::kInvalidSetting, "reporting_timezone: \"%s\" is not an IANA zone",
                   *p.reporting_timezone);
    }
    s.reporting_timezone = *p.reporting_timezone;
  }
  if (p.show_when_busy) s.show_when_busy = *p.show_when_busy;
  if (p.show_outside_opening_hours) s.show_outside_opening_hours = *p.show_outside_opening_hours;
  if (p.invite_code) {
    const std::string& code = *p.invite_code;
    const bool ok = code.size() == 7 && std::all_of(code.begin(), code.end(), [](char ch) {
                      return absl::ascii_isalnum(static_cast<unsigned char>(ch));
                    });
    if (!ok) {
      return error(ErrorCode::kInvalidSetting,
                   "invite_code: \"%s\" is not 7 characters of A-Z and 0-9", code);
    }
    s.invite_code = absl::AsciiStrToUpper(absl::string_view(code.data(), code.size()));
  }
  if (p.contact_channels) {
    std::vector<std::string> channels = *p.contact_channels;
    for (const auto& ch : channels) {
      if (ch != "email" && ch != "sms" && ch != "whatsapp") {
        return error(ErrorCode::kInvalidSetting,
                     "contact_channels: \"%s\" is not email, sms or whatsapp", ch);
      }
    }
    std::sort(channels.begin(), channels.end());
    channels.erase(std::unique(channels.begin(), channels.end()), channels.end());
    s.contact_channels = std::move(channels);
  }
  if (p.region) {
    if (*p.region != "EU" && *p.region != "US") {
      return error(ErrorCode::kInvalidSetting, "region: \"%s\" is not EU or US", *p.region);
    }
    s.region = *p.region;
  }
  return s;
}

}  // namespace vshop
