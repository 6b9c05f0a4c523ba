// Reading JSON Lines input one line at a time with memory bounded by the longest line accepted,
// whatever the size of the input (simulate, replay and inspect stream their input).
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace vshop::cli {

class LineReader {
 public:
  // Lines longer than `max_line_bytes` are skipped to their end and handed over cut, with
  // their full size, for the caller to report. The buffer is followed by `padding` readable
  // bytes, so that a parser needing them (simdjson) can read a line in place.
  LineReader(std::istream& in, std::size_t max_line_bytes, std::size_t padding = 0);

  // The next line without its `\n` (a final line without one is read too), or false at the end
  // of the input or on a read error (then failed() is true). `full_size` is the line's length:
  // more than `text.size()` only for a line over the limit.
  bool next(std::string_view& text, std::size_t& full_size);

  // 1-based number of the line last returned (blank lines count).
  std::size_t line_number() const { return line_number_; }
  // True when a read error, not the end of the input, stopped next().
  bool failed() const { return failed_; }
  // Where the last line starts.
  const char* data() const { return buffer_.data(); }

 private:
  std::istream& in_;
  std::size_t capacity_;  // characters getline may store: the limit + 1, to see it exceeded
  std::string buffer_;
  std::size_t line_number_ = 0;
  bool failed_ = false;
};

}  // namespace vshop::cli
