// libFuzzer target for the tracking-event validator: any bytes, as one document and as JSON
// Lines with stream checks, must give a result without crash, leak, UB or hang (R-EVT-3).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vshop/events/batch.hpp"
#include "vshop/events/validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static vshop::events::Validator validator;  // reused, as the batch API does
  const auto result = validator.validate_document(text);
  // A rejected document has exactly one issue at "".
  if (result.result.event == vshop::events::EventType::kUnknown && !result.result.issues.empty() &&
      result.result.issues.front().path.empty() &&
      result.result.issues.front().code <= vshop::events::IssueCode::kNotAnObject &&
      result.result.issues.size() != 1) {
    __builtin_trap();
  }
  const auto batch = vshop::events::validate_lines(text);
  std::string out;
  for (const auto& line : batch.documents) vshop::events::append_result_json(out, line.line, line.result);
  vshop::events::append_summary_json(out, batch.summary);
  return 0;
}
