// The text form of commands (docs/reference.md §11): a table per command of its fields in canonical
// order, one generic reader (simdjson) and one generic writer (JsonWriter).
#include "vshop/engine/command.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "core/control_chars.hpp"
#include "core/json_writer.hpp"
#include "engine/settings_table.hpp"
#include "hours/store_json.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"
#include "vshop/limits.hpp"

namespace vshop {
namespace {

enum class FieldType : std::uint8_t {
  kId,         // required host id (R-ID-1)
  kOptId,      // optional host id, "" when absent
  kString,     // required string
  kOptString,  // std::optional<std::string>
  kOptDouble,
  kInt,  // required integer
  kOptInt,
  kOptBool,
  kOptStringList,
  kSubtotal,  // decimal string or integer minor units
  kOptRawArray,
  kRawObject,  // required JSON object, kept as its compact text
  kSetting,    // a configure setting: row `setting` of the settings table
};

struct Field {
  std::string_view name;
  FieldType type;
  void* (*member)(Command&);
  std::size_t setting = 0;
};

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

struct Schema {
  CommandKind kind;
  std::string_view name;
  std::vector<Field> fields;  // canonical order
};

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

const Schema& schema_of(CommandKind kind) { return schemas()[static_cast<std::size_t>(kind)]; }

absl::Status mistyped(std::string_view field, std::string_view want) {
  return error(ErrorCode::kInvalidArgument, "%s: must be %s", field, want);
}

absl::Status read_string(simdjson::dom::element v, std::string_view field, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return mistyped(field, "a string");
  out.assign(s.data(), s.size());
  return absl::OkStatus();
}

absl::Status bad_id(std::string_view field, std::string_view id) {
  return error(ErrorCode::kInvalidArgument,
               "%s: \"%s\" is not an id (1..128 bytes, no control characters)", field, id);
}

absl::Status read_id(simdjson::dom::element v, std::string_view field, std::string& out) {
  if (auto st = read_string(v, field, out); !st.ok()) return st;
  if (!is_valid_id(out)) return bad_id(field, out);
  return absl::OkStatus();
}

absl::Status read_field(const Field& f, simdjson::dom::element v, Command& c) {
  void* m = f.member ? f.member(c) : nullptr;
  switch (f.type) {
    case FieldType::kId:
    case FieldType::kOptId:
      return read_id(v, f.name, *static_cast<std::string*>(m));
    case FieldType::kString:
      return read_string(v, f.name, *static_cast<std::string*>(m));
    case FieldType::kOptString: {
      std::string s;
      if (auto st = read_string(v, f.name, s); !st.ok()) return st;
      *static_cast<std::optional<std::string>*>(m) = std::move(s);
      return absl::OkStatus();
    }
    case FieldType::kOptDouble: {
      double d;
      if (v.get_double().get(d) != simdjson::SUCCESS) return mistyped(f.name, "a number");
      // Integers convert too; -0 is 0, so that the journal writes one zero (R-DET-1).
      *static_cast<std::optional<double>*>(m) = d == 0 ? 0.0 : d;
      return absl::OkStatus();
    }
    case FieldType::kInt:
    case FieldType::kOptInt: {
      std::int64_t i;
      if (!v.is_int64() || v.get_int64().get(i) != simdjson::SUCCESS) {
        return mistyped(f.name, "an integer");
      }
      if (f.type == FieldType::kInt) {
        *static_cast<std::int64_t*>(m) = i;
      } else {
        *static_cast<std::optional<std::int64_t>*>(m) = i;
      }
      return absl::OkStatus();
    }
    case FieldType::kOptBool: {
      bool b;
      if (v.get_bool().get(b) != simdjson::SUCCESS) return mistyped(f.name, "true or false");
      *static_cast<std::optional<bool>*>(m) = b;
      return absl::OkStatus();
    }
    case FieldType::kOptStringList: {
      simdjson::dom::array a;
      if (v.get_array().get(a) != simdjson::SUCCESS) return mistyped(f.name, "a list of strings");
      std::vector<std::string> list;
      for (simdjson::dom::element item : a) {
        std::string s;
        if (auto st = read_string(item, f.name, s); !st.ok()) return st;
        list.push_back(std::move(s));
      }
      *static_cast<std::optional<std::vector<std::string>>*>(m) = std::move(list);
      return absl::OkStatus();
    }
    case FieldType::kSubtotal: {
      std::int64_t i;
      if (v.is_int64() && v.get_int64().get(i) == simdjson::SUCCESS) {
        c.subtotal = std::to_string(i);
        c.subtotal_is_integer = true;
        return absl::OkStatus();
      }
      c.subtotal_is_integer = false;
      return read_string(v, f.name, c.subtotal).ok()
                 ? absl::OkStatus()
                 : mistyped(f.name, "a decimal string or integer minor units");
    }
    case FieldType::kOptRawArray: {
      if (!v.is_array()) return mistyped(f.name, "a list");
      *static_cast<std::optional<std::string>*>(m) = simdjson::minify(v);
      return absl::OkStatus();
    }
    case FieldType::kRawObject: {
      if (!v.is_object()) return mistyped(f.name, "a JSON object");
      *static_cast<std::string*>(m) = simdjson::minify(v);
      return absl::OkStatus();
    }
    case FieldType::kSetting:
      return settings_table::read_patch_value(f.setting, v, c.settings);
  }
  return mistyped(f.name, "valid");
}

bool required(FieldType t) {
  return t == FieldType::kId || t == FieldType::kString || t == FieldType::kInt ||
         t == FieldType::kSubtotal || t == FieldType::kRawObject;
}

// --- well-formedness (R-PIN-1), shared by parse_command and Engine::apply -------------------

std::size_t max_bytes(std::string_view field) {
  if (field == "text") return limits::kMaxTextBytes;
  if (field == "note") return limits::kMaxNoteBytes;
  if (field == "page_url") return limits::kMaxUrlBytes;
  if (field == "title") return limits::kMaxTitleBytes;
  return limits::kMaxShortTextBytes;
}

// A string a JSON line can carry (valid UTF-8) within its field's length limit.
absl::Status check_text(std::string_view field, std::string_view value) {
  if (value.size() > max_bytes(field)) {
    return error(ErrorCode::kInvalidArgument, "%s: %d bytes, more than the limit of %d", field,
                 value.size(), max_bytes(field));
  }
  if (!simdjson::validate_utf8(value.data(), value.size())) {
    return error(ErrorCode::kInvalidArgument, "%s: not valid UTF-8", field);
  }
  return absl::OkStatus();
}

// Integer minor units as the reader writes them: `0` or an optional `-` and digits without a
// leading zero, within 64 bits.
bool canonical_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() && std::to_string(value) == text;
}

absl::Status check_field(const Field& f, const Command& c) {
  // A configure setting has no member here: its value lives in the SettingsPatch, whose table
  // types and bounds every value (apply_settings_patch).
  if (f.type == FieldType::kSetting) return absl::OkStatus();
  auto& mc = const_cast<Command&>(c);  // the member accessors are shared with the reader
  const void* m = f.member(mc);
  switch (f.type) {
    case FieldType::kSetting:
      return absl::OkStatus();
    case FieldType::kId: {
      const auto& id = *static_cast<const std::string*>(m);
      if (!is_valid_id(id)) return bad_id(f.name, id);
      return check_text(f.name, id);
    }
    case FieldType::kOptId: {
      const auto& id = *static_cast<const std::string*>(m);
      if (id.empty()) return absl::OkStatus();
      if (!is_valid_id(id)) return bad_id(f.name, id);
      return check_text(f.name, id);
    }
    case FieldType::kString:
      return check_text(f.name, *static_cast<const std::string*>(m));
    case FieldType::kOptString: {
      const auto& s = *static_cast<const std::optional<std::string>*>(m);
      return s ? check_text(f.name, *s) : absl::OkStatus();
    }
    case FieldType::kOptDouble: {
      const auto& d = *static_cast<const std::optional<double>*>(m);
      if (d && !std::isfinite(*d)) return mistyped(f.name, "a number");
      return absl::OkStatus();
    }
    case FieldType::kInt:
    case FieldType::kOptInt:
    case FieldType::kOptBool:
      return absl::OkStatus();
    case FieldType::kOptStringList: {
      const auto& l = *static_cast<const std::optional<std::vector<std::string>>*>(m);
      if (!l) return absl::OkStatus();
      if (l->size() > limits::kMaxListItems) {
        return error(ErrorCode::kInvalidArgument, "%s: %d entries, more than the limit of %d",
                     f.name, l->size(), limits::kMaxListItems);
      }
      for (const std::string& item : *l) {
        if (auto st = check_text(f.name, item); !st.ok()) return st;
      }
      return absl::OkStatus();
    }
    case FieldType::kSubtotal:
      if (c.subtotal_is_integer && !canonical_integer(c.subtotal)) {
        return mistyped(f.name, "a decimal string or integer minor units");
      }
      return check_text(f.name, c.subtotal);
    case FieldType::kOptRawArray: {
      const auto& r = *static_cast<const std::optional<std::string>*>(m);
      if (!r) return absl::OkStatus();
      if (r->size() > limits::kMaxItemsBytes) {
        return error(ErrorCode::kInvalidArgument, "%s: %d bytes, more than the limit of %d", f.name,
                     r->size(), limits::kMaxItemsBytes);
      }
      simdjson::dom::parser parser;
      simdjson::dom::array a;
      if (r->empty() ||
          parser.parse(r->data(), r->size()).get_array().get(a) != simdjson::SUCCESS) {
        return mistyped(f.name, "a list");
      }
      if (a.size() > limits::kMaxPurchaseItems) {
        return error(ErrorCode::kInvalidArgument, "%s: %d entries, more than the limit of %d",
                     f.name, a.size(), limits::kMaxPurchaseItems);
      }
      return absl::OkStatus();
    }
    case FieldType::kRawObject: {
      const auto& r = *static_cast<const std::string*>(m);
      if (r.size() > limits::kMaxLineBytes) {
        return error(ErrorCode::kInvalidArgument, "%s: %d bytes, more than the limit of %d", f.name,
                     r.size(), limits::kMaxLineBytes);
      }
      simdjson::dom::parser parser;
      simdjson::dom::element e;
      if (r.empty() || parser.parse(r.data(), r.size()).get(e) != simdjson::SUCCESS ||
          !e.is_object()) {
        return mistyped(f.name, "a JSON object");
      }
      return absl::OkStatus();
    }
  }
  return mistyped(f.name, "valid");
}

// The store document of add_store / update_store: what parse_store_json accepts. Written out
// and read back, so that the C++ form passes exactly the reader's checks; `out` receives the
// store as the reader (and so a replay) sees it.
absl::Status check_store(const Command& c, hours::StoreSpec* out) {
  if (!c.store_spec)
    return error(ErrorCode::kInvalidArgument, "store: the store fields are missing");
  if (!c.store.empty() && c.store != c.store_spec->id) {
    return error(ErrorCode::kInvalidArgument, "store: \"%s\" differs from the store fields' \"%s\"",
                 c.store, c.store_spec->id);
  }
  for (const std::string* text :
       {&c.store_spec->id, &c.store_spec->name, &c.store_spec->public_name, &c.store_spec->address,
        &c.store_spec->timezone}) {
    if (!simdjson::validate_utf8(text->data(), text->size())) {
      return error(ErrorCode::kInvalidArgument, "store: a text field is not valid UTF-8");
    }
  }
  for (const std::optional<double>* d : {&c.store_spec->lat, &c.store_spec->lon}) {
    if (*d && !std::isfinite(**d)) {
      return mistyped(d == &c.store_spec->lat ? "lat" : "lon", "a number of degrees");
    }
  }
  JsonWriter json;
  json.begin_object();
  hours::write_store_fields(json, *c.store_spec);
  json.end_object();
  auto spec = hours::parse_store_json(json.take());
  if (!spec.ok()) return spec.status();
  if (out != nullptr) *out = std::move(*spec);
  return absl::OkStatus();
}

}  // namespace

