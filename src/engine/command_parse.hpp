// Reading the JSON Lines form of a command into a Command that is reused from line to line
// (Engine::apply_json): its strings keep their capacity, so that a line allocates nothing once
// the strings have grown.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "vshop/engine/command.hpp"

namespace vshop {

// parse_command into `out`, which is reset first (reset_command); on failure `out` holds a
// partly read command.
absl::Status parse_command_into(std::string_view line, Command& out);

// Sets every field of `command` to its default (as `Command{}`), keeping the strings' capacity;
// the settings patch is reset only when `kind` is configure (the one command that fills it).
void reset_command(Command& command);

}  // namespace vshop
