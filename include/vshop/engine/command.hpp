// Commands (docs/reference.md §11): the one typed form of every engine input. The CLI, the journal
// and the C++ API all go through `Command`; `parse_command` reads the JSON Lines text form and
// `command_to_json` writes the canonical journal form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "vshop/engine/settings.hpp"
#include "vshop/export.hpp"
#include "vshop/hours/store.hpp"
#include "vshop/time.hpp"

namespace vshop {

enum class CommandKind : std::uint8_t {
  kConfigure,
  kAddStore,
  kUpdateStore,
  kDeactivateStore,
  kRegisterExpert,
  kApproveExpert,
  kDeactivateExpert,
  kReactivateExpert,
  kAnonymizeExpert,
  kGoAvailable,
  kGoUnavailable,
  kRequestChat,
  kClaim,
  kDecline,
  kDeclineAndGoUnavailable,
  kLeaveMessage,
  kTakeLeftMessage,
  kSendMessage,
  kShopperOnline,
  kShopperOffline,
  kFinishChat,
  kRateChat,
  kTransfer,
  kAcceptTransfer,
  kDeclineTransfer,
  kBlockShopper,
  kUnblockShopper,
  kStartVideo,
  kEndVideo,
  kRecordPurchase,
  kSubscribeDigest,
  kUnsubscribeDigest,
  kDeactivateMerchant,  // R-SCHED-2: starts the 60-day countdown to PII anonymization
  kSendAppointment,     // R-APPT-2
  kInviteContact,       // R-CONTACT-2
  kAcceptContact,       // R-CONTACT-2
  kShopperEvent,        // R-CTX-1: one tracking payload of a known shopper
  kAdvance,
};

inline constexpr int kCommandKindCount = static_cast<int>(CommandKind::kAdvance) + 1;

// The `cmd` name of a kind, and back.
VSHOP_API std::string_view command_name(CommandKind kind);
VSHOP_API std::optional<CommandKind> command_kind_from_name(std::string_view name);

// One command. Which fields are used depends on `kind` (the table of docs/reference.md §11); the
// others stay empty. Required string fields are plain strings, optional ones std::optional.
struct Command {
  CommandKind kind = CommandKind::kAdvance;
  std::optional<Instant> at;  // absent: the engine's current time (R-TIME-3)

  std::string expert;
  std::string chat;  // optional for request_chat (empty = engine-assigned)
  std::string shopper;
  std::string store;
  std::string to;
  std::string order;
  std::string manager;
  std::string email;
  std::string invite_code;
  std::string name;
  std::string note;
  std::string text;
  std::string channel;
  std::string address;
  std::string from;
  std::string subtotal;  // decimal string, or integer minor units written as digits
  bool subtotal_is_integer = false;
  std::string currency;
  std::optional<std::string> employee_id, team, department, page_url, country, city, postal_code,
      ip, message_kind;
  std::optional<double> lat, lon;
  std::optional<std::vector<std::string>> departments;
  std::optional<std::string> items_json;  // record_purchase `items`, canonical JSON text
  std::string event_json;                 // shopper_event `event`: a JSON object's text
  std::int64_t stars = 0;
  // send_appointment (R-APPT-2): `start` is a local `YYYY-MM-DDTHH:MM` in the store's zone.
  std::string title;
  std::string start;
  std::int64_t duration_min = 0;
  std::optional<std::string> location;
  SettingsPatch settings;  // configure

  // add_store / update_store (optional so that other commands do not construct it)
  std::optional<hours::StoreSpec> store_spec;
  hours::StoreFieldsGiven store_given;
};

// Parses one JSON Lines command. A malformed line (bad JSON, unknown `cmd`, unknown, missing or
// mistyped field, anything validate_command refuses) fails with invalid_argument naming the
// field.
VSHOP_API absl::StatusOr<Command> parse_command(std::string_view line);

// Checks that a command is well-formed (R-PIN-1): `at` within years 0001..9999, every id valid
// by R-ID-1, every string valid UTF-8 within its length of vshop/limits.hpp, lists within
// their limits, numbers finite, integer minor units canonical, `items` a JSON list, and for
// add_store / update_store a store document parse_store_json accepts. Fails with
// invalid_argument naming the field, with the message the JSON reader gives: parse_command
// runs it on every line and Engine::apply on every command, before the clock moves.
VSHOP_API absl::Status validate_command(const Command& command);

// validate_command, then brings the command to the form the JSON reader would give (-0 as 0,
// `items` compact, the store document as read back), so that its journal line replays to the
// same state (R-DET-1). Engine::apply runs it.
VSHOP_API absl::Status canonicalize_command(Command& command);

// The canonical journal line (no newline): `at` (must be set), `cmd`, then the fields in
// docs/reference.md §11 order.
VSHOP_API std::string command_to_json(const Command& command);

// Whether `id` is a valid host id (R-ID-1): 1..128 bytes, no control characters.
VSHOP_API bool is_valid_id(std::string_view id);

}  // namespace vshop
