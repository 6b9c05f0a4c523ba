// One description of a snapshot's fields, two directions. A snapshot section is described once
// as `template <class V> void fields(V& v, T& x)` calling v.text("id", x.id), v.index(...), ...;
// `FieldWriter` runs it to write canonical JSON, `FieldReader` runs the same function to read it
// back, checking every type and range and rejecting unknown or repeated keys. So a field cannot
// be written but not read, or read differently. Used by the engine and metrics book snapshots.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/json_writer.hpp"
#include "simdjson.h"
#include "vshop/time.hpp"

namespace vshop::field_io {

// A malformed snapshot: `what` is "<path>: <problem>"; readers' entry points turn it into
// invalid_argument. Never escapes the library.
struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr std::int64_t kMaxInt64 = std::numeric_limits<std::int64_t>::max();

// Concatenates text pieces and integers (for error messages).
inline void append_piece(std::string& out, std::string_view s) { out.append(s); }
inline void append_piece(std::string& out, const char* s) { out.append(s); }
inline void append_piece(std::string& out, const std::string& s) { out.append(s); }
template <typename I>
requires std::is_integral_v<I>
void append_piece(std::string& out, I i) { out.append(std::to_string(i)); }
template <typename... Pieces>
std::string cat(const Pieces&... pieces) {
  std::string out;
  (append_piece(out, pieces), ...);
  return out;
}

// Adds one element read from a list to a container (vector or set).
template <typename C, typename T>
bool add_to(C& c, T&& value) {
  if constexpr (requires { c.push_back(std::forward<T>(value)); }) {
    c.push_back(std::forward<T>(value));
    return true;
  } else {
    return c.insert(std::forward<T>(value)).second;
  }
}

class FieldWriter {
 public:
  static constexpr bool kReading = false;
  explicit FieldWriter(JsonWriter& out) : out_(out) {}

  // The number of entries a list will have (known before the list is visited).
  template <typename C>
  std::size_t size(std::string_view, const C& c) const {
    return c.size();
  }

  void text(std::string_view name, const std::string& v) { out_.key(name).string(v); }
  void optional_text(std::string_view name, const std::optional<std::string>& v) {
    out_.key(name);
    v ? out_.string(*v) : out_.null();
  }
  void texts(std::string_view name, const std::vector<std::string>& v) {
    out_.key(name).begin_array();
    for (const auto& s : v) out_.string(s);
    out_.end_array();
  }
  void flag(std::string_view name, bool v) { out_.key(name).boolean(v); }
  void number(std::string_view name, double v) { out_.key(name).number(v); }
  // An integer in lo..hi.
  template <typename I>
  void integer(std::string_view name, const I& v, std::int64_t, std::int64_t) {
    out_.key(name).integer(static_cast<std::int64_t>(v));
  }
  // A counter in 0..hi, omitted when zero.
  template <typename I>
  void count(std::string_view name, const I& v, std::int64_t) {
    if (v != 0) out_.key(name).integer(static_cast<std::int64_t>(v));
  }
  // Epoch milliseconds of an instant in years 1..9999.
  void instant(std::string_view name, std::int64_t ms) { out_.key(name).integer(ms); }
  void optional_instant(std::string_view name, const std::optional<std::int64_t>& ms) {
    out_.key(name);
    ms ? out_.integer(*ms) : out_.null();
  }
  // An index into a list of `limit` entries; `none` is written as null (when `nullable`).
  template <typename I>
  void index(std::string_view name, const I& i, std::size_t, I none, bool = true) {
    out_.key(name);
    i == none ? out_.null() : out_.integer(static_cast<std::int64_t>(i));
  }
  // A list of distinct indexes into a list of `limit` entries.
  template <typename C>
  void indexes(std::string_view name, const C& c, std::size_t) {
    out_.key(name).begin_array();
    for (const auto& i : c) out_.integer(static_cast<std::int64_t>(i));
    out_.end_array();
  }
  // One of `count` enumerators, by the name `name_of` gives it.
  template <typename E, typename NameOf>
  void enumeration(std::string_view name, const E& e, NameOf name_of, int) {
    out_.key(name).string(name_of(e));
  }
  // A list of objects, each described by fields(visitor, element).
  template <typename C, typename F>
  void list(std::string_view name, const C& c, F&& fields) {
    out_.key(name).begin_array();
    for (const auto& e : c) {
      out_.begin_object();
      fields(*this, e);
      out_.end_object();
    }
    out_.end_array();
  }
  // A nested object, described by fields(visitor, x); null when !present.
  template <typename T, typename F>
  void optional_object(std::string_view name, const T& x, const bool& present, F&& fields) {
    out_.key(name);
    if (!present) {
      out_.null();
      return;
    }
    out_.begin_object();
    fields(*this, x);
    out_.end_object();
  }
  template <typename T, typename F>
  void object(std::string_view name, const T& x, F&& fields) {
    optional_object(name, x, true, std::forward<F>(fields));
  }
  // A list omitted when empty (absent reads as empty).
  template <typename C, typename F>
  void sparse_list(std::string_view name, const C& c, F&& fields) {
    if (!c.empty()) list(name, c, std::forward<F>(fields));
  }
  // An index omitted when `none` (absent reads as none).
  template <typename I>
  void sparse_index(std::string_view name, const I& i, std::size_t, I none) {
    if (i != none) out_.key(name).integer(static_cast<std::int64_t>(i));
  }
  template <typename C>
  void sparse_indexes(std::string_view name, const C& c, std::size_t limit) {
    if (!c.empty()) indexes(name, c, limit);
  }
  // An integer in lo..hi, or null when !present.
  template <typename I>
  void optional_integer(std::string_view name, const I& v, const bool& present, std::int64_t,
                        std::int64_t) {
    out_.key(name);
    present ? out_.integer(static_cast<std::int64_t>(v)) : out_.null();
  }
  // A value with its own JSON form: write(JsonWriter&) here, read(element) when reading.
  template <typename Write, typename Read>
  void custom(std::string_view name, Write&& write, Read&&) {
    out_.key(name);
    write(out_);
  }

