// Merchant settings and their bounds (docs/reference.md §1, R-SET-1): the table of every setting
// (settings_table.hpp) and the functions that it drives.
#include "vshop/engine/settings.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "engine/settings_table.hpp"
#include "vshop/error.hpp"
#include "vshop/hours/opening_hours.hpp"

namespace vshop {
namespace {

using simdjson::dom::element;

absl::Status mistyped(std::string_view key, std::string_view want) {
  return error(ErrorCode::kInvalidArgument, "%s: must be %s", key, want);
}

// --- The JSON form of a configure value, by its type in SettingsPatch. ---------------------

absl::Status read_json(element v, std::string_view key, std::int64_t& out) {
  if (!v.is_int64() || v.get_int64().get(out) != simdjson::SUCCESS) {
    return mistyped(key, "an integer");
  }
  return absl::OkStatus();
}
absl::Status read_json(element v, std::string_view key, bool& out) {
  if (v.get_bool().get(out) != simdjson::SUCCESS) return mistyped(key, "true or false");
  return absl::OkStatus();
}
absl::Status read_json(element v, std::string_view key, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return mistyped(key, "a string");
  out.assign(s.data(), s.size());
  return absl::OkStatus();
}
absl::Status read_json(element v, std::string_view key, std::vector<std::string>& out) {
  simdjson::dom::array a;
  if (v.get_array().get(a) != simdjson::SUCCESS) return mistyped(key, "a list of strings");
  out.clear();
  for (element item : a) {
    if (auto st = read_json(item, key, out.emplace_back()); !st.ok()) return st;
  }
  return absl::OkStatus();
}

void write_json(JsonWriter& out, std::int64_t v) { out.integer(v); }
void write_json(JsonWriter& out, bool v) { out.boolean(v); }
void write_json(JsonWriter& out, const std::string& v) { out.string(v); }
void write_json(JsonWriter& out, const std::vector<std::string>& v) {
  out.begin_array();
  for (const auto& s : v) out.string(s);
  out.end_array();
}

// --- Kinds of setting: how a configure value is checked and stored, and read back. ---------
// apply(key, value, member) checks `value` (invalid_setting naming the key) and stores it;
// value_of(member) is the configure value of a stored setting (nullopt: unset).

struct Integer {
  std::int64_t lo, hi;
  absl::Status apply(std::string_view key, std::int64_t v, int& out) const {
    if (v < lo || v > hi) {
      return error(ErrorCode::kInvalidSetting, "%s: %d is outside %d..%d", key, v, lo, hi);
    }
    out = static_cast<int>(v);
    return absl::OkStatus();
  }
  std::optional<std::int64_t> value_of(int v) const { return v; }
};

struct Seconds {  // a Duration set in whole seconds
  std::int64_t lo, hi;
  absl::Status apply(std::string_view key, std::int64_t v, Duration& out) const {
    int tmp = 0;
    if (auto st = Integer{lo, hi}.apply(key, v, tmp); !st.ok()) return st;
    out = Duration{v * 1000};
    return absl::OkStatus();
  }
  std::optional<std::int64_t> value_of(Duration d) const { return d.count() / 1000; }
};

struct Flag {
  absl::Status apply(std::string_view, bool v, bool& out) const {
    out = v;
    return absl::OkStatus();
  }
  std::optional<bool> value_of(bool v) const { return v; }
};

struct Zone {  // an IANA time zone name
  absl::Status apply(std::string_view key, const std::string& v, std::string& out) const {
    if (hours::locate_iana_zone(v) == nullptr) {
      return error(ErrorCode::kInvalidSetting, "%s: \"%s\" is not an IANA zone", key, v);
    }
    out = v;
    return absl::OkStatus();
  }
  std::optional<std::string> value_of(const std::string& v) const { return v; }
};

struct Code {  // 7 characters [A-Z0-9], matched case-insensitively, stored upper-case; "" = none
  absl::Status apply(std::string_view key, const std::string& v, std::string& out) const {
    const bool ok = v.size() == 7 && std::all_of(v.begin(), v.end(), [](char ch) {
                      return absl::ascii_isalnum(static_cast<unsigned char>(ch));
                    });
    if (!ok) {
      return error(ErrorCode::kInvalidSetting, "%s: \"%s\" is not 7 characters of A-Z and 0-9", key,
                   v);
    }
    out = absl::AsciiStrToUpper(absl::string_view(v.data(), v.size()));
    return absl::OkStatus();
  }
  std::optional<std::string> value_of(const std::string& v) const {
    if (v.empty()) return std::nullopt;
    return v;
  }
};

// "a, b or c"
std::string alternatives(std::span<const std::string_view> choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " or " : ", ";
    out += choices[i];
  }
  return out;
}

absl::Status check_choice(std::string_view key, const std::string& v,
                          std::span<const std::string_view> choices) {
  if (std::find(choices.begin(), choices.end(), v) != choices.end()) return absl::OkStatus();
  return error(ErrorCode::kInvalidSetting, "%s: \"%s\" is not %s", key, v, alternatives(choices));
}

struct Choice {  // one of a fixed list
  std::span<const std::string_view> choices;
  absl::Status apply(std::string_view key, const std::string& v, std::string& out) const {
    if (auto st = check_choice(key, v, choices); !st.ok()) return st;
    out = v;
    return absl::OkStatus();
  }
  std::optional<std::string> value_of(const std::string& v) const { return v; }
};

struct ChoiceList {  // a subset of a fixed list, stored sorted without repeats
  std::span<const std::string_view> choices;
  absl::Status apply(std::string_view key, const std::vector<std::string>& v,
                     std::vector<std::string>& out) const {
    for (const auto& item : v) {
      if (auto st = check_choice(key, item, choices); !st.ok()) return st;
    }
    out = v;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return absl::OkStatus();
  }
  std::optional<std::vector<std::string>> value_of(const std::vector<std::string>& v) const {
    return v;
  }
};

// --- The table. -------------------------------------------------------------------------

template <typename T, typename P, typename Kind>
struct Row {
  using Value = P;
  std::string_view key;                    // configure key (docs/reference.md §11) = snapshot key
  T Settings::*member;                     // the setting in force
  std::optional<P> SettingsPatch::*patch;  // the setting in a configure command
  Kind kind;
};

template <typename T, typename P, typename Kind>
constexpr Row<T, P, Kind> row(std::string_view key, T Settings::*member,
                              std::optional<P> SettingsPatch::*patch, Kind kind) {
  return {key, member, patch, kind};
}

constexpr std::string_view kChannels[] = {"email", "sms", "whatsapp"};
constexpr std::string_view kRegions[] = {"EU", "US"};

// Adding a setting: a member in Settings (with its default) and in SettingsPatch, and a row.
// offer_timeout_s is also checked against claim_window_s (check_whole below).
const auto kRows = std::make_tuple(
    row("max_active_chats", &Settings::max_active_chats, &SettingsPatch::max_active_chats,
        Integer{1, 20}),
    row("claim_window_s", &Settings::claim_window, &SettingsPatch::claim_window_s,
        Seconds{10, 600}),
    row("offer_timeout_s", &Settings::offer_timeout, &SettingsPatch::offer_timeout_s,
        Seconds{5, 600}),
    row("offer_fanout", &Settings::offer_fanout, &SettingsPatch::offer_fanout, Integer{1, 50}),
    row("missed_streak_limit", &Settings::missed_streak_limit, &SettingsPatch::missed_streak_limit,
        Integer{1, 10}),
    row("decline_streak_limit", &Settings::decline_streak_limit,
        &SettingsPatch::decline_streak_limit, Integer{1, 10}),
    row("transfer_timeout_s", &Settings::transfer_timeout, &SettingsPatch::transfer_timeout_s,
        Seconds{10, 600}),
    row("attribution_window_days", &Settings::attribution_window_days,
        &SettingsPatch::attribution_window_days, Integer{1, 90}),
    row("metrics_retention_days", &Settings::metrics_retention_days,
        &SettingsPatch::metrics_retention_days, Integer{1, 36600}),
    row("reporting_timezone", &Settings::reporting_timezone, &SettingsPatch::reporting_timezone,
        Zone{}),
    row("show_when_busy", &Settings::show_when_busy, &SettingsPatch::show_when_busy, Flag{}),
    row("show_outside_opening_hours", &Settings::show_outside_opening_hours,
        &SettingsPatch::show_outside_opening_hours, Flag{}),
    row("invite_code", &Settings::invite_code, &SettingsPatch::invite_code, Code{}),
    row("contact_channels", &Settings::contact_channels, &SettingsPatch::contact_channels,
        ChoiceList{kChannels}),
    row("region", &Settings::region, &SettingsPatch::region, Choice{kRegions}));

template <typename F>
void for_each_row(F&& f) {
  std::apply([&](const auto&... r) { (f(r), ...); }, kRows);
}

template <typename F>
void with_row(std::size_t i, F&& f) {
  std::size_t n = 0;
  for_each_row([&](const auto& r) {
    if (n++ == i) f(r);
  });
}

// Bounds between settings, checked on the whole result.
absl::Status check_whole(const Settings& s) {
  if (s.offer_timeout > s.claim_window) {
    return error(ErrorCode::kInvalidSetting,
                 "offer_timeout_s: %d exceeds claim_window_s %d (offer_timeout must be within "
                 "the claim window)",
                 s.offer_timeout.count() / 1000, s.claim_window.count() / 1000);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Settings> apply_settings_patch(const Settings& base, const SettingsPatch& p) {
  Settings s = base;
  absl::Status st;
  for_each_row([&](const auto& r) {
    if (st.ok() && (p.*r.patch)) st = r.kind.apply(r.key, *(p.*r.patch), s.*r.member);
  });
  if (!st.ok()) return st;
  if (auto whole = check_whole(s); !whole.ok()) return whole;
  return s;
}

namespace settings_table {

std::size_t size() { return std::tuple_size_v<decltype(kRows)>; }

std::string_view key(std::size_t i) {
  std::string_view out;
  with_row(i, [&](const auto& r) { out = r.key; });
  return out;
}

absl::Status read_patch_value(std::size_t i, element value, SettingsPatch& patch) {
  absl::Status st;
  with_row(i, [&](const auto& r) {
    auto& slot = patch.*r.patch;
    st = read_json(value, r.key, slot.emplace());
    if (!st.ok()) slot.reset();
  });
  return st;
}

void write_patch_value(JsonWriter& out, std::size_t i, const SettingsPatch& patch) {
  with_row(i, [&](const auto& r) {
    if (const auto& v = patch.*r.patch) {
      out.key(r.key);
      write_json(out, *v);
    }
  });
}

void write_all(JsonWriter& out, const Settings& settings) {
  for_each_row([&](const auto& r) {
    out.key(r.key);
    if (const auto v = r.kind.value_of(settings.*r.member)) {
      write_json(out, *v);
    } else {
      out.null();
    }
  });
}

absl::StatusOr<Settings> read_all(simdjson::dom::object object) {
  Settings s;
  const Settings defaults;
  absl::Status st;
  for_each_row([&](const auto& r) {
    if (!st.ok()) return;
    element e;
    if (object[r.key].get(e) != simdjson::SUCCESS) {
      st = error(ErrorCode::kInvalidArgument, "%s: missing", r.key);
      return;
    }
    if (e.is_null()) {  // only for a setting that is unset by default
      if (r.kind.value_of(defaults.*r.member)) st = mistyped(r.key, "set");
      return;
    }
    typename std::remove_cvref_t<decltype(r)>::Value value;
    st = read_json(e, r.key, value);
    if (st.ok()) st = r.kind.apply(r.key, value, s.*r.member);
  });
  if (!st.ok()) return st;
  if (object.size() != size()) {
    for (auto [k, v] : object) {
      bool known = false;
      for (std::size_t i = 0; i < size(); ++i) known = known || key(i) == k;
      if (!known) return error(ErrorCode::kInvalidArgument, "%s: unknown setting", k);
    }
    return error(ErrorCode::kInvalidArgument, "settings: a setting is given twice");
  }
  if (auto whole = check_whole(s); !whole.ok()) return whole;
  return s;
}

}  // namespace settings_table
}  // namespace vshop
