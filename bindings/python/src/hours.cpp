// vshop.Store: a store document (R-STORE-1, the JSON form of `add_store`) with its compiled
// opening hours (R-HOURS-1..5). Immutable; queries are safe from any number of threads.
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "conv.hpp"
#include "engine.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/hours/store.hpp"

namespace vshop::python {

namespace {

using namespace pybind11::literals;

struct PyStore {
  hours::StoreSpec spec;
  hours::OpeningHours hours;
};

// A store document given as JSON text (str/bytes) or as a dict.
PyStore make_store(py::handle document) {
  std::string text;
  if (PyUnicode_Check(document.ptr()) || PyBytes_Check(document.ptr())) {
    text = text_of(document, "store");
  } else {
    text = py::module_::import("vshop._engine").attr("command_line")(document).cast<std::string>();
  }
  hours::StoreSpec spec = check(hours::parse_store_json(text));
  hours::OpeningHours compiled = check(hours::OpeningHours::create(spec.timezone, spec.hours));
  return PyStore{std::move(spec), std::move(compiled)};
}

py::object text_or_none(const std::string& text) {
  return text.empty() ? py::none() : py::object(py::str(text));
}

}  // namespace

void bind_hours(py::module_& m) {
  py::class_<PyStore> cls(m, "Store",
                          "A store (R-STORE-1) with its opening hours, evaluated exactly in its "
                          "IANA time zone. Built from the store document of `add_store` (JSON "
                          "text or a dict). Queries are safe from any number of threads.");
  cls.def(py::init(&make_store), "document"_a);
  cls.def_property_readonly("id", [](const PyStore& s) { return s.spec.id; });
  cls.def_property_readonly("name", [](const PyStore& s) { return text_or_none(s.spec.name); });
  cls.def_property_readonly("public_name",
                            [](const PyStore& s) { return text_or_none(s.spec.public_name); });
  cls.def_property_readonly("address",
                            [](const PyStore& s) { return text_or_none(s.spec.address); });
  cls.def_property_readonly("lat", [](const PyStore& s) { return s.spec.lat; });
  cls.def_property_readonly("lon", [](const PyStore& s) { return s.spec.lon; });
  cls.def_property_readonly("timezone", [](const PyStore& s) { return s.spec.timezone; });
  cls.def_property_readonly("departments", [](const PyStore& s) { return s.spec.departments; });
  cls.def_property_readonly("osm_hours", [](const PyStore& s) { return s.spec.osm_hours; });
  cls.def(
      "is_open", [](const PyStore& s, py::handle t) { return s.hours.is_open(to_instant(t, "t")); },
      "t"_a, "R-HOURS-4: whether the store is open at `t`.");
  cls.def(
      "next_change",
      [](const PyStore& s, py::handle t) {
        return from_optional_instant(s.hours.next_change(to_instant(t, "t")));
      },
      "t"_a,
      "The next opening or closing strictly after `t` (UTC datetime), or None within 400 days.");
  cls.def(
      "open_intervals",
      [](const PyStore& s, py::handle start, py::handle end) {
        const Instant from = to_instant(start, "start");
        const Instant to = to_instant(end, "end");
        auto result = [&] {
          py::gil_scoped_release release;
          return s.hours.open_intervals(from, to);
        }();
        const std::vector<hours::OpenInterval> intervals = check(std::move(result));
        py::list out;
        for (const hours::OpenInterval& i : intervals) {
          out.append(py::make_tuple(from_instant(i.open), from_instant(i.close)));
        }
        return out;
      },
      "start"_a, "end"_a,
      "The open intervals intersecting [start, end), clipped, as (open, close) UTC datetimes "
      "(at most 1000 days per call).");
  cls.def("__repr__", [](const PyStore& s) {
    return "Store(" + py::repr(py::str(s.spec.id)).cast<std::string>() + ", " +
           py::repr(py::str(s.spec.timezone)).cast<std::string>() + ")";
  });
}

}  // namespace vshop::python
