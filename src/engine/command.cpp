// The text form of commands (docs/reference.md §11): the well-formedness checks (R-PIN-1) and the
// writer (JsonWriter), driven by the command table (command_schema.hpp); the reader is
// command_parse.cpp.
#include "vshop/engine/command.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "core/control_chars.hpp"
#include "core/json_writer.hpp"
#include "engine/command_schema.hpp"
#include "engine/settings_table.hpp"
#include "hours/store_json.hpp"
#include "simdjson.h"
#include "vshop/error.hpp"
#include "vshop/limits.hpp"

namespace vshop {
namespace {

using command_schema::bad_id;
using command_schema::Field;
using command_schema::FieldType;
using command_schema::mistyped;
using command_schema::schema_of;

// --- well-formedness (R-PIN-1), shared by parse_command and Engine::apply -------------------

std::size_t max_bytes(std::string_view field) {
  if (field == "text") return limits::kMaxTextBytes;
  if (field == "note") return limits::kMaxNoteBytes;
  if (field == "page_url") return limits::kMaxUrlBytes;
  if (field == "title") return limits::kMaxTitleBytes;
  return limits::kMaxShortTextBytes;
}

// A string a JSON line can carry (valid UTF-8) within its field's length limit.
// `utf8_known`: the text comes from a JSON document simdjson accepted, which is valid UTF-8 and
// whose strings unescape to valid UTF-8 (a lone surrogate escape is refused).
absl::Status check_text(std::string_view field, std::string_view value, bool utf8_known) {
  if (value.size() > max_bytes(field)) {
    return error(ErrorCode::kInvalidArgument, "%s: %d bytes, more than the limit of %d", field,
                 value.size(), max_bytes(field));
  }
  if (!utf8_known && !simdjson::validate_utf8(value.data(), value.size())) {
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

absl::Status check_field(const Field& f, const Command& c, bool utf8_known) {
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
      return check_text(f.name, id, utf8_known);
    }
    case FieldType::kOptId: {
      const auto& id = *static_cast<const std::string*>(m);
      if (id.empty()) return absl::OkStatus();
      if (!is_valid_id(id)) return bad_id(f.name, id);
      return check_text(f.name, id, utf8_known);
    }
    case FieldType::kString:
      return check_text(f.name, *static_cast<const std::string*>(m), utf8_known);
    case FieldType::kOptString: {
      const auto& s = *static_cast<const std::optional<std::string>*>(m);
      return s ? check_text(f.name, *s, utf8_known) : absl::OkStatus();
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
        if (auto st = check_text(f.name, item, utf8_known); !st.ok()) return st;
      }
      return absl::OkStatus();
    }
    case FieldType::kSubtotal:
      if (c.subtotal_is_integer && !canonical_integer(c.subtotal)) {
        return mistyped(f.name, "a decimal string or integer minor units");
      }
      return check_text(f.name, c.subtotal, utf8_known);
    case FieldType::kOptRawArray: {
      const auto& r = *static_cast<const std::optional<std::string>*>(m);
      if (!r) return absl::OkStatus();
      if (r->size() > limits::kMaxItemsBytes) {
        return error(ErrorCode::kInvalidArgument, "%s: %d bytes, more than the limit of %d", f.name,
                     r->size(), limits::kMaxItemsBytes);
      }
      thread_local simdjson::dom::parser parser;  // reused: it allocates once
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
      thread_local simdjson::dom::parser parser;
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

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return first_control_character(id, false) < 0;
}

absl::Status command_schema::check_command(const Command& c, bool utf8_known) {
  if (static_cast<int>(c.kind) >= kCommandKindCount) {
    return error(ErrorCode::kInvalidArgument, "cmd: unknown command kind %d",
                 static_cast<int>(c.kind));
  }
  if (c.at) {
    if (auto t = instant_from_ms(to_epoch_ms(*c.at), "at"); !t.ok()) return t.status();
  }
  for (const Field& f : schema_of(c.kind).fields) {
    if (auto st = check_field(f, c, utf8_known); !st.ok()) return st;
  }
  if (c.kind == CommandKind::kAddStore || c.kind == CommandKind::kUpdateStore) {
    return check_store(c, nullptr);
  }
  return absl::OkStatus();
}

absl::Status validate_command(const Command& c) { return command_schema::check_command(c, false); }

absl::Status canonicalize_command(Command& c) {
  if (auto st = validate_command(c); !st.ok()) return st;
  for (std::optional<double>* d : {&c.lat, &c.lon}) {
    if (*d && **d == 0) *d = 0.0;  // -0 is written as the integer 0: one zero (R-DET-1)
  }
  if (c.items_json) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element items;
    if (parser.parse(*c.items_json).get(items) == simdjson::SUCCESS) {
      c.items_json = simdjson::minify(items);
    }
  }
  if (!c.event_json.empty()) {
    thread_local simdjson::dom::parser parser;
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
