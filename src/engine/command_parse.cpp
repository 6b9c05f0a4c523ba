// The reader of the text form of commands (docs/reference.md §11): one generic reader (simdjson)
// driven by the command table (command_schema.hpp).
#include "engine/command_parse.hpp"

#include <charconv>
#include <cstdint>

#include "engine/command_schema.hpp"
#include "engine/settings_table.hpp"
#include "hours/store_json.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"

namespace vshop {
namespace {

using command_schema::bad_id;
using command_schema::Field;
using command_schema::FieldType;
using command_schema::mistyped;
using command_schema::Schema;
using command_schema::schema_of;

absl::Status read_string(simdjson::dom::element v, std::string_view field, std::string& out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS) return mistyped(field, "a string");
  out.assign(s.data(), s.size());
  return absl::OkStatus();
}

absl::Status read_id(simdjson::dom::element v, std::string_view field, std::string& out) {
  if (auto st = read_string(v, field, out); !st.ok()) return st;
  if (!is_valid_id(out)) return bad_id(field, out);
  return absl::OkStatus();
}

// The string of an optional member, engaged (a reused command keeps its capacity).
std::string& engaged(std::optional<std::string>& member) {
  if (!member) member.emplace();
  return *member;
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
      auto& member = *static_cast<std::optional<std::string>*>(m);
      if (auto st = read_string(v, f.name, engaged(member)); !st.ok()) {
        member.reset();
        return st;
      }
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
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
        c.subtotal.assign(digits, end);
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

absl::Status read_at(simdjson::dom::element value, Command& c) {
  if (c.at) return error(ErrorCode::kInvalidArgument, "at: given twice");
  std::int64_t ms;
  std::string_view text;
  if (value.is_int64() && value.get_int64().get(ms) == simdjson::SUCCESS) {
    auto t = instant_from_ms(ms, "at");
    if (!t.ok()) return t.status();
    c.at = *t;
  } else if (value.get_string().get(text) == simdjson::SUCCESS) {
    // RFC 3339 text straight to its reader; digits (epoch milliseconds) through parse_instant.
    const bool rfc3339 = text.size() > 10 && text[10] != '-' && (text[10] < '0' || text[10] > '9');
    auto t = rfc3339 ? parse_rfc3339(text, "at") : parse_instant(text, "at");
    if (!t.ok()) return t.status();
    c.at = *t;
  } else {
    return mistyped("at", "an RFC 3339 string or epoch milliseconds");
  }
  return absl::OkStatus();
}

}  // namespace

void reset_command(Command& c) {
  // Every member of Command: a field added there must be reset here too (the replay_ tests
  // compare a reused command with a fresh one on every kind).
  // Only configure fills the settings patch: other commands skip resetting its ~20 members.
  if (c.kind == CommandKind::kConfigure) c.settings = SettingsPatch{};
  c.kind = CommandKind::kAdvance;
  c.at.reset();
  for (std::string* s :
       {&c.expert, &c.chat,        &c.shopper,  &c.store,      &c.to,    &c.order,   &c.manager,
        &c.email,  &c.invite_code, &c.name,     &c.note,       &c.text,  &c.channel, &c.address,
        &c.from,   &c.subtotal,    &c.currency, &c.event_json, &c.title, &c.start}) {
    s->clear();
  }
  c.subtotal_is_integer = false;
  for (std::optional<std::string>* s :
       {&c.employee_id, &c.team, &c.department, &c.page_url, &c.country, &c.city, &c.postal_code,
        &c.ip, &c.message_kind, &c.items_json, &c.location}) {
    s->reset();
  }
  c.lat.reset();
  c.lon.reset();
  c.departments.reset();
  c.stars = 0;
  c.duration_min = 0;
  c.store_spec.reset();
  c.store_given = hours::StoreFieldsGiven{};
}

absl::Status parse_command_into(std::string_view line, Command& c) {
  reset_command(c);
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

  c.kind = *kind;
  const Schema& schema = schema_of(*kind);
  const bool store_cmd = *kind == CommandKind::kAddStore || *kind == CommandKind::kUpdateStore;
  std::uint64_t seen = 0;
  for (auto [key, value] : obj) {
    if (key == "cmd") continue;
    if (key == "at") {
      if (auto st = read_at(value, c); !st.ok()) return st;
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
    if (command_schema::required(schema.fields[i].type) && !(seen & (std::uint64_t{1} << i))) {
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
  return command_schema::check_command(c, true);
}

absl::StatusOr<Command> parse_command(std::string_view line) {
  Command c;
  if (auto st = parse_command_into(line, c); !st.ok()) return st;
  return c;
}

}  // namespace vshop
