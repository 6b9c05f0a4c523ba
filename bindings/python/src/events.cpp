// Tracking-event validation (docs/events.md): vshop.ProductFeed, vshop.Validator and the batch
// result vshop.Batch. A batch is validated with the GIL released and kept as C++ values; its
// documents become vshop.Validation records only when read.
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "conv.hpp"
#include "engine.hpp"
#include "vshop/events/batch.hpp"
#include "vshop/events/product_feed.hpp"
#include "vshop/events/validator.hpp"

namespace vshop::python {

namespace {

using namespace pybind11::literals;

// A Validator is not thread-safe: the lock keeps two Python threads from sharing it at once.
struct PyValidator {
  std::shared_ptr<const events::ProductFeed> feed;
  events::Validator validator;
  std::mutex mutex;
  explicit PyValidator(std::shared_ptr<const events::ProductFeed> f)
      : feed(std::move(f)), validator(feed.get()) {}
};

py::object issue_record(const events::Issue& issue) {
  return records().attr("Issue")(to_py(issue.severity), to_py(issue.code), issue.path,
                                 issue.message);
}

py::object validation_record(const events::ValidationResult& result, py::object line) {
  py::list issues;
  for (const events::Issue& issue : result.issues) issues.append(issue_record(issue));
  return records().attr("Validation")(to_py(result.event), issues, line);
}

py::object summary_record(const events::Summary& summary) {
  py::list by_code;
  for (const events::CodeCount& c : summary.by_code) {
    by_code.append(records().attr("CodeCount")(to_py(c.code), to_py(c.severity), c.count,
                                               c.first_line, issue_record(c.first_example)));
  }
  return records().attr("Summary")(summary.events, summary.critical, summary.warning, by_code);
}

py::object document_at(const events::BatchResult& batch, py::ssize_t index) {
  const auto size = static_cast<py::ssize_t>(batch.documents.size());
  if (index < 0) index += size;
  if (index < 0 || index >= size) throw py::index_error("Batch index out of range");
  const events::LineResult& doc = batch.documents[static_cast<std::size_t>(index)];
  return validation_record(doc.result, py::int_(doc.line));
}

// Binds `name()`: the text `Append` writes for the batch's summary.
template <auto Append>
void def_summary_text(py::class_<events::BatchResult>& cls, const char* name, const char* doc) {
  cls.def(
      name,
      [](const events::BatchResult& b) {
        std::string out;
        Append(out, b.summary);
        return out;
      },
      doc);
}

void bind_batch(py::module_& m) {
  py::class_<events::BatchResult> cls(
      m, "Batch",
      "The results of a JSON Lines batch: a sequence of vshop.Validation (with `line`) and a "
      "summary by code (docs/events.md §3).");
  cls.def("__len__", [](const events::BatchResult& b) { return b.documents.size(); });
  cls.def("__getitem__", &document_at, "index"_a);
  cls.def_property_readonly("summary",
                            [](const events::BatchResult& b) { return summary_record(b.summary); });
  cls.def(
      "to_json_lines",
      [](const events::BatchResult& b) {
        std::string out;
        for (const events::LineResult& doc : b.documents) {
          events::append_result_json(out, doc.line, doc.result);
          out += '\n';
        }
        return out;
      },
      "One canonical result line per document (`vshop inspect`'s output), each ending in \\n.");
  def_summary_text<&events::append_summary_json>(
      cls, "summary_json", "The `--summary` lines (`vshop inspect --summary`).");
  def_summary_text<&events::append_summary_text>(
      cls, "summary_text",
      "The readable report: totals, then each code with its count and first example.");
  cls.def_property_readonly(
      "critical_documents",
      [](const events::BatchResult& b) {
        std::size_t n = 0;
        for (const events::LineResult& doc : b.documents) n += doc.result.has_critical();
        return n;
      },
      "How many documents have at least one critical issue.");
}

}  // namespace

void bind_events(py::module_& m) {
  py::class_<events::ProductFeed, std::shared_ptr<events::ProductFeed>> feed(
      m, "ProductFeed", "The merchant's product feed (docs/events.md, 'With a product feed').");
  feed.def_static(
      "from_json_lines",
      [](py::handle text) {
        return std::make_shared<events::ProductFeed>(
            check(events::ProductFeed::from_json_lines(text_of(text, "feed"))));
      },
      "text"_a, "Reads one {id, group, name, image, price, currency} object per line.");
  feed.def("__len__", &events::ProductFeed::size);

  bind_batch(m);

  py::class_<PyValidator> cls(m, "Validator",
                              "A reusable tracking-event validator (one simdjson parser kept "
                              "across documents). Calls on one Validator are serialized; use one "
                              "per thread for parallel work.");
  cls.def(py::init([](std::shared_ptr<events::ProductFeed> feed) {
            return std::make_unique<PyValidator>(std::move(feed));
          }),
          "feed"_a = nullptr);
  cls.def(
      "validate",
      [](PyValidator& self, py::handle document) {
        const std::string_view text = text_of(document, "document");
        std::lock_guard<std::mutex> lock(self.mutex);
        return validation_record(self.validator.validate_document(text).result, py::none());
      },
      "document"_a, "Validates one document (a payload, or an envelope around one).");
  cls.def(
      "validate_lines",
      [](PyValidator& self, py::handle text) {
        const std::string_view jsonl = text_of(text, "text");
        py::gil_scoped_release release;
        std::lock_guard<std::mutex> lock(self.mutex);
        return events::validate_lines(jsonl, self.feed.get());
      },
      "text"_a,
      "Validates JSON Lines (str or bytes) with the stream checks, without the GIL; returns a "
      "vshop.Batch.");
}

}  // namespace vshop::python
