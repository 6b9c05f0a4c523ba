// Engine.metrics / daily_metrics (R-METRIC-1) as vshop.Metrics / vshop.DailyMetrics records, and
// the dashboard reports of `vshop simulate --report`.
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "conv.hpp"
#include "engine.hpp"

namespace vshop::python {

namespace {

using namespace pybind11::literals;

// A vshop.Scope record, or "merchant" / None, as the C++ scope.
MetricsScope scope_of(py::handle scope) {
  if (scope.is_none() || (PyUnicode_Check(scope.ptr()) && text_of(scope, "scope") == "merchant")) {
    return MetricsScope::merchant();
  }
  if (!py::hasattr(scope, "kind") || !py::hasattr(scope, "id")) {
    raise_error(ErrorCode::kInvalidArgument, "scope: expected a vshop.Scope or 'merchant', got " +
                                                 py::repr(scope).cast<std::string>());
  }
  return {from_py<analytics::ScopeKind>(scope.attr("kind"), "scope.kind"),
          py::str(scope.attr("id"))};
}

// The arguments of both metrics queries, read and checked before the engine is held.
struct Query {
  MetricsScope scope;
  Instant from, to;
};
Query query_of(py::handle scope, py::handle start, py::handle end) {
  return {scope_of(scope), to_instant(start, "start"), to_instant(end, "end")};
}

py::object ratio(std::optional<double> value) {
  return value ? py::object(py::float_(*value)) : py::object(py::none());
}

// The fields of vshop.Metrics as keyword arguments (DailyMetrics adds `day`).
py::dict metrics_fields(const analytics::Metrics& m) {
  py::list currencies;
  for (const analytics::CurrencyMetrics& c : m.currencies) {
    const std::string average = c.average();
    currencies.append(records().attr("CurrencyMetrics")(
        "code"_a = std::string(c.code), "exponent"_a = c.exponent, "orders"_a = c.orders,
        "gross_minor"_a = c.gross_minor, "gross"_a = c.gross(),
        "average"_a = average.empty() ? py::object(py::none()) : py::object(py::str(average))));
  }
  return py::dict("initiated"_a = m.initiated, "claimed"_a = m.claimed, "missed"_a = m.missed,
                  "offered"_a = m.offered, "associate_days"_a = m.associate_days,
                  "taken"_a = m.taken, "transfers_in"_a = m.transfers_in, "engaged"_a = m.engaged(),
                  "available_associates"_a = m.available_associates, "ratings"_a = m.ratings,
                  "rating_sum"_a = m.rating_sum, "orders"_a = m.orders,
                  "unattributed_orders"_a = m.unattributed_orders, "converted"_a = m.converted,
                  "responses"_a = m.responses,
                  "response_median"_a = from_optional_duration(m.response_median),
                  "response_p90"_a = from_optional_duration(m.response_p90),
                  "claimed_ratio"_a = ratio(m.claimed_ratio()),
                  "conversion_ratio"_a = ratio(m.conversion_ratio()),
                  "offers_claimed_ratio"_a = ratio(m.offers_claimed_ratio()),
                  "chats_per_associate"_a = ratio(m.chats_per_associate()),
                  "average_rating"_a = ratio(m.average_rating()), "currencies"_a = currencies);
}

// A reporting date: None, a datetime.date or a "YYYY-MM-DD" string.
std::optional<analytics::LocalDate> date_of(py::handle value, std::string_view field) {
  if (value.is_none()) return std::nullopt;
  std::string text;
  if (PyUnicode_Check(value.ptr())) {
    text = text_of(value, field);
  } else if (py::hasattr(value, "isoformat") && !py::hasattr(value, "hour")) {
    text = py::str(value.attr("isoformat")());
  } else {
    raise_error(ErrorCode::kInvalidArgument,
                std::string(field) + ": expected a datetime.date or 'YYYY-MM-DD', got " +
                    py::repr(value).cast<std::string>());
  }
  return check(analytics::parse_local_date(text, field));
}

ExportRequest export_request(py::handle from, py::handle to, const std::string& format) {
  if (format != "csv" && format != "jsonl") {
    raise_error(ErrorCode::kInvalidArgument, "format: '" + format + "' is not csv or jsonl");
  }
  return {date_of(from, "from"), date_of(to, "to"),
          format == "csv" ? analytics::ExportFormat::kCsv : analytics::ExportFormat::kJsonLines};
}

// Engine.export_chats / export_data: the arguments checked before the engine is held.
template <absl::StatusOr<std::string> (Engine::*Export)(const ExportRequest&) const>
void def_export(py::class_<PyEngine>& cls, const char* name, const char* doc) {
  cls.def(
      name,
      [](const PyEngine& self, py::handle from, py::handle to, const std::string& format) {
        const ExportRequest request = export_request(from, to, format);
        std::string text;
        {
          const auto lock = self.shared();
          text = check((self.engine.*Export)(request));
        }
        return text;
      },
      "start"_a = py::none(), "end"_a = py::none(), "format"_a = "csv", doc);
}

}  // namespace

void bind_metrics(py::class_<PyEngine>& cls) {
  cls.def(
      "metrics",
      [](const PyEngine& self, py::handle scope, py::handle start, py::handle end) {
        const Query q = query_of(scope, start, end);
        analytics::Metrics m;
        {
          const auto lock = self.shared();
          m = check(self.engine.metrics(q.scope, q.from, q.to));
        }
        return records().attr("Metrics")(**metrics_fields(m));
      },
      "scope"_a, "start"_a, "end"_a,
      "R-METRIC-1 over the reporting days [start, end) touches, as a vshop.Metrics record. "
      "`scope`: vshop.Scope.merchant()/store(id)/expert(id) or 'merchant'.");
  cls.def(
      "daily_metrics",
      [](const PyEngine& self, py::handle scope, py::handle start, py::handle end) {
        const Query q = query_of(scope, start, end);
        std::vector<analytics::DailyMetrics> days;
        {
          const auto lock = self.shared();
          days = check(self.engine.daily_metrics(q.scope, q.from, q.to));
        }
        const py::object date = py::module_::import("datetime").attr("date");
        const py::object record = records().attr("DailyMetrics");
        py::object table = records().attr("MetricsTable")();
        for (const analytics::DailyMetrics& d : days) {
          py::dict fields = metrics_fields(d.metrics);
          fields["day"] = date(static_cast<int>(d.day.year()), static_cast<unsigned>(d.day.month()),
                               static_cast<unsigned>(d.day.day()));
          table.attr("append")(record(**fields));
        }
        return table;
      },
      "scope"_a, "start"_a, "end"_a,
      "The same as one vshop.DailyMetrics per reporting day (empty days included), in a "
      "vshop.MetricsTable (a list with an HTML view; pandas.DataFrame takes it directly).");
  def_plain_query<&Engine::metrics_report_text>(
      cls, "metrics_report_text",
      "The dashboard report as a readable table (`vshop simulate --report`).");
  def_plain_query<&Engine::metrics_report_json>(
      cls, "metrics_report_json",
      "The dashboard report as canonical JSON (`vshop simulate --report=json`).");
  def_export<&Engine::export_chats>(
      cls, "export_chats",
      "Export Chats (docs/metrics.md): one record per chat requested on the reporting days "
      "start..end (datetime.date or 'YYYY-MM-DD', inclusive; None: the recorded history), as "
      "format 'csv' or 'jsonl'.");
  def_export<&Engine::export_data>(
      cls, "export_data",
      "Export Data (docs/metrics.md): per expert, active days and sales per currency over "
      "start..end, as 'csv' or 'jsonl'.");
}

}  // namespace vshop::python
