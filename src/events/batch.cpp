// Many documents: JSON Lines in, per-line results with stream checks, summary and output text.
// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include "vshop/events/batch.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <iterator>

#include "core/json_writer.hpp"
#include "fmt/format.h"
#include "simdjson.h"
#include "vshop/json_text.hpp"

namespace vshop::events {

void SummaryBuilder::add(std::size_t line, const ValidationResult& result) {
  ++totals_.events;
  for (const Issue& issue : result.issues) {
    const bool critical = issue.severity == Severity::kCritical;
    ++(critical ? totals_.critical : totals_.warning);
    CodeCount& slot = slots_[2 * static_cast<std::size_t>(issue.code) + (critical ? 0 : 1)];
    if (slot.count++ == 0) {
      slot.code = issue.code;
      slot.severity = issue.severity;
      slot.first_line = line;
      slot.first_example = issue;
    }
  }
}

Summary SummaryBuilder::finish() const {
  Summary summary = totals_;
  summary.by_code.clear();
  for (const CodeCount& slot : slots_) {
    if (slot.count > 0) summary.by_code.push_back(slot);
  }
  // Most frequent first, then by code name, then critical before warning (docs/events.md §3).
  std::sort(summary.by_code.begin(), summary.by_code.end(),
            [](const CodeCount& a, const CodeCount& b) {
              if (a.count != b.count) return a.count > b.count;
              const auto an = issue_code_name(a.code);
              const auto bn = issue_code_name(b.code);
              if (an != bn) return an < bn;
              return a.severity < b.severity;
            });
  return summary;
}

BatchResult validate_lines(std::string_view jsonl, const ProductFeed* feed) {
  // One padded copy of the whole input lets simdjson parse every line in place.
  const simdjson::padded_string padded(jsonl);
  Validator validator(feed);
  StreamChecker stream;
  SummaryBuilder summary;
  BatchResult batch;
  for_each_line(std::string_view(padded.data(), padded.size()),
                [&](std::size_t line, std::size_t offset, std::string_view text) {
                  DocumentResult document =
                      validator.validate_padded(padded.data() + offset, text.size(), &stream);
                  summary.add(line, document.result);
                  batch.documents.push_back({line, std::move(document.result)});
                });
  batch.summary = summary.finish();
  return batch;
}

namespace {

// `value` as a JSON string literal: copied in one piece when nothing needs escaping (names,
// paths, nearly every message), else through the canonical escaper.
void append_string(std::string& out, std::string_view value) {
  const bool plain = std::none_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == '"' || c == '\\';
  });
  if (!plain) {
    append_json_string(out, value);
    return;
  }
  out += '"';
  out += value;
  out += '"';
}

}  // namespace

void append_result_json(std::string& out, std::size_t line, const ValidationResult& result) {
  // Written directly (no JsonWriter): this runs once per inspected line. The bytes are those of
  // JsonWriter for the same object (tests/unit/events/fast_paths_test.cpp). The head (the whole
  // line for a document without issues) is put together on the stack and appended at once.
  char head[96];
  char* at = head;
  auto put = [&at](std::string_view text) {
    std::memcpy(at, text.data(), text.size());
    at += text.size();
  };
  put("{\"line\":");
  at = std::to_chars(at, at + 24, line).ptr;  // at most 20 digits
  put(",\"event\":\"");
  put(event_type_name(result.event));  // at most 18 characters
  put("\",\"issues\":[");
  if (result.issues.empty()) put("]}");
  out.append(head, at);
  if (result.issues.empty()) return;
  bool first = true;
  for (const Issue& issue : result.issues) {
    out += first ? "{\"severity\":\"" : ",{\"severity\":\"";
    first = false;
    out += severity_name(issue.severity);
    out += "\",\"code\":\"";
    out += issue_code_name(issue.code);
    out += "\",\"path\":";
    append_string(out, issue.path);
    out += ",\"message\":";
    append_string(out, issue.message);
    out += '}';
  }
  out += "]}";
}

void append_summary_json(std::string& out, const Summary& summary) {
  JsonWriter writer;
  for (const CodeCount& entry : summary.by_code) {
    writer.clear();
    writer.begin_object();
    writer.key("code").string(issue_code_name(entry.code));
    writer.key("severity").string(severity_name(entry.severity));
    writer.key("count").integer(static_cast<std::int64_t>(entry.count));
    writer.end_object();
    out += writer.str();
    out += '\n';
  }
  writer.clear();
  writer.begin_object();
  writer.key("events").integer(static_cast<std::int64_t>(summary.events));
  writer.key("critical").integer(static_cast<std::int64_t>(summary.critical));
  writer.key("warning").integer(static_cast<std::int64_t>(summary.warning));
  writer.end_object();
  out += writer.str();
  out += '\n';
}

void append_summary_text(std::string& out, const Summary& summary) {
  out += fmt::format("{} event(s) checked: {} critical issue(s), {} warning(s)\n", summary.events,
                     summary.critical, summary.warning);
  if (summary.by_code.empty()) {
    out += "No issues found.\n";
    return;
  }
  out +=
      "\nBy code (most frequent first); critical = the event cannot be tracked as intended,\n"
      "warning = tracking works but degrades:\n";
  for (const CodeCount& entry : summary.by_code) {
    const Issue& example = entry.first_example;
    out += fmt::format("\n  {:<8} {}  x{}\n", severity_name(entry.severity),
                       issue_code_name(entry.code), entry.count);
    out += fmt::format("           first seen on line {} at {}\n", entry.first_line,
                       example.path.empty() ? std::string("(the whole event)") : example.path);
    out += fmt::format("           {}\n", example.message);
  }
}

}  // namespace vshop::events
