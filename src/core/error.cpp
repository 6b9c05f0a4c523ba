#include "vshop/error.hpp"

#include <array>
#include <string>

#include "absl/strings/cord.h"

namespace vshop {
namespace {

constexpr std::array<std::string_view, kErrorCodeCount> kNames = {
    "ok",
    "out_of_order_time",
    "invalid_argument",
    "not_found",
    "already_exists",
    "invalid_invite_code",
    "invalid_setting",
    "not_approved",
    "no_store",
    "store_closed",
    "at_capacity",
    "offer_not_pending",
    "not_chat_expert",
    "invalid_state",
    "transfer_pending",
    "target_not_eligible",
    "empty_note",
    "video_busy",
    "duplicate_order",
    "internal",
    "limit_exceeded",
    "channel_disabled",
};

// The payload key under which a vshop status carries its domain code.
constexpr std::string_view kPayloadKey = "vshop.dev/error_code";

absl::StatusCode canonical_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return absl::StatusCode::kOk;
    case ErrorCode::kOutOfOrderTime:
      return absl::StatusCode::kOutOfRange;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kInvalidSetting:
    case ErrorCode::kEmptyNote:
      return absl::StatusCode::kInvalidArgument;
    case ErrorCode::kNotFound:
      return absl::StatusCode::kNotFound;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kDuplicateOrder:
      return absl::StatusCode::kAlreadyExists;
    case ErrorCode::kInvalidInviteCode:
    case ErrorCode::kNotApproved:
    case ErrorCode::kNotChatExpert:
      return absl::StatusCode::kPermissionDenied;
    case ErrorCode::kAtCapacity:
    case ErrorCode::kLimitExceeded:
      return absl::StatusCode::kResourceExhausted;
    case ErrorCode::kInternal:
      return absl::StatusCode::kInternal;
    default:
      return absl::StatusCode::kFailedPrecondition;
  }
}

}  // namespace

std::string_view error_code_name(ErrorCode code) {
  const auto index = static_cast<std::int32_t>(code);
  if (index < 0 || index >= kErrorCodeCount) return "unknown";
  return kNames[static_cast<std::size_t>(index)];
}

std::optional<ErrorCode> error_code_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ErrorCode>(i);
  }
  return std::nullopt;
}

namespace {

// The message with every control character (C0 and DEL) escaped as \u00XX.
std::string one_line(std::string_view message) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(message.size());
  for (const char ch : message) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

}  // namespace

absl::Status make_error(ErrorCode code, std::string_view message) {
  if (code == ErrorCode::kOk) return absl::OkStatus();
  const std::string text = one_line(message);
  absl::Status status(canonical_code(code), text);
  status.SetPayload(absl::string_view(kPayloadKey.data(), kPayloadKey.size()),
                    absl::Cord(std::string(1, static_cast<char>(code))));
  return status;
}

ErrorCode error_code_of(const absl::Status& status) {
  if (status.ok()) return ErrorCode::kOk;
  const auto payload = status.GetPayload(absl::string_view(kPayloadKey.data(), kPayloadKey.size()));
  if (!payload.has_value()) return ErrorCode::kInternal;
  const std::string bytes(*payload);
  if (bytes.size() != 1) return ErrorCode::kInternal;
  const auto index = static_cast<std::int32_t>(static_cast<unsigned char>(bytes[0]));
  if (index <= 0 || index >= kErrorCodeCount) return ErrorCode::kInternal;
  return static_cast<ErrorCode>(index);
}

}  // namespace vshop
