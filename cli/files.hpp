// File arguments of the `vshop` subcommands. Each is opened and checked before any work (a
// directory, a missing or unreadable input, an output that cannot be created are errors naming
// the file), and reading or writing one never throws.
#pragma once

#include <cstddef>
#include <fstream>
#include <iosfwd>
#include <string>

namespace vshop::cli {

// The most a file read whole (a store, a snapshot, a product feed) may hold: 256 MiB.
inline constexpr std::size_t kMaxWholeFileBytes = std::size_t{256} << 20;

// An input file argument; "-" is standard input.
class InputFile {
 public:
  // Opens `path`; false with `error` set (naming the file) when it cannot be read.
  bool open(const std::string& path, std::string& error);
  std::istream& stream();
  // For messages: the path quoted (control characters escaped), or "standard input".
  const std::string& name() const { return name_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string name_;
  std::ifstream file_;
};

// An output file argument, created or truncated when opened.
class OutputFile {
 public:
  // Opens `path` for writing; false with `error` set (naming the file) when it cannot.
  bool open(const std::string& path, std::string& error);
  std::ostream& stream() { return file_; }
  // Flushes and closes; false with `error` set when anything could not be written.
  bool close(std::string& error);

 private:
  std::string path_;
  std::ofstream file_;
};

// Reads all of `in` (at most kMaxWholeFileBytes); false with `error` set when it cannot.
bool read_all(InputFile& in, std::string& contents, std::string& error);

// Whether two paths name the same existing file (false when either does not exist, or is "-").
bool same_file(const std::string& a, const std::string& b);

}  // namespace vshop::cli