std::string_view command_name(CommandKind kind) {
  if (static_cast<int>(kind) >= kCommandKindCount) return "unknown";
  return schema_of(kind).name;
}

std::optional<CommandKind> command_kind_from_name(std::string_view name) {
  for (const Schema& s : schemas()) {
    if (s.name == name) return s.kind;
  }
  return std::nullopt;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return first_control_character(id, false) < 0;
}

absl::Status validate_command(const Command& c) {
  if (static_cast<int>(c.kind) >= kCommandKindCount) {
    return error(ErrorCode::kInvalidArgument, "cmd: unknown command kind %d",
                 static_cast<int>(c.kind));
  }
  if (c.at) {
    if (auto t = instant_from_ms(to_epoch_ms(*c.at), "at"); !t.ok()) return t.status();
  }
  for (const Field& f : schema_of(c.kind).fields) {
    if (auto st = check_field(f, c); !st.ok()) return st;
  }
  if (c.kind == CommandKind::kAddStore || c.kind == CommandKind::kUpdateStore) {
    return check_store(c, nullptr);
  }
  return absl::OkStatus();
}

absl::Status canonicalize_command(Command& c) {
  if (auto st = validate_command(c); !st.ok()) return st;
  for (std::optional<double>* d : {&c.lat, &c.lon}) {
    if (*d && **d == 0) *d = 0.0;  // -0 is written as the integer 0: one zero (R-DET-1)
  }
  if (c.items_json) {
    simdjson::dom::parser parser;
    simdjson::dom::element items;
    if (parser.parse(*c.items_json).get(items) == simdjson::SUCCESS) {
      c.items_json = simdjson::minify(items);
    }
  }
  if (!c.event_json.empty()) {
    simdjson::dom::parser parser;
    simdjson::dom::element event;
    if (parser.parse(c.event_json).get(event) == simdjson::SUCCESS) {
      c.event_json = simdjson::minify(event);
    }
  }
  if (c.kind == CommandKind::kAddStore || c.kind == CommandKind::kUpdateStore) {
    hours::StoreSpec spec;
    if (auto st = check_store(c, &spec); !st.ok()) return st;
    c.store_spec = std::move(spec);
    c.store = c.store_spec->id;
  }
  return absl::OkStatus();
}