 private:
  JsonWriter& out_;
};

class FieldReader {
 public:
  static constexpr bool kReading = true;
  // Reads the members of `object`; `path` names it in errors ("" for the root).
  FieldReader(simdjson::dom::object object, std::string path)
      : object_(object), path_(std::move(path)) {}

  template <typename C>
  std::size_t size(std::string_view name, const C&) {
    simdjson::dom::element e;
    simdjson::dom::array a;
    if (object_[name].get(e) != simdjson::SUCCESS) return 0;  // reported when visited
    return e.get_array().get(a) == simdjson::SUCCESS ? a.size() : 0;
  }

  void text(std::string_view name, std::string& v) { v = string_of(take(name), name); }
  void optional_text(std::string_view name, std::optional<std::string>& v) {
    const auto e = take(name);
    if (e.is_null()) {
      v.reset();
    } else {
      v = string_of(e, name);
    }
  }
  void texts(std::string_view name, std::vector<std::string>& v) {
    v.clear();
    for (simdjson::dom::element e : array_of(take(name), name)) v.push_back(string_of(e, name));
  }
  void flag(std::string_view name, bool& v) {
    if (take(name).get_bool().get(v) != simdjson::SUCCESS) fail(name, "must be true or false");
  }
  void number(std::string_view name, double& v) {
    if (take(name).get_double().get(v) != simdjson::SUCCESS) fail(name, "must be a number");
  }
  template <typename I>
  void integer(std::string_view name, I& v, std::int64_t lo, std::int64_t hi) {
    v = static_cast<I>(integer_of(take(name), name, lo, hi));
  }
  template <typename I>
  void count(std::string_view name, I& v, std::int64_t hi) {
    const auto e = take_optional(name);
    if (!e) {
      v = 0;
      return;
    }
    // Zero is never written: accepting it would let two texts read as one state.
    v = static_cast<I>(integer_of(*e, name, 1, hi));
  }
  void instant(std::string_view name, std::int64_t& ms) { ms = instant_of(take(name), name); }
  void optional_instant(std::string_view name, std::optional<std::int64_t>& ms) {
    const auto e = take(name);
    if (e.is_null()) {
      ms.reset();
    } else {
      ms = instant_of(e, name);
    }
  }
  template <typename I>
  void index(std::string_view name, I& i, std::size_t limit, I none, bool nullable = true) {
    const auto e = take(name);
    if (e.is_null()) {
      if (!nullable) fail(name, "must not be null");
      i = none;
      return;
    }
    i = static_cast<I>(index_of(e, name, limit));
  }
  template <typename C>
  void indexes(std::string_view name, C& c, std::size_t limit) {
    c.clear();
    for (simdjson::dom::element e : array_of(take(name), name)) {
      using T = typename C::value_type;
      if (!add_to(c, static_cast<T>(index_of(e, name, limit)))) fail(name, "listed twice");
    }
  }
  template <typename E, typename NameOf>
  void enumeration(std::string_view name, E& e, NameOf name_of, int count) {
    const std::string s = string_of(take(name), name);
    for (int i = 0; i < count; ++i) {
      if (name_of(static_cast<E>(i)) == s) {
        e = static_cast<E>(i);
        return;
      }
    }
    fail(name, cat("unknown value \"", s, "\""));
  }
  template <typename C, typename F>
  void list(std::string_view name, C& c, F&& fields) {
    c.clear();
    std::size_t i = 0;
    for (simdjson::dom::element e : array_of(take(name), name)) {
      typename C::value_type item{};
      FieldReader sub(object_of(e, name), cat(where(name), "[", i++, "]"));
      fields(sub, item);
      sub.finish();
      if (!add_to(c, std::move(item))) fail(name, "listed twice");
    }
  }
  template <typename T, typename F>
  void optional_object(std::string_view name, T& x, bool& present, F&& fields) {
    const auto e = take(name);
    present = !e.is_null();
    if (!present) return;
    FieldReader sub(object_of(e, name), where(name));
    fields(sub, x);
    sub.finish();
  }
  template <typename T, typename F>
  void object(std::string_view name, T& x, F&& fields) {
    bool present = false;
    optional_object(name, x, present, std::forward<F>(fields));
    if (!present) fail(name, "must not be null");
  }
  template <typename C, typename F>
  void sparse_list(std::string_view name, C& c, F&& fields) {
    c.clear();
    if (!has(name)) return;
    list(name, c, std::forward<F>(fields));
    // An empty list is never written: accepting it would let two texts read as one state.
    if (c.empty()) fail(name, "must be omitted when empty");
  }
  template <typename I>
  void sparse_index(std::string_view name, I& i, std::size_t limit, I none) {
    const auto e = take_optional(name);
    i = e ? static_cast<I>(index_of(*e, name, limit)) : none;
  }
  template <typename C>
  void sparse_indexes(std::string_view name, C& c, std::size_t limit) {
    c.clear();
    if (!has(name)) return;
    indexes(name, c, limit);
    if (c.empty()) fail(name, "must be omitted when empty");
  }
  template <typename I>
  void optional_integer(std::string_view name, I& v, bool& present, std::int64_t lo,
                        std::int64_t hi) {
    const auto e = take(name);
    present = !e.is_null();
    if (present) v = static_cast<I>(integer_of(e, name, lo, hi));
  }
  // read(element) returns an empty string when it accepted the value, else the problem.
  template <typename Write, typename Read>
  void custom(std::string_view name, Write&&, Read&& read) {
    if (std::string problem = read(take(name)); !problem.empty()) fail(name, problem);
  }

