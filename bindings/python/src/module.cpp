// The extension module `vshop._vshop`: the C++ API bound directly with pybind11. The package
// `vshop` (bindings/python/vshop) re-exports it with the pure-Python helpers.
#include "conv.hpp"
#include "engine.hpp"

PYBIND11_MODULE(_vshop, m) {
  namespace vp = vshop::python;
  m.doc() = "vshop's C++ engine, opening hours and event validator (use the `vshop` package).";
  m.attr("__version__") = VSHOP_VERSION;
  vp::init_datetime();
  vp::register_errors(m);
  vp::bind_enums(m);
  vp::bind_effects(m);
  m.def(
      "format_instant",
      [](pybind11::handle t) { return vshop::format_instant(vp::to_instant(t, "t")); },
      pybind11::arg("t"), "The canonical text of an instant (`2026-05-14T08:00:00Z`, ms if any).");
  m.def(
      "parse_instant",
      [](pybind11::handle text) {
        return vp::from_instant(vp::check(vshop::parse_instant(vp::text_of(text, "text"), "text")));
      },
      pybind11::arg("text"), "An RFC 3339 text (or epoch milliseconds) as an aware UTC datetime.");
  m.def(
      "_raise_error",
      [](int code, std::string_view message) {
        vp::raise_error(static_cast<vshop::ErrorCode>(code), message);
      },
      "Test hook: raises the exception of an ErrorCode number (as every call does on a "
      "rejection).");
  pybind11::class_<vp::PyEngine> engine(m, "Engine");
  vp::bind_engine(m, engine);
  vp::bind_queries(engine);
  vp::bind_metrics(engine);
  vp::bind_hours(m);
  vp::bind_events(m);
}
