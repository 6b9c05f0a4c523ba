#include "files.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "diagnostics.hpp"

namespace vshop::cli {
namespace {

bool is_directory(const std::string& path) {
  std::error_code ignored;
  return std::filesystem::is_directory(path, ignored);
}

std::string reason() { return errno != 0 ? std::strerror(errno) : "unknown error"; }

}  // namespace

bool InputFile::open(const std::string& path, std::string& error) {
  path_ = path;
  if (path == "-") {
    name_ = "standard input";
    return true;
  }
  name_ = quoted_value(path);
  if (is_directory(path)) {
    error = quoted_value(path) + " is a directory, not a file";
    return false;
  }
  errno = 0;
  file_.open(path, std::ios::binary);
  if (!file_) {
    error = "cannot read " + quoted_value(path) + ": " + reason();
    return false;
  }
  return true;
}

std::istream& InputFile::stream() { return path_ == "-" ? std::cin : file_; }

bool OutputFile::open(const std::string& path, std::string& error) {
  path_ = path;
  if (is_directory(path)) {
    error = quoted_value(path) + " is a directory, not a file";
    return false;
  }
  errno = 0;
  file_.open(path, std::ios::binary | std::ios::trunc);
  if (!file_) {
    error = "cannot write " + quoted_value(path) + ": " + reason();
    return false;
  }
  return true;
}

bool OutputFile::close(std::string& error) {
  errno = 0;
  file_.flush();
  const bool flushed = static_cast<bool>(file_);
  file_.close();
  if (!flushed || !file_) {
    error = "error while writing " + quoted_value(path_) + ": " + reason();
    return false;
  }
  return true;
}

bool read_all(InputFile& in, std::string& contents, std::string& error) {
  std::istream& stream = in.stream();
  contents.clear();
  char buffer[1 << 16];
  errno = 0;
  // istream::read turns a failing read (which libstdc++ throws from the stream buffer) into
  // badbit, unlike an istreambuf_iterator.
  while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
    const auto got = static_cast<std::size_t>(stream.gcount());
    if (contents.size() + got > kMaxWholeFileBytes) {
      error = in.name() + " is larger than " + std::to_string(kMaxWholeFileBytes >> 20) + " MiB";
      return false;
    }
    contents.append(buffer, got);
    if (!stream) break;
  }
  if (stream.bad()) {
    error = "error while reading " + in.name() + ": " + reason();
    return false;
  }
  return true;
}

bool same_file(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return false;
  std::error_code ignored;
  return std::filesystem::equivalent(a, b, ignored);
}

}  // namespace vshop::cli
