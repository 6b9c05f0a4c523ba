// The stable domain error codes of docs/reference.md §11 and how they travel inside absl::Status.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "vshop/export.hpp"

namespace vshop {

// Stable error codes. The numbers are part of the ABI (mirrored in the C header and in
// Python): never renumber, only append.
enum class ErrorCode : std::int32_t {
  kOk = 0,
  kOutOfOrderTime = 1,
  kInvalidArgument = 2,
  kNotFound = 3,
  kAlreadyExists = 4,
  kInvalidInviteCode = 5,
  kInvalidSetting = 6,
  kNotApproved = 7,
  kNoStore = 8,
  kStoreClosed = 9,
  kAtCapacity = 10,
  kOfferNotPending = 11,
  kNotChatExpert = 12,
  kInvalidState = 13,
  kTransferPending = 14,
  kTargetNotEligible = 15,
  kEmptyNote = 16,
  kVideoBusy = 17,
  kDuplicateOrder = 18,
  kInternal = 19,         // a bug in vshop or an exception caught at a boundary; never expected
  kLimitExceeded = 20,    // a capacity of vshop/limits.hpp is reached; nothing changed
  kChannelDisabled = 21,  // R-CONTACT-2: the channel is not in contact_channels
};

inline constexpr int kErrorCodeCount = 22;

// The snake_case name used in JSON (`out_of_order_time`); "unknown" for a value outside the enum.
VSHOP_API std::string_view error_code_name(ErrorCode code);

// The code for a snake_case name, if it is one.
VSHOP_API std::optional<ErrorCode> error_code_from_name(std::string_view name);

// Builds a failed status carrying `code`; the message should name the field and the value.
// Control characters in the message (from a quoted value) are escaped as \u00XX, so that an
// error is always one line of text.
VSHOP_API absl::Status make_error(ErrorCode code, std::string_view message);

template <typename... Args>
absl::Status error(ErrorCode code, const absl::FormatSpec<Args...>& format, const Args&... args) {
  return make_error(code, absl::StrFormat(format, args...));
}

// The domain code of a status: kOk for OK, the carried code for a vshop error, kInternal for a
// status that did not come from make_error.
VSHOP_API ErrorCode error_code_of(const absl::Status& status);

}  // namespace vshop
