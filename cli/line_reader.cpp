#include "line_reader.hpp"

#include <limits>

namespace vshop::cli {

LineReader::LineReader(std::istream& in, std::size_t max_line_bytes, std::size_t padding)
    : in_(in), capacity_(max_line_bytes + 1), buffer_(capacity_ + 1 + padding, ' ') {}

bool LineReader::next(std::string_view& text, std::size_t& full_size) {
  if (failed_ || in_.eof()) return false;
  // getline stores at most capacity_ characters (plus its '\0', overwritten by the padding's
  // first byte only after the line: the padding starts after capacity_ + 1).
  in_.getline(buffer_.data(), static_cast<std::streamsize>(capacity_ + 1));
  // A failing read inside the stream buffer (a directory, an I/O error) sets badbit.
  if (in_.bad()) {
    failed_ = true;
    return false;
  }
  const auto got = static_cast<std::size_t>(in_.gcount());
  if (in_.fail() && !in_.eof()) {
    // The line is longer than the buffer: skip the rest, counting it.
    in_.clear();
    in_.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    if (in_.bad()) {
      failed_ = true;
      return false;
    }
    const auto rest = static_cast<std::size_t>(in_.gcount());
    full_size = got + rest - (in_.eof() ? 0 : 1);
    text = std::string_view(buffer_.data(), got);
    ++line_number_;
    return true;
  }
  if (got == 0 && in_.eof()) return false;
  full_size = in_.eof() ? got : got - 1;  // gcount includes the newline when one was read
  text = std::string_view(buffer_.data(), full_size);
  ++line_number_;
  return true;
}

}  // namespace vshop::cli
