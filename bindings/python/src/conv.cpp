// Conversions between C++ values and Python values (conv.hpp).
#include "conv.hpp"

// clang-format off: datetime.h needs Python.h first (pybind11 includes it).
#include <datetime.h>
// clang-format on

#include <array>
#include <cctype>
#include <cstdint>

#include "date/date.h"

namespace vshop::python {

namespace {

PyObject* g_utc = nullptr;  // datetime.timezone.utc, kept forever

constexpr std::int64_t kMsPerDay = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::string repr_of(py::handle value) { return py::repr(value).cast<std::string>(); }

// Microseconds of a timedelta.
std::int64_t delta_us(PyObject* delta) {
  return (static_cast<std::int64_t>(PyDateTime_DELTA_GET_DAYS(delta)) * 86'400 +
          PyDateTime_DELTA_GET_SECONDS(delta)) *
             1'000'000 +
         PyDateTime_DELTA_GET_MICROSECONDS(delta);
}

[[noreturn]] void naive(std::string_view param, py::handle value) {
  raise_error(ErrorCode::kInvalidArgument,
              std::string(param) + ": naive datetime " + repr_of(value) +
                  ": give a timezone-aware datetime (e.g. tzinfo=datetime.timezone.utc)");
}

}  // namespace

void init_datetime() {
  PyDateTime_IMPORT;
  if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  g_utc = PyDateTimeAPI->TimeZone_UTC;
  Py_INCREF(g_utc);
}

Instant to_instant(py::handle value, std::string_view param) {
  PyObject* o = value.ptr();
  if (!PyDateTime_Check(o)) {
    if (PyUnicode_Check(o)) return check(parse_rfc3339(text_of(value, param), param));
    raise_error(ErrorCode::kInvalidArgument,
                std::string(param) + ": expected an aware datetime, got " + repr_of(value));
  }
  PyObject* tz = PyDateTime_DATE_GET_TZINFO(o);
  std::int64_t offset_us = 0;
  if (tz == Py_None) naive(param, value);
  if (tz != g_utc) {
    const py::object offset = value.attr("utcoffset")();
    if (offset.is_none()) naive(param, value);
    offset_us = delta_us(offset.ptr());
  }
  const date::sys_days day = date::year{PyDateTime_GET_YEAR(o)} /
                             static_cast<unsigned>(PyDateTime_GET_MONTH(o)) /
                             static_cast<unsigned>(PyDateTime_GET_DAY(o));
  const std::int64_t seconds = static_cast<std::int64_t>(day.time_since_epoch().count()) * 86'400 +
                               PyDateTime_DATE_GET_HOUR(o) * 3600 +
                               PyDateTime_DATE_GET_MINUTE(o) * 60 + PyDateTime_DATE_GET_SECOND(o);
  const std::int64_t us = seconds * 1'000'000 + PyDateTime_DATE_GET_MICROSECOND(o) - offset_us;
  return check(instant_from_ms(floor_div(us, 1000), param));
}

std::optional<Instant> to_optional_instant(py::handle value, std::string_view param) {
  if (value.is_none()) return std::nullopt;
  return to_instant(value, param);
}

py::object from_instant(Instant t) {
  const std::int64_t ms = to_epoch_ms(t);
  const std::int64_t days = floor_div(ms, kMsPerDay);
  const std::int64_t in_day = ms - days * kMsPerDay;
  const date::year_month_day ymd{date::sys_days{date::days{days}}};
  PyObject* dt = PyDateTimeAPI->DateTime_FromDateAndTime(
      static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
      static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(in_day / 3'600'000),
      static_cast<int>(in_day / 60'000 % 60), static_cast<int>(in_day / 1000 % 60),
      static_cast<int>(in_day % 1000) * 1000, g_utc, PyDateTimeAPI->DateTimeType);
  if (dt == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(dt);
}

py::object from_optional_instant(std::optional<Instant> t) {
  return t ? from_instant(*t) : py::none();
}

Duration to_duration(py::handle value, std::string_view param) {
  if (!PyDelta_Check(value.ptr())) {
    raise_error(ErrorCode::kInvalidArgument,
                std::string(param) + ": expected a timedelta, got " + repr_of(value));
  }
  return Duration{floor_div(delta_us(value.ptr()), 1000)};
}

py::object from_duration(Duration d) {
  const std::int64_t ms = d.count();
  const std::int64_t days = floor_div(ms, kMsPerDay);
  const std::int64_t rest = ms - days * kMsPerDay;
  PyObject* delta = PyDelta_FromDSU(static_cast<int>(days), static_cast<int>(rest / 1000),
                                    static_cast<int>(rest % 1000) * 1000);
  if (delta == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(delta);
}

py::object from_optional_duration(std::optional<Duration> d) {
  return d ? from_duration(*d) : py::none();
}

// --- errors ------------------------------------------------------------------------------

namespace {

std::array<PyObject*, kErrorCodeCount> g_errors{};  // by code; [0] is vshop.Error

// `out_of_order_time` -> `OutOfOrderTime`.
std::string camel_case(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (const char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

PyObject* new_error_class(py::module_& m, const std::string& name, PyObject* bases,
                          const std::string& doc) {
  const std::string qualified = "vshop." + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc.c_str(), bases, nullptr);
  if (cls == nullptr) throw py::error_already_set();
  m.add_object(name.c_str(), py::reinterpret_borrow<py::object>(cls));
  return cls;  // the module and g_errors keep it
}

}  // namespace

void register_errors(py::module_& m) {
  g_errors[0] = new_error_class(
      m, "Error", PyExc_Exception,
      "A vshop call was rejected. `code` is the stable snake_case name of the ErrorCode, "
      "`code_value` its number; the message names the field and the value. Nothing changed "
      "beyond the passage of time (R-TIME-3).");
  py::handle(g_errors[0]).attr("code") = "error";
  py::handle(g_errors[0]).attr("code_value") = 0;
  for (int i = 1; i < kErrorCodeCount; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const std::string snake(error_code_name(code));
    // invalid_argument is also a ValueError, so that code catching ValueError sees bad input.
    py::object bases =
        code == ErrorCode::kInvalidArgument
            ? py::object(py::make_tuple(py::handle(g_errors[0]), py::handle(PyExc_ValueError)))
            : py::reinterpret_borrow<py::object>(g_errors[0]);
    g_errors[i] = new_error_class(m, camel_case(snake), bases.ptr(),
                                  "vshop.Error with code `" + snake + "` (" + std::to_string(i) +
                                      ", docs/reference.md §11 Errors).");
    py::handle(g_errors[i]).attr("code") = snake;
    py::handle(g_errors[i]).attr("code_value") = i;
  }
}

void raise_error(ErrorCode code, std::string_view message) {
  const auto index = static_cast<std::size_t>(code);
  PyObject* cls = index > 0 && index < g_errors.size() ? g_errors[index] : g_errors[0];
  PyErr_SetObject(cls, py::str(message.data(), message.size()).ptr());
  throw py::error_already_set();
}

void raise_status(const absl::Status& status) {
  raise_error(error_code_of(status), std::string(status.message()));
}

// --- enums -------------------------------------------------------------------------------

EnumTable make_enum(py::module_& m, const char* name, int count,
                    const std::vector<std::string>& names, bool int_values) {
  py::list items;
  for (int i = 0; i < count; ++i) {
    std::string member = names[static_cast<std::size_t>(i)];
    for (char& c : member) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (int_values) {
      items.append(py::make_tuple(member, i));
    } else {
      items.append(py::make_tuple(member, names[static_cast<std::size_t>(i)]));
    }
  }
  const py::module_ enum_module = py::module_::import("enum");
  py::object cls =
      enum_module.attr(int_values ? "IntEnum" : "Enum")(name, items, py::arg("module") = "vshop");
  m.attr(name) = cls;
  EnumTable table;
  table.cls = cls.release();
  table.names = names;
  for (int i = 0; i < count; ++i) {
    const py::object member_name = items[static_cast<std::size_t>(i)].cast<py::tuple>()[0];
    table.members.push_back(py::getattr(table.cls, member_name).release());
  }
  return table;
}

int enum_index(const EnumTable& table, py::handle value) {
  for (std::size_t i = 0; i < table.members.size(); ++i) {
    if (value.is(table.members[i])) return static_cast<int>(i);
  }
  if (PyUnicode_Check(value.ptr())) {
    const std::string_view text = text_of(value, "");
    for (std::size_t i = 0; i < table.names.size(); ++i) {
      if (table.names[i] == text) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string_view text_of(py::handle value, std::string_view param) {
  if (PyUnicode_Check(value.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
    if (data == nullptr) {  // a lone surrogate: not encodable as UTF-8
      PyErr_Clear();
      raise_error(ErrorCode::kInvalidArgument,
                  std::string(param) + ": not valid UTF-8 text (a lone surrogate)");
    }
    return {data, static_cast<std::size_t>(size)};
  }
  if (PyBytes_Check(value.ptr())) {
    return {PyBytes_AS_STRING(value.ptr()),
            static_cast<std::size_t>(PyBytes_GET_SIZE(value.ptr()))};
  }
  raise_error(ErrorCode::kInvalidArgument,
              std::string(param) + ": expected str or bytes, got " + repr_of(value));
}

py::handle records() {
  static PyObject* module = nullptr;  // leaked on purpose, like the enum tables
  if (module == nullptr) module = py::module_::import("vshop._records").release().ptr();
  return module;
}

}  // namespace vshop::python
