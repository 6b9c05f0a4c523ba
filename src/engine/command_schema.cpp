// The command table (command_schema.hpp): every command's fields in canonical order.
#include "engine/command_schema.hpp"

#include "absl/container/flat_hash_map.h"
#include "engine/settings_table.hpp"
#include "vshop/error.hpp"

namespace vshop {
namespace command_schema {
namespace {

#define VSHOP_FIELD(json_name, type, member)                                  \
  Field {                                                                     \
    json_name, FieldType::type, [](Command& c) -> void* { return &c.member; } \
  }

const Field kExpert = VSHOP_FIELD("expert", kId, expert);
const Field kChat = VSHOP_FIELD("chat", kId, chat);
const Field kShopper = VSHOP_FIELD("shopper", kId, shopper);

// configure: one field per setting, from the settings table (settings_table.hpp).
std::vector<Field> configure_fields() {
  std::vector<Field> fields;
  for (std::size_t i = 0; i < settings_table::size(); ++i) {
    fields.push_back(Field{settings_table::key(i), FieldType::kSetting, nullptr, i});
  }
  return fields;
}

const std::vector<Schema>& schemas() {
  static const std::vector<Schema> table = [] {
    const std::vector<Field> expert_chat = {kExpert, kChat};
    const std::vector<Field> expert_only = {kExpert};
    const std::vector<Field> shopper_only = {kShopper};
    std::vector<Schema> t = {
        {CommandKind::kConfigure, "configure", configure_fields()},
        {CommandKind::kAddStore, "add_store", {}},
        {CommandKind::kUpdateStore, "update_store", {}},
        {CommandKind::kDeactivateStore, "deactivate_store", {VSHOP_FIELD("store", kId, store)}},
        {CommandKind::kRegisterExpert,
         "register_expert",
         {kExpert, VSHOP_FIELD("email", kString, email),
          VSHOP_FIELD("invite_code", kString, invite_code), VSHOP_FIELD("name", kString, name),
          VSHOP_FIELD("employee_id", kOptString, employee_id)}},
        {CommandKind::kApproveExpert,
         "approve_expert",
         {kExpert, VSHOP_FIELD("store", kId, store), VSHOP_FIELD("team", kOptString, team),
          VSHOP_FIELD("departments", kOptStringList, departments)}},
        {CommandKind::kDeactivateExpert, "deactivate_expert", expert_only},
        {CommandKind::kReactivateExpert, "reactivate_expert", expert_only},
        {CommandKind::kAnonymizeExpert, "anonymize_expert", expert_only},
        {CommandKind::kGoAvailable, "go_available", expert_only},
        {CommandKind::kGoUnavailable, "go_unavailable", expert_only},
        {CommandKind::kRequestChat,
         "request_chat",
         {kShopper, VSHOP_FIELD("chat", kOptId, chat), VSHOP_FIELD("lat", kOptDouble, lat),
          VSHOP_FIELD("lon", kOptDouble, lon), VSHOP_FIELD("country", kOptString, country),
          VSHOP_FIELD("city", kOptString, city),
          VSHOP_FIELD("postal_code", kOptString, postal_code), VSHOP_FIELD("ip", kOptString, ip),
          VSHOP_FIELD("department", kOptString, department),
          VSHOP_FIELD("page_url", kOptString, page_url)}},
        {CommandKind::kClaim, "claim", expert_chat},
        {CommandKind::kDecline, "decline", expert_chat},
        {CommandKind::kDeclineAndGoUnavailable, "decline_and_go_unavailable", expert_chat},
        {CommandKind::kLeaveMessage,
         "leave_message",
         {kChat, VSHOP_FIELD("text", kString, text), VSHOP_FIELD("channel", kString, channel),
          VSHOP_FIELD("address", kString, address)}},
        {CommandKind::kTakeLeftMessage, "take_left_message", expert_chat},
        {CommandKind::kSendMessage,
         "send_message",
         {kChat, VSHOP_FIELD("from", kString, from),
          VSHOP_FIELD("kind", kOptString, message_kind)}},
        {CommandKind::kShopperOnline, "shopper_online", shopper_only},
        {CommandKind::kShopperOffline, "shopper_offline", shopper_only},
        {CommandKind::kFinishChat, "finish_chat", expert_chat},
        {CommandKind::kRateChat, "rate_chat", {kShopper, kChat, VSHOP_FIELD("stars", kInt, stars)}},
        {CommandKind::kTransfer,
         "transfer",
         {kExpert, kChat, VSHOP_FIELD("to", kId, to), VSHOP_FIELD("note", kString, note)}},
        {CommandKind::kAcceptTransfer, "accept_transfer", expert_chat},
        {CommandKind::kDeclineTransfer, "decline_transfer", expert_chat},
        {CommandKind::kBlockShopper, "block_shopper", expert_chat},
        {CommandKind::kUnblockShopper, "unblock_shopper", shopper_only},
        {CommandKind::kStartVideo, "start_video", expert_chat},
        {CommandKind::kEndVideo, "end_video", expert_chat},
        {CommandKind::kRecordPurchase,
         "record_purchase",
         {VSHOP_FIELD("order", kId, order), kShopper, VSHOP_FIELD("subtotal", kSubtotal, subtotal),
          VSHOP_FIELD("currency", kString, currency),
          VSHOP_FIELD("items", kOptRawArray, items_json)}},
        {CommandKind::kSubscribeDigest,
         "subscribe_digest",
         {VSHOP_FIELD("manager", kId, manager), VSHOP_FIELD("email", kString, email)}},
        {CommandKind::kUnsubscribeDigest,
         "unsubscribe_digest",
         {VSHOP_FIELD("manager", kId, manager)}},
        {CommandKind::kDeactivateMerchant, "deactivate_merchant", {}},
        {CommandKind::kSendAppointment,
         "send_appointment",
         {kExpert, kChat, VSHOP_FIELD("title", kString, title),
          VSHOP_FIELD("start", kString, start), VSHOP_FIELD("duration_min", kInt, duration_min),
          VSHOP_FIELD("location", kOptString, location)}},
        {CommandKind::kInviteContact,
         "invite_contact",
         {kExpert, kChat, VSHOP_FIELD("channel", kString, channel),
          VSHOP_FIELD("address", kString, address)}},
        {CommandKind::kAcceptContact, "accept_contact", {kShopper, kChat}},
        {CommandKind::kShopperEvent,
         "shopper_event",
         {kShopper, VSHOP_FIELD("event", kRawObject, event_json)}},
        {CommandKind::kAdvance, "advance", {}},
    };
    return t;
  }();
  return table;
}

#undef VSHOP_FIELD

}  // namespace

const Schema& schema_of(CommandKind kind) { return schemas()[static_cast<std::size_t>(kind)]; }

bool required(FieldType t) {
  return t == FieldType::kId || t == FieldType::kString || t == FieldType::kInt ||
         t == FieldType::kSubtotal || t == FieldType::kRawObject;
}

absl::Status mistyped(std::string_view field, std::string_view want) {
  return error(ErrorCode::kInvalidArgument, "%s: must be %s", field, want);
}

absl::Status bad_id(std::string_view field, std::string_view id) {
  return error(ErrorCode::kInvalidArgument,
               "%s: \"%s\" is not an id (1..128 bytes, no control characters)", field, id);
}

}  // namespace command_schema

std::string_view command_name(CommandKind kind) {
  if (static_cast<int>(kind) >= kCommandKindCount) return "unknown";
  return command_schema::schema_of(kind).name;
}

std::optional<CommandKind> command_kind_from_name(std::string_view name) {
  // One hash probe per line instead of a scan of the names.
  static const auto* const by_name = [] {
    auto* map = new absl::flat_hash_map<std::string_view, CommandKind>();
    for (int k = 0; k < kCommandKindCount; ++k) {
      const auto kind = static_cast<CommandKind>(k);
      map->emplace(command_schema::schema_of(kind).name, kind);
    }
    return map;
  }();
  const auto it = by_name->find(name);
  if (it == by_name->end()) return std::nullopt;
  return it->second;
}

}  // namespace vshop
