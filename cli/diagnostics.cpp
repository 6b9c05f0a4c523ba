#include "diagnostics.hpp"

#include <cstdio>
#include <iostream>

#include "command.hpp"

namespace vshop::cli {

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) {
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    }
  }
  return out;
}

std::string quoted_value(std::string_view value) { return "\"" + one_line(value) + "\""; }

int usage_error(std::string_view command, std::string_view message) {
  std::string line = "vshop";
  if (!command.empty()) line.append(" ").append(command);
  line += ": ";
  line += one_line(message);
  line += '\n';
  std::cerr << line;
  std::cerr.flush();
  return kExitUsage;
}

}  // namespace vshop::cli
