// Validating many documents: JSON Lines in, per-document results, stream checks and a summary
// by code (docs/events.md §2 "Stream checks", §3).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/events/issue.hpp"
#include "vshop/events/stream_checker.hpp"
#include "vshop/events/validator.hpp"
#include "vshop/export.hpp"
#include "vshop/text_lines.hpp"

namespace vshop::events {

struct LineResult {
  std::size_t line = 0;  // 1-based; blank lines are skipped but counted
  ValidationResult result;
};

// Issue counts by code and severity, in docs/events.md §3 `--summary` order.
struct CodeCount {
  IssueCode code;
  Severity severity;
  std::size_t count;
  std::size_t first_line;  // where the first example was found
  Issue first_example;
};

struct Summary {
  std::size_t events = 0;
  std::size_t critical = 0;
  std::size_t warning = 0;
  std::vector<CodeCount> by_code;  // most frequent first, then by code, critical first
};

// Accumulates a Summary from results in input order.
class VSHOP_API SummaryBuilder {
 public:
  void add(std::size_t line, const ValidationResult& result);
  Summary finish() const;

 private:
  Summary totals_;
  std::vector<CodeCount> slots_ = std::vector<CodeCount>(2 * kIssueCodeCount);
};

struct BatchResult {
  std::vector<LineResult> documents;
  Summary summary;
};

// Validates JSON Lines text (a final line without newline is read) with one reused parser.
VSHOP_API BatchResult validate_lines(std::string_view jsonl, const ProductFeed* feed = nullptr);

// Calls `visit(line_number, offset_in_text, line_text)` for each non-blank line of `text`.
template <typename Visit>
void for_each_line(std::string_view text, Visit&& visit);

// The canonical output line of one document: {"line":N,"event":..,"issues":[...]} (no newline).
VSHOP_API void append_result_json(std::string& out, std::size_t line,
                                  const ValidationResult& result);
// The `--summary` lines, each followed by a newline.
VSHOP_API void append_summary_json(std::string& out, const Summary& summary);
// The readable report for a merchant's developer: totals, then each code with its count and
// first example.
VSHOP_API void append_summary_text(std::string& out, const Summary& summary);

// Blank lines are those of every JSON Lines reader (vshop/text_lines.hpp).
using vshop::is_blank_line;

template <typename Visit>
void for_each_line(std::string_view text, Visit&& visit) {
  std::size_t line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string_view current = text.substr(start, end - start);
    if (!is_blank_line(current)) visit(line, start, current);
    start = end + 1;
  }
}

}  // namespace vshop::events
