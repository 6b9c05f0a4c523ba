#include "vshop/text_lines.hpp"

namespace vshop {

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace vshop
