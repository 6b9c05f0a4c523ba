#include "line_reader.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace vshop::cli {

LineReader::LineReader(std::istream& in, std::size_t max_line_bytes, std::size_t padding)
    : in_(in),
      max_line_(max_line_bytes),
      buffer_(max_line_bytes + 1 + max_line_bytes / 4 + 4096 + padding, ' '),
      capacity_(max_line_bytes + 1 + max_line_bytes / 4 + 4096),
      line_(buffer_.data()) {}

std::size_t LineReader::read_some(char* out, std::size_t room) {
  if (eof_ || failed_) return 0;
  if (on_read_) on_read_();
  using traits = std::char_traits<char>;
  try {
    // As istream's sentry does: what is tied to the input (std::cin: std::cout) goes out first.
    if (in_.tie() != nullptr) in_.tie()->flush();
    std::streambuf* buf = in_.rdbuf();
    // sgetc reads once from the file when the stream's buffer is empty (a failing read, on a
    // directory say, throws); then only what is buffered is taken, never waiting for more.
    if (buf == nullptr || traits::eq_int_type(buf->sgetc(), traits::eof())) {
      eof_ = true;
      return 0;
    }
    const std::streamsize ready = std::max<std::streamsize>(buf->in_avail(), 1);
    const auto got = static_cast<std::size_t>(
        buf->sgetn(out, std::min(ready, static_cast<std::streamsize>(room))));
    if (got == 0) eof_ = true;
    return got;
  } catch (...) {
    failed_ = true;
    return 0;
  }
}

bool LineReader::fill() {
  char* base = buffer_.data();
  if (begin_ > 0) {
    std::memmove(base, base + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t got = read_some(base + end_, capacity_ - end_);
  end_ += got;
  return got > 0;
}

std::size_t LineReader::skip_line() {
  // The line's first max_line_ + 1 bytes stay at the front for the caller; the rest of the
  // buffer is scratch for reading on to the `\n`.
  char* base = buffer_.data();
  const std::size_t head = max_line_ + 1;
  std::size_t skipped = end_ - head;  // read after the head, no `\n` among them
  begin_ = end_ = head;
  for (;;) {
    const std::size_t got = read_some(base + head, capacity_ - head);
    if (got == 0) return skipped;
    const void* nl = std::memchr(base + head, '\n', got);
    if (nl != nullptr) {
      const auto at = static_cast<std::size_t>(static_cast<const char*>(nl) - base);
      skipped += at - head;
      begin_ = at + 1;
      end_ = head + got;
      return skipped;
    }
    skipped += got;
  }
}

bool LineReader::next(std::string_view& text, std::size_t& full_size) {
  for (;;) {
    if (failed_) return false;
    const char* base = buffer_.data();
    const std::size_t pending = end_ - begin_;
    const void* nl = std::memchr(base + begin_, '\n', pending);
    if (nl != nullptr) {
      const std::size_t size =
          static_cast<std::size_t>(static_cast<const char*>(nl) - base) - begin_;
      line_ = base + begin_;
      begin_ += size + 1;
      text = std::string_view(line_, std::min(size, max_line_ + 1));  // cut when over the limit
      full_size = size;
      ++line_number_;
      return true;
    }
    if (pending > max_line_) {
      // The line is longer than the limit: keep its head, count the rest.
      std::memmove(buffer_.data(), base + begin_, pending);
      begin_ = 0;
      end_ = pending;
      const std::size_t head = max_line_ + 1;
      full_size = head + skip_line();
      if (failed_) return false;
      line_ = buffer_.data();
      text = std::string_view(line_, head);
      ++line_number_;
      return true;
    }
    if (eof_) {
      if (pending == 0) return false;
      line_ = base + begin_;  // a final line without `\n`
      begin_ = end_;
      text = std::string_view(line_, pending);
      full_size = pending;
      ++line_number_;
      return true;
    }
    fill();
  }
}

}  // namespace vshop::cli
