// Merchant settings (docs/reference.md §1): one engine instance = one merchant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop {

struct Settings {
  int max_active_chats = 3;                      // per expert, 1..20
  Duration claim_window = Duration{90'000};      // request -> missed, 10 s..10 min
  Duration offer_timeout = Duration{30'000};     // one wave, 5 s..claim_window
  int offer_fanout = 5;                          // experts per wave, 1..50
  int missed_streak_limit = 3;                   // 1..10
  int decline_streak_limit = 3;                  // 1..10
  Duration transfer_timeout = Duration{60'000};  // 10 s..10 min
  int attribution_window_days = 1;               // 1..90, fixed 24 h days
  std::string reporting_timezone = "UTC";        // IANA name
  int metrics_retention_days = 400;              // per-day analytics detail kept, 1..36600
  bool show_when_busy = false;
  bool show_outside_opening_hours = false;
  std::string invite_code;                    // 7 chars [A-Z0-9], stored upper-case; "" = none
  std::vector<std::string> contact_channels;  // sorted subset of email, sms, whatsapp
  std::string region = "EU";                  // EU or US
  friend bool operator==(const Settings&, const Settings&) = default;
};

// A `configure` command: only the settings it names (docs/reference.md §11 field names).
struct SettingsPatch {
  std::optional<std::int64_t> max_active_chats, claim_window_s, offer_timeout_s, offer_fanout,
      missed_streak_limit, decline_streak_limit, transfer_timeout_s, attribution_window_days,
      metrics_retention_days;
  std::optional<std::string> reporting_timezone, invite_code, region;
  std::optional<bool> show_when_busy, show_outside_opening_hours;
  std::optional<std::vector<std::string>> contact_channels;
};

// The settings after applying `patch` to `base`, checked as a whole (R-SET-1): fails with
// invalid_setting naming the setting and the value; `base` is never modified.
VSHOP_API absl::StatusOr<Settings> apply_settings_patch(const Settings& base,
                                                        const SettingsPatch& patch);

}  // namespace vshop
