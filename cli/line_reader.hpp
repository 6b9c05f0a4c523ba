// Reading JSON Lines input one line at a time with memory bounded by the longest line accepted,
// whatever the size of the input (simulate, replay and inspect stream their input). The input is
// read in large blocks straight from the stream buffer and lines are found with memchr, so that
// a line costs no copy and no per-character stream call; a read never waits for more than the
// input has ready (a pipe fed line by line streams).
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>

namespace vshop::cli {

class LineReader {
 public:
  // Lines longer than `max_line_bytes` are skipped to their end and handed over cut, with
  // their full size, for the caller to report. Each line is followed by `padding` readable
  // bytes, so that a parser needing them (simdjson) can read a line in place.
  LineReader(std::istream& in, std::size_t max_line_bytes, std::size_t padding = 0);

  // The next line without its `\n` (a final line without one is read too), or false at the end
  // of the input or on a read error (then failed() is true). `full_size` is the line's length:
  // more than `text.size()` only for a line over the limit.
  bool next(std::string_view& text, std::size_t& full_size);

  // Calls `hook` each time before the reader waits for more input (when the input is a pipe, a
  // writer buffering its output flushes it there, so that the output of every command read so
  // far is out before the reader blocks).
  void on_read(std::function<void()> hook) { on_read_ = std::move(hook); }

  // 1-based number of the line last returned (blank lines count).
  std::size_t line_number() const { return line_number_; }
  // True when a read error, not the end of the input, stopped next().
  bool failed() const { return failed_; }
  // Where the last line starts.
  const char* data() const { return line_; }

 private:
  // Moves the unread bytes to the front and reads more after them; false when nothing more
  // could be read (end of input or error).
  bool fill();
  // Reads what the input has ready (at least one byte, at most `room`): 0 at its end or on an
  // error (failed_).
  std::size_t read_some(char* out, std::size_t room);
  // Skips the rest of an over-long line up to and including its `\n`; returns the bytes skipped
  // (without the `\n`).
  std::size_t skip_line();

  std::istream& in_;
  std::size_t max_line_;
  std::string buffer_;     // a block of the input, followed by the padding
  std::size_t capacity_;   // bytes of buffer_ that hold input (the rest is padding)
  std::size_t begin_ = 0;  // unread input: [begin_, end_)
  std::size_t end_ = 0;
  const char* line_;
  std::size_t line_number_ = 0;
  std::function<void()> on_read_;
  bool eof_ = false;
  bool failed_ = false;
};

}  // namespace vshop::cli
