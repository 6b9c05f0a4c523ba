// The one description of the merchant settings (docs/reference.md §1, R-SET-1): a row per setting
// gives its configure key, its `Settings` and `SettingsPatch` members, its kind and bounds.
// Configure parsing, bounds checking, the configure journal line and the snapshot's settings all go
// through these functions, so a setting cannot be written one way and read another.
// Defaults stay in `Settings`' member initializers (include/vshop/engine/settings.hpp).
#pragma once

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/json_writer.hpp"
#include "simdjson.h"
#include "vshop/engine/settings.hpp"

namespace vshop::settings_table {

// Number of settings (rows), and the configure key of row `row` (table order = the order of
// docs/reference.md §1).
std::size_t size();
std::string_view key(std::size_t row);

// Reads the JSON value of row `row` from a configure line into `patch` (type checks only;
// bounds are checked by apply_settings_patch). invalid_argument naming the key.
absl::Status read_patch_value(std::size_t row, simdjson::dom::element value, SettingsPatch& patch);
// Writes `"key":value` of row `row` when `patch` gives it (the configure journal line).
void write_patch_value(JsonWriter& out, std::size_t row, const SettingsPatch& patch);

// Every setting as `"key":value` members of an open object (configure form; `null` for a
// setting that is unset, such as no invite code): the snapshot's settings.
void write_all(JsonWriter& out, const Settings& settings);
// Reads what write_all wrote: every key required, no other key, each value checked as
// configure checks it. invalid_argument (or invalid_setting) naming the key.
absl::StatusOr<Settings> read_all(simdjson::dom::object object);

}  // namespace vshop::settings_table
