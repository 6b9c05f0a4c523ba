// `vshop inspect EVENTS.jsonl [--summary] [--format=json|text] [--feed FEED.jsonl]`: validates
// tracking events, one JSON document per line (docs/reference.md §11, docs/events.md §3). Streams:
// one line is read and its result written (buffered) before the next.
#include <iostream>
#include <memory>
#include <string>

#include "command.hpp"
#include "diagnostics.hpp"
#include "files.hpp"
#include "line_reader.hpp"
#include "vshop/events/batch.hpp"
#include "vshop/text_lines.hpp"

namespace vshop::cli {
namespace {

struct InspectOptions {
  std::string input;
  std::string feed_path;
  std::string format = "json";
  bool summary = false;
};

int run_inspect(const InspectOptions& options) {
  constexpr std::string_view kCommand = "inspect";
  std::string error;
  std::unique_ptr<events::ProductFeed> feed;
  if (!options.feed_path.empty()) {
    InputFile feed_file;
    std::string feed_text;
    if (!feed_file.open(options.feed_path, error) || !read_all(feed_file, feed_text, error)) {
      return usage_error(kCommand, "--feed: " + error);
    }
    auto parsed = events::ProductFeed::from_json_lines(feed_text);
    if (!parsed.ok()) {
      return usage_error(
          kCommand, "--feed " + feed_file.name() + ": " + std::string(parsed.status().message()));
    }
    feed = std::make_unique<events::ProductFeed>(std::move(*parsed));
  }
  InputFile input;
  if (!input.open(options.input, error)) return usage_error(kCommand, error);

  events::Validator validator(feed.get());
  events::StreamChecker stream;
  events::SummaryBuilder summary;
  const bool per_event = !options.summary && options.format == "json";
  std::string out;
  bool any_critical = false;
  // A line one byte over the limit is enough to report it too_large: longer ones are cut.
  LineReader reader(input.stream(), events::kMaxDocumentBytes, events::Validator::kReadPadding);
  std::string_view text;
  std::size_t size = 0;
  while (reader.next(text, size)) {
    if (size == text.size() && is_blank_line(text)) continue;
    // An over-long line is passed with its full size: the validator reports too_large.
    const events::DocumentResult result = validator.validate_padded(reader.data(), size, &stream);
    any_critical = any_critical || result.result.has_critical();
    summary.add(reader.line_number(), result.result);
    if (per_event) {
      out.clear();
      events::append_result_json(out, reader.line_number(), result.result);
      out += '\n';
      std::cout << out;
    }
  }
  if (reader.failed()) return usage_error(kCommand, "error while reading " + input.name());
  if (!per_event) {
    out.clear();
    const events::Summary totals = summary.finish();
    if (options.format == "text") {
      events::append_summary_text(out, totals);
    } else {
      events::append_summary_json(out, totals);
    }
    std::cout << out;
  }
  return any_critical ? kExitFindings : kExitOk;
}

const bool registered = register_command(
    {"inspect", "Validate tracking events (JSON Lines) and report issues by event or by code",
     [](CLI::App& sub, int& exit_status) {
       auto options = std::make_shared<InspectOptions>();
       sub.add_option("events", options->input,
                      "Events file, one JSON payload per line ('-' = stdin)")
           ->required();
       sub.add_flag("--summary", options->summary,
                    "Print counts by code and severity instead of one line per event");
       sub.add_option("--format", options->format,
                      "json: one line per event (default); text: grouped report for people")
           ->check(CLI::IsMember({"json", "text"}));
       sub.add_option("--feed", options->feed_path,
                      "Product feed (JSON Lines: id, group, name, image, price, currency)");
       sub.callback([options, &exit_status] { exit_status = run_inspect(*options); });
     }});

}  // namespace
}  // namespace vshop::cli