absl::StatusOr<Command> parse_command(std::string_view line) {
  // One parser per thread, reused: parsing allocates nothing once it has grown.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (line.empty()) {  // never an empty buffer to simdjson's DOM parser
    return error(ErrorCode::kInvalidArgument, "line: not valid JSON (empty)");
  }
  if (auto err = parser.parse(line.data(), line.size()).get(doc); err) {
    return error(ErrorCode::kInvalidArgument, "line: not valid JSON (%s)",
                 simdjson::error_message(err));
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    return error(ErrorCode::kInvalidArgument, "line: a command must be a JSON object");
  }
  std::string_view cmd_name;
  simdjson::dom::element cmd_value;
  if (obj["cmd"].get(cmd_value) != simdjson::SUCCESS) {
    return error(ErrorCode::kInvalidArgument, "cmd: missing");
  }
  if (cmd_value.get_string().get(cmd_name) != simdjson::SUCCESS) return mistyped("cmd", "a string");
  const auto kind = command_kind_from_name(cmd_name);
  if (!kind) return error(ErrorCode::kInvalidArgument, "cmd: unknown command \"%s\"", cmd_name);

  Command c;
  c.kind = *kind;
  const Schema& schema = schema_of(*kind);
  const bool store_cmd = *kind == CommandKind::kAddStore || *kind == CommandKind::kUpdateStore;
  std::uint64_t seen = 0;
  for (auto [key, value] : obj) {
    if (key == "cmd") continue;
    if (key == "at") {
      if (c.at) return error(ErrorCode::kInvalidArgument, "at: given twice");
      std::int64_t ms;
      std::string_view text;
      if (value.is_int64() && value.get_int64().get(ms) == simdjson::SUCCESS) {
        auto t = instant_from_ms(ms, "at");
        if (!t.ok()) return t.status();
        c.at = *t;
      } else if (value.get_string().get(text) == simdjson::SUCCESS) {
        auto t = parse_instant(text, "at");
        if (!t.ok()) return t.status();
        c.at = *t;
      } else {
        return mistyped("at", "an RFC 3339 string or epoch milliseconds");
      }
      continue;
    }
    if (store_cmd) continue;  // the store reader checks the store fields
    std::size_t i = 0;
    while (i < schema.fields.size() && schema.fields[i].name != key) ++i;
    if (i == schema.fields.size()) {
      return error(ErrorCode::kInvalidArgument, "%s: unknown field for %s", key, cmd_name);
    }
    if (seen & (std::uint64_t{1} << i)) {
      return error(ErrorCode::kInvalidArgument, "%s: given twice", key);
    }
    seen |= std::uint64_t{1} << i;
    if (auto st = read_field(schema.fields[i], value, c); !st.ok()) return st;
  }
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    if (required(schema.fields[i].type) && !(seen & (std::uint64_t{1} << i))) {
      return error(ErrorCode::kInvalidArgument, "%s: missing (required by %s)",
                   schema.fields[i].name, cmd_name);
    }
  }
  if (store_cmd) {
    auto spec = hours::parse_store_json(line, &c.store_given);
    if (!spec.ok()) return spec.status();
    if (!is_valid_id(spec->id)) {
      return error(ErrorCode::kInvalidArgument, "store: \"%s\" is not an id", spec->id);
    }
    c.store_spec = std::move(*spec);
    c.store = c.store_spec->id;
  }
  if (auto st = validate_command(c); !st.ok()) return st;
  return c;
}

