// Errors of the `vshop` command: every failure is one line on standard error and exit status 2,
// whatever the values it names (file names, argument values, messages of the core).
#pragma once

#include <string>
#include <string_view>

namespace vshop::cli {

// `text` with control characters escaped (`\n`, `\r`, `\t`, other bytes below 0x20 and 0x7F as
// `\xNN`), so that it cannot break a line.
std::string one_line(std::string_view text);

// `"value"` for a message, escaped as one_line does.
std::string quoted_value(std::string_view value);

// Prints `vshop <command>: <message>` (or `vshop: <message>` without a command) as one line on
// standard error and returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

}  // namespace vshop::cli
