// libFuzzer target for the tracking-event validator: any bytes, as one document and as JSON
// Lines with stream checks and a product feed, must give a result without crash, leak, UB or
// hang, and a rejected document must carry exactly one issue (R-EVT-3).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "simdjson.h"
#include "vshop/events/batch.hpp"
#include "vshop/events/validator.hpp"

namespace {

const vshop::events::ProductFeed& feed() {
  static const vshop::events::ProductFeed loaded = [] {
    auto parsed = vshop::events::ProductFeed::from_json_lines(
        R"({"id":"JKT-100","group":"JKT-100","name":"Rain jacket","price":129.9}
{"id":"JKT-100-M","group":"JKT-100","image":"https://cdn.example/m.jpg","price":129.9}
{"id":"1","group":"1","currency":"SEK"})");
    if (!parsed.ok()) __builtin_trap();
    return std::move(*parsed);
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vshop::events;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Reused across inputs, as the batch API and the CLI reuse them.
  static Validator validator(&feed());
  static StreamChecker stream;

  const DocumentResult whole = validator.validate_document(text);
  for (const Issue& issue : whole.result.issues) {
    if (issue.code <= IssueCode::kNotAnObject && whole.result.issues.size() != 1) __builtin_trap();
  }

  const simdjson::padded_string padded(text);
  SummaryBuilder summary;
  std::string out;
  for_each_line(std::string_view(padded.data(), padded.size()),
                [&](std::size_t line, std::size_t offset, std::string_view document) {
                  const DocumentResult result =
                      validator.validate_padded(padded.data() + offset, document.size(), &stream);
                  summary.add(line, result.result);
                  append_result_json(out, line, result.result);
                });
  append_summary_json(out, summary.finish());
  append_summary_text(out, summary.finish());
  return 0;
}