void write_command(JsonWriter& out, const Command& c) {
  out.begin_object();
  out.key("at").instant(c.at.value_or(Instant{}));
  out.key("cmd").string(command_name(c.kind));
  if (c.kind == CommandKind::kAddStore || c.kind == CommandKind::kUpdateStore) {
    if (c.store_spec) hours::write_store_fields(out, *c.store_spec);
  }
  if (static_cast<int>(c.kind) >= kCommandKindCount) {  // validate_command refuses it
    out.end_object();
    return;
  }
  auto& mc = const_cast<Command&>(c);  // the member accessors are shared with the reader
  for (const Field& f : schema_of(c.kind).fields) {
    const void* m = f.member ? f.member(mc) : nullptr;
    switch (f.type) {
      case FieldType::kId:
      case FieldType::kString:
        out.key(f.name).string(*static_cast<const std::string*>(m));
        break;
      case FieldType::kOptId:
        if (const auto& s = *static_cast<const std::string*>(m); !s.empty()) {
          out.key(f.name).string(s);
        }
        break;
      case FieldType::kOptString:
        if (const auto& s = *static_cast<const std::optional<std::string>*>(m)) {
          out.key(f.name).string(*s);
        }
        break;
      case FieldType::kOptDouble:
        if (const auto& d = *static_cast<const std::optional<double>*>(m)) {
          out.key(f.name).number(*d);
        }
        break;
      case FieldType::kInt:
        out.key(f.name).integer(*static_cast<const std::int64_t*>(m));
        break;
      case FieldType::kOptInt:
        if (const auto& i = *static_cast<const std::optional<std::int64_t>*>(m)) {
          out.key(f.name).integer(*i);
        }
        break;
      case FieldType::kOptBool:
        if (const auto& b = *static_cast<const std::optional<bool>*>(m)) {
          out.key(f.name).boolean(*b);
        }
        break;
      case FieldType::kOptStringList:
        if (const auto& l = *static_cast<const std::optional<std::vector<std::string>>*>(m)) {
          out.key(f.name).begin_array();
          for (const auto& s : *l) out.string(s);
          out.end_array();
        }
        break;
      case FieldType::kSubtotal:
        if (c.subtotal_is_integer) {
          out.key(f.name).raw(c.subtotal);
        } else {
          out.key(f.name).string(c.subtotal);
        }
        break;
      case FieldType::kOptRawArray:
        if (const auto& r = *static_cast<const std::optional<std::string>*>(m)) {
          out.key(f.name).raw(*r);
        }
        break;
      case FieldType::kRawObject:
        out.key(f.name).raw(*static_cast<const std::string*>(m));
        break;
      case FieldType::kSetting:
        settings_table::write_patch_value(out, f.setting, c.settings);
        break;
    }
  }
  out.end_object();
}

std::string command_to_json(const Command& command) {
  JsonWriter out;
  write_command(out, command);
  return out.take();
}

}  // namespace vshop
