// Conversions between the C++ API and Python values, shared by every file of `vshop._vshop`:
// aware datetimes <-> Instant, timedeltas <-> Duration, C++ enums <-> enum.Enum members, and
// absl::Status -> the `vshop.Error` exception of its ErrorCode.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vshop/error.hpp"
#include "vshop/time.hpp"

namespace vshop::python {

namespace py = pybind11;

// Imports the datetime C API and caches datetime.timezone.utc (call once, from module init).
void init_datetime();

// An aware datetime (or RFC 3339 text) as an Instant; a naive datetime, another type or an
// instant outside years 0001..9999 raises vshop.InvalidArgument naming `param`.
Instant to_instant(py::handle value, std::string_view param);
std::optional<Instant> to_optional_instant(py::handle value, std::string_view param);
// An Instant as an aware datetime in UTC (microseconds = milliseconds * 1000).
py::object from_instant(Instant t);
py::object from_optional_instant(std::optional<Instant> t);
// A timedelta as milliseconds (sub-millisecond parts truncated), and back.
Duration to_duration(py::handle value, std::string_view param);
py::object from_duration(Duration d);
py::object from_optional_duration(std::optional<Duration> d);

// --- errors ------------------------------------------------------------------------------
// Creates vshop.Error and one subclass per ErrorCode (StoreClosed, AtCapacity, ...), each with
// the class attributes `code` (snake_case name) and `code_value` (the stable number).
void register_errors(py::module_& m);
// Raises the exception of `code` with `message` (sets the Python error, throws
// py::error_already_set).
[[noreturn]] void raise_error(ErrorCode code, std::string_view message);
[[noreturn]] void raise_status(const absl::Status& status);
inline void check(const absl::Status& status) {
  if (!status.ok()) raise_status(status);
}
template <typename T>
T check(absl::StatusOr<T> result) {
  if (!result.ok()) raise_status(result.status());
  return *std::move(result);
}

// --- enums -------------------------------------------------------------------------------
// A C++ enum mirrored as a Python enum.Enum whose values are the snake_case names of the text
// contract (`ChatState.ACTIVE.value == "active"`), or the numbers for an IntEnum.
struct EnumTable {
  py::handle cls;                   // the enum class (a strong reference kept forever)
  std::vector<py::handle> members;  // by the C++ value
  std::vector<std::string> names;   // the snake_case names, by the C++ value
};

// Creates the Python enum `name` in `m` from the values 0..count-1 of a C++ enum, named by
// `name_of(value)`; with `int_values` it is an IntEnum valued by the C++ numbers.
EnumTable make_enum(py::module_& m, const char* name, int count,
                    const std::vector<std::string>& names, bool int_values);

// The table of each bound enum type.
template <typename E>
EnumTable*& enum_table() {
  static EnumTable* table = nullptr;  // leaked on purpose: lives as long as the interpreter
  return table;
}

template <typename E, typename NameOf>
void bind_enum(py::module_& m, const char* name, int count, NameOf name_of,
               bool int_values = false) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.emplace_back(name_of(static_cast<E>(i)));
  enum_table<E>() = new EnumTable(make_enum(m, name, count, names, int_values));
}

// The member of a C++ value (a new reference to a cached object).
template <typename E>
py::object to_py(E value) {
  return py::reinterpret_borrow<py::object>(
      enum_table<E>()->members.at(static_cast<std::size_t>(value)));
}

// The index of a member of `table`, or of its snake_case name given as str; -1 when neither.
int enum_index(const EnumTable& table, py::handle value);

// A member of the enum or its snake_case name, as the C++ value; anything else raises
// vshop.InvalidArgument naming `param` and the value.
template <typename E>
E from_py(py::handle value, std::string_view param) {
  const EnumTable& table = *enum_table<E>();
  const int index = enum_index(table, value);
  if (index < 0) {
    raise_error(ErrorCode::kInvalidArgument,
                std::string(param) + ": not a " +
                    py::str(table.cls.attr("__name__")).cast<std::string>() + ": " +
                    py::repr(value).cast<std::string>());
  }
  return static_cast<E>(index);
}

// A Python str or bytes object as text (bytes are taken as UTF-8); other types raise
// vshop.InvalidArgument naming `param`.
std::string_view text_of(py::handle value, std::string_view param);

// The module `vshop._records` (the pure-Python record classes), imported on first use.
py::handle records();

}  // namespace vshop::python