  // Every member must have been read: an unknown key is rejected, naming it.
  void finish() const {
    if (taken_ == object_.size()) return;
    for (auto [key, value] : object_) {
      bool known = false;
      for (const auto& k : keys_) known = known || k == key;
      if (!known) fail(key, "unknown field");
    }
    fail("", "a field is given twice");
  }

  [[noreturn]] void fail(std::string_view name, std::string_view problem) const {
    throw Bad(cat(where(name), ": ", problem));
  }

 private:
  std::string where(std::string_view name) const {
    if (name.empty()) return path_.empty() ? std::string("(root)") : path_;
    return path_.empty() ? std::string(name) : cat(path_, ".", name);
  }
  bool has(std::string_view name) const {
    simdjson::dom::element e;
    return object_[name].get(e) == simdjson::SUCCESS;
  }
  simdjson::dom::element take(std::string_view name) {
    auto e = take_optional(name);
    if (!e) fail(name, "missing");
    return *e;
  }
  std::optional<simdjson::dom::element> take_optional(std::string_view name) {
    simdjson::dom::element e;
    if (object_[name].get(e) != simdjson::SUCCESS) return std::nullopt;
    ++taken_;
    keys_.push_back(name);
    return e;
  }
  std::string string_of(simdjson::dom::element e, std::string_view name) const {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) fail(name, "must be a string");
    return std::string(s);
  }
  simdjson::dom::array array_of(simdjson::dom::element e, std::string_view name) const {
    simdjson::dom::array a;
    if (e.get_array().get(a) != simdjson::SUCCESS) fail(name, "must be a list");
    return a;
  }
  simdjson::dom::object object_of(simdjson::dom::element e, std::string_view name) const {
    simdjson::dom::object o;
    if (e.get_object().get(o) != simdjson::SUCCESS) fail(name, "must be an object");
    return o;
  }
  std::int64_t integer_of(simdjson::dom::element e, std::string_view name, std::int64_t lo,
                          std::int64_t hi) const {
    std::int64_t v = 0;
    if (!e.is_int64() || e.get_int64().get(v) != simdjson::SUCCESS) {
      fail(name, "must be an integer");
    }
    if (v < lo || v > hi) fail(name, cat(v, " is outside ", lo, "..", hi));
    return v;
  }
  std::int64_t instant_of(simdjson::dom::element e, std::string_view name) const {
    std::int64_t v = 0;
    if (!e.is_int64() || e.get_int64().get(v) != simdjson::SUCCESS || v < kMinEpochMs ||
        v > kMaxEpochMs) {
      fail(name, "must be epoch milliseconds in years 1..9999");
    }
    return v;
  }
  std::size_t index_of(simdjson::dom::element e, std::string_view name, std::size_t limit) const {
    std::int64_t v = 0;
    if (!e.is_int64() || e.get_int64().get(v) != simdjson::SUCCESS || v < 0 ||
        static_cast<std::uint64_t>(v) >= limit) {
      fail(name, cat("index out of range (", limit, " entries)"));
    }
    return static_cast<std::size_t>(v);
  }

  simdjson::dom::object object_;
  std::string path_;
  std::size_t taken_ = 0;
  std::vector<std::string_view> keys_;
};

}  // namespace vshop::field_io
