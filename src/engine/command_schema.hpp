// The table behind the text form of commands (docs/reference.md §11): per command kind its fields
// in canonical order, each with its JSON name, its type and the Command member it fills. Shared
// by the reader (command_parse.cpp), the checks and the writer (command.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "vshop/engine/command.hpp"

namespace vshop {
class JsonWriter;

// Writes the canonical journal line of `command` (command_to_json's text) into `out`.
void write_command(JsonWriter& out, const Command& command);
}  // namespace vshop

namespace vshop::command_schema {

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

struct Schema {
  CommandKind kind;
  std::string_view name;
  std::vector<Field> fields;  // canonical order
};

// The schema of a kind (kind < kCommandKindCount).
const Schema& schema_of(CommandKind kind);

// Whether a field must be present in a command line.
bool required(FieldType type);

// validate_command; `utf8_known` when the command's strings come from a document simdjson
// accepted (valid UTF-8 already: the reader's case), so that they are not scanned again.
absl::Status check_command(const Command& command, bool utf8_known);

// "FIELD: must be WANT" (invalid_argument).
absl::Status mistyped(std::string_view field, std::string_view want);
// FIELD: "ID" is not an id (invalid_argument).
absl::Status bad_id(std::string_view field, std::string_view id);

}  // namespace vshop::command_schema
