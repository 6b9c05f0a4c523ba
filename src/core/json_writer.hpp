// Writes compact canonical JSON (docs/reference.md §11): no spaces, keys in the order written,
// non-ASCII as raw UTF-8, control characters escaped. Internal: shared by effects, journal,
// snapshots, the metrics report and the event validator so that every output has the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/json_text.hpp"
#include "vshop/time.hpp"

namespace vshop {

class JsonWriter {
 public:
  JsonWriter() = default;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();

  // Inside an object: writes `"name":`; the next value call completes the member.
  JsonWriter& key(std::string_view name);

  void string(std::string_view value);
  void integer(std::int64_t value);
  void number(double value);  // shortest round-trip form; NaN and infinities as null
  void boolean(bool value);
  void null();
  void instant(Instant value);  // canonical RFC 3339 text, as a JSON string
  // Splices already-serialized JSON (trusted to be valid) as one value.
  void raw(std::string_view json);

  // The text so far; complete once every container is closed.
  const std::string& str() const { return out_; }
  std::string take();
  void clear();

 private:
  void before_value();

  std::string out_;
  std::vector<bool> first_;  // one entry per open container: no member written yet
  bool after_key_ = false;
};

}  // namespace vshop
