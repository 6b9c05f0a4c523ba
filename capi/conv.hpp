// Every conversion between the C types of vshop.h and the C++ API (one place, as in manifold's
// bindings/c/conv): checked inputs (NULL pointers, UTF-8, struct sizes, instants) and outputs
// that point into C++ objects the handle keeps alive until its next call.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vshop/engine/effect.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/error.hpp"
#include "vshop/events/batch.hpp"
#include "vshop/events/issue.hpp"
#include "vshop/time.hpp"
#include "vshop/vshop.h"

namespace vshop::capi {

// ---- in --------------------------------------------------------------------------------------
// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);

// invalid_argument "`field` is NULL with length N".
absl::Status null_text(std::size_t len, std::string_view field);
// invalid_argument "`field` is not valid UTF-8".
absl::Status invalid_utf8(std::string_view field);

// (data, len) as a string_view without a UTF-8 check (documents whose encoding the core itself
// reports): invalid_argument naming `field` when data is NULL with len > 0.
inline absl::StatusOr<std::string_view> bytes_in(const char* data, std::size_t len,
                                                 std::string_view field) {
  if (data == nullptr) {
    if (len > 0) return null_text(len, field);
    return std::string_view();
  }
  return std::string_view(data, len);
}
// The same, and invalid_argument naming `field` when the bytes are not UTF-8.
inline absl::StatusOr<std::string_view> text_in(const char* data, std::size_t len,
                                                std::string_view field) {
  auto text = bytes_in(data, len, field);
  if (text.ok() && !is_valid_utf8(*text)) return invalid_utf8(field);
  return text;
}
// A string field of a command: the core's validate_command checks its UTF-8 and its length
// (R-PIN-1) with the message `vshop simulate` gives, so only NULL is checked here.
inline absl::StatusOr<std::string_view> command_text_in(const char* data, std::size_t len,
                                                        std::string_view field) {
  return bytes_in(data, len, field);
}
// A vshop_string input (either member may be empty).
absl::StatusOr<std::string_view> text_in(const vshop_string& s, std::string_view field);
// A list of vshop_string inputs.
absl::StatusOr<std::vector<std::string>> texts_in(const vshop_string* items, std::size_t len,
                                                  std::string_view field);

// invalid_argument "`field` is NULL".
absl::Status null_argument(std::string_view field);
// An out-parameter or input pointer that must not be NULL.
inline absl::Status require(const void* pointer, std::string_view field) {
  return pointer != nullptr ? absl::OkStatus() : null_argument(field);
}

// Epoch milliseconds within years 0001..9999 (invalid_argument naming `field`).
inline absl::StatusOr<Instant> instant_in(std::int64_t ms, std::string_view field) {
  if (ms < kMinEpochMs || ms > kMaxEpochMs) return instant_from_ms(ms, field);
  return from_epoch_ms(ms);
}

// The size of a struct's first version. Structs the library fills only grow at the end, so a
// caller built against an older header passes that older size and gets the fields it knows.
template <typename T>
inline constexpr std::size_t kFirstVersionSize = sizeof(T);
template <>
inline constexpr std::size_t kFirstVersionSize<vshop_effect> = offsetof(vshop_effect, start_ms);
template <>
inline constexpr std::size_t kFirstVersionSize<vshop_chat_view> = offsetof(vshop_chat_view,
                                                                           shopper_online);

// A struct the library fills: NULL or a `size` below the struct's first version is refused.
template <typename T>
absl::Status sized_out(const T* out, std::string_view field) {
  if (out == nullptr) return null_argument(field);
  if (out->size < kFirstVersionSize<T>) {
    return make_error(ErrorCode::kInvalidArgument,
                      std::string(field) + "->size is " + std::to_string(out->size) +
                          ", below the size of this struct's first version (" +
                          std::to_string(kFirstVersionSize<T>) +
                          "): set it to sizeof before the call");
  }
  return absl::OkStatus();
}
// An options / input struct with a version: NULL allowed when `optional`; a version other than
// `expected` is refused (invalid_argument naming it).
absl::Status version_in(const void* options, std::uint32_t version, std::uint32_t expected,
                        std::string_view field);

// Copies `full` into the caller's struct (which passed sized_out): as many bytes as the caller's
// `size` says it holds, at most the whole T, keeping the caller's `size`.
template <typename T>
void fill_sized(T* out, const T& full) {
  const std::uint32_t size = out->size;
  std::memcpy(static_cast<void*>(out), &full, std::min<std::size_t>(size, sizeof(T)));
  out->size = size;
}

// ---- out -------------------------------------------------------------------------------------
inline vshop_string str_out(const std::string& s) { return {s.c_str(), s.size()}; }
// Names of enum values as NUL-terminated strings that live as long as the program.
const std::string& c_status_name(vshop_status status);
const std::string& c_effect_kind_name(EffectKind kind);
const std::string& c_channel_name(NotifyChannel channel);
const std::string& c_reason_name(const EffectReason& reason);  // "" for none
const std::string& c_severity_name(events::Severity severity);
const std::string& c_issue_code_name(events::IssueCode code);
const std::string& c_event_type_name(events::EventType type);

// The vshop_status of a C++ error code, and back.
inline vshop_status status_of(ErrorCode code) { return -static_cast<vshop_status>(code); }

// Views of a list of strings (appended to `views`; returns the first one or NULL when empty).
const vshop_string* strings_out(const std::vector<std::string>& items,
                                std::vector<vshop_string>& views);

// An effect into `out` (every member but `size`): its strings point into `effect`, its lists
// into `experts` / `managers`. `out` must have passed sized_out.
void effect_out(const Effect& effect, std::vector<vshop_string>& experts,
                std::vector<vshop_string>& managers, vshop_effect& out);
vshop_expert_view expert_out(const ExpertView& view);
vshop_chat_view chat_out(const ChatView& view, std::vector<vshop_string>& offers);
// Metrics: the currency strings are kept in `strings`, their views in `currencies`.
vshop_metrics metrics_out(const analytics::Metrics& metrics, std::vector<std::string>& strings,
                          std::vector<vshop_currency_metrics>& currencies);
vshop_issue issue_out(const events::Issue& issue);
// A validation result; its issue views are appended to `issues` (which must not reallocate
// afterwards while the result is in use).
vshop_validation validation_out(const events::ValidationResult& result,
                                std::vector<vshop_issue>& issues);
vshop_summary summary_out(const events::Summary& summary, std::vector<vshop_code_count>& counts);

// The C++ enums of the C constants.
absl::StatusOr<MessageSender> sender_in(std::int32_t from);
absl::StatusOr<MetricsScope> scope_in(std::int32_t scope, std::string_view id);
absl::StatusOr<WidgetState> widget_state_in(std::int32_t state, std::string_view field);
absl::StatusOr<WidgetQuery> widget_query_in(const vshop_widget_query* query);
absl::StatusOr<WidgetRules> widget_rules_in(const vshop_widget_rules* rules);

}  // namespace vshop::capi
